package org.parkgate.controller.central;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What head office holds and what it refused: {@code central status} and {@code central alarms}.
 */
final class CentralStatus {
  private final PrintStream out;

  CentralStatus(PrintStream out) {
    this.out = out;
  }

  int status(Connection db) throws SQLException {
    String sql =
        "SELECT s.site_id, s.enabled, s.name,"
            + " (SELECT count(*) FROM central.links l WHERE l.site_id = s.site_id),"
            + " (SELECT max(l.link) FROM central.links l WHERE l.site_id = s.site_id),"
            + " (SELECT max(l.received_at) FROM central.links l WHERE l.site_id = s.site_id),"
            + " (SELECT extract(epoch FROM clock_timestamp() - max(l.received_at))::bigint"
            + "    FROM central.links l WHERE l.site_id = s.site_id),"
            + " (SELECT count(*) FROM central.alarms a WHERE a.site_id = s.site_id)"
            + " FROM central.sites s ORDER BY s.site_id";
    int sites = 0;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        sites++;
        long held = r.getLong(4);
        long newest = r.getLong(5);
        String at = r.getString(6);
        long lag = r.getLong(7);
        out.printf(
            "%-16s %-8s links %d, %s, alarms %d  (%s)%n",
            r.getString(1),
            r.getBoolean(2) ? "enabled" : "DISABLED",
            held,
            held == 0
                ? "none received yet"
                : "newest " + newest + " received " + at + ", " + lag(lag) + " ago",
            r.getLong(8),
            r.getString(3));
      }
    }
    if (sites == 0) {
      out.println("no sites registered (central add-site)");
    }
    return 0;
  }

  /** A lag in seconds as a person reads it: 45s, 12m05s, 3h07m, 2d04h. */
  static String lag(long seconds) {
    if (seconds < 60) {
      return Math.max(0, seconds) + "s";
    }
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    if (seconds < 86_400) {
      return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
    return String.format("%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
  }

  int alarms(Connection db, String site) throws SQLException {
    String sql =
        "SELECT at, site_id, kind, link, db_role, detail FROM central.alarms"
            + (site == null ? "" : " WHERE site_id = ?")
            + " ORDER BY alarm_id";
    int n = 0;
    try (PreparedStatement p = db.prepareStatement(sql)) {
      if (site != null) {
        p.setString(1, site);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          n++;
          long link = r.getLong(4);
          String linkText = r.wasNull() ? "-" : Long.toString(link);
          out.printf(
              "%s %-16s %-12s link %-8s role %s: %s%n",
              r.getString(1),
              r.getString(2) == null ? "-" : r.getString(2),
              r.getString(3),
              linkText,
              r.getString(5),
              CentralMain.oneLine(r.getString(6)));
        }
      }
    }
    out.println(n == 0 ? "no alarms" : n + (n == 1 ? " alarm" : " alarms"));
    return 0;
  }
}
