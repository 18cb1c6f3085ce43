package org.parkgate.controller.central;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The head office's schema in PostgreSQL ({@code central/V1__central.sql}): installing it, and
 * registering a site with the database role it ships as. The role may call {@code central.head} and
 * {@code central.append} and nothing else: no table is granted to it.
 */
public final class CentralSchema {
  /** What a site id may be: the same rule the schema checks. */
  public static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

  private CentralSchema() {}

  /** Whether {@code db} already has the schema. */
  public static boolean installed(Connection db) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = 'central'")) {
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Installs the schema in one transaction; refused if it is there already. */
  public static void install(Connection db) throws SQLException {
    if (installed(db)) {
      throw new SQLException("the central schema is installed already");
    }
    String sql = CentralDb.script("V1__central.sql");
    CentralDb.inTransaction(
        db,
        d -> {
          try (Statement s = d.createStatement()) {
            s.execute(sql);
          }
          return null;
        });
  }

  /** The database role a site ships as: {@code parkgate_site_} and its id in lower case. */
  public static String roleOf(String siteId) {
    return "parkgate_site_" + siteId.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /**
   * Registers a site and creates its login role with {@code password}, granted only the two
   * functions, in one transaction.
   */
  public static void addSite(
      Connection db,
      String siteId,
      String name,
      String zone,
      String currency,
      String password,
      String by)
      throws SQLException {
    if (!SITE_ID.matcher(siteId).matches()) {
      throw new SQLException(
          "site id '" + siteId + "' must be letters, digits, '-' or '_' (at most 40)");
    }
    String role = roleOf(siteId);
    CentralDb.inTransaction(
        db,
        d -> {
          try (Statement s = d.createStatement()) {
            s.execute(
                "CREATE ROLE " + role + " LOGIN NOINHERIT PASSWORD " + s.enquoteLiteral(password));
            s.execute("GRANT USAGE ON SCHEMA central TO " + role);
            s.execute(
                "GRANT EXECUTE ON FUNCTION central.append(text, bigint[], text[], bigint[],"
                    + " text[], text[]) TO "
                    + role);
            s.execute("GRANT EXECUTE ON FUNCTION central.head(text) TO " + role);
          }
          try (PreparedStatement p =
              d.prepareStatement(
                  "INSERT INTO central.sites(site_id, name, zone, currency, db_role, added_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, siteId);
            p.setString(2, name);
            p.setString(3, zone);
            p.setString(4, currency);
            p.setString(5, role);
            p.setString(6, by);
            p.executeUpdate();
          }
          change(d, siteId, "ADDED", by);
          return null;
        });
  }

  /**
   * Disables or enables a site, recorded with who did it in {@code central.site_changes}, in one
   * transaction: a disabled site's links are refused (and alarmed) until it is enabled again.
   *
   * @return false when the site was in that state already (nothing is recorded)
   * @throws SQLException when there is no such site, or the database refuses
   */
  public static boolean setEnabled(Connection db, String siteId, boolean enabled, String by)
      throws SQLException {
    return CentralDb.inTransaction(
        db,
        d -> {
          Boolean now;
          try (PreparedStatement p =
              d.prepareStatement(
                  "SELECT enabled FROM central.sites WHERE site_id = ? FOR UPDATE")) {
            p.setString(1, siteId);
            try (ResultSet r = p.executeQuery()) {
              now = r.next() ? r.getBoolean(1) : null;
            }
          }
          if (now == null) {
            throw new SQLException("no site '" + siteId + "' is registered at head office");
          }
          if (now == enabled) {
            return false; // nothing written: the commit has nothing to keep
          }
          update(d, "UPDATE central.sites SET enabled = ? WHERE site_id = ?", enabled, siteId);
          change(d, siteId, enabled ? "ENABLED" : "DISABLED", by);
          return true;
        });
  }

  /**
   * Gives head office the site key's public half ({@code keyText}, as the controller prints it),
   * with which {@code central verify} checks the anchors the site signed; recorded with who gave
   * it.
   *
   * @throws SQLException when there is no such site, or the database refuses
   */
  public static void setKey(Connection db, String siteId, String keyText, String by)
      throws SQLException {
    CentralDb.inTransaction(
        db,
        d -> {
          update(d, "UPDATE central.sites SET public_key = ? WHERE site_id = ?", keyText, siteId);
          change(d, siteId, "KEY", by);
          return null;
        });
  }

  /** One UPDATE of a site's row; refused when there is no such site. */
  private static void update(Connection db, String sql, Object value, String siteId)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setObject(1, value);
      p.setString(2, siteId);
      if (p.executeUpdate() == 0) {
        throw new SQLException("no site '" + siteId + "' is registered at head office");
      }
    }
  }

  private static void change(Connection db, String siteId, String change, String by)
      throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO central.site_changes(site_id, change, by_whom) VALUES (?, ?, ?)")) {
      p.setString(1, siteId);
      p.setString(2, change);
      p.setString(3, by);
      p.executeUpdate();
    }
  }

  /** Whether site {@code site} is registered. */
  public static boolean siteExists(Connection db, String site) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT 1 FROM central.sites WHERE site_id = ?")) {
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }
}
