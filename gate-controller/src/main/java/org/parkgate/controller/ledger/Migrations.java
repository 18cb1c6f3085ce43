package org.parkgate.controller.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered SQL migrations under {@code db/migration/} (listed in its {@code index.txt},
 * since a class path cannot be listed) that the database has not seen, each in its own transaction,
 * and records each in {@code schema_migrations}.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

  /** Work a migration needs that SQL cannot do, run in the migration's own transaction. */
  private interface JavaStep {
    void run(Connection db) throws SQLException;
  }

  private static final java.util.Map<Integer, JavaStep> JAVA_STEPS =
      java.util.Map.of(2, HashChain::chainExistingRows);

  private Migrations() {}

  static int apply(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
              + " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    }
    // By the versions recorded, not the highest: a migration numbered below one already applied
    // (two made side by side) is still applied once.
    java.util.Set<Integer> done = new java.util.HashSet<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT version FROM schema_migrations")) {
      while (r.next()) {
        done.add(r.getInt(1));
      }
    }
    int applied = 0;
    for (String file :
        resource("index.txt").lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
      Matcher m = NAME.matcher(file);
      if (!m.matches()) {
        throw new IllegalStateException("migration file name not V<n>__<name>.sql: " + file);
      }
      int version = Integer.parseInt(m.group(1));
      if (done.contains(version)) {
        continue;
      }
      db.setAutoCommit(false);
      try (Statement s = db.createStatement()) {
        for (String statement : statements(resource(file))) {
          s.executeUpdate(statement);
        }
        JavaStep step = JAVA_STEPS.get(version);
        if (step != null) {
          step.run(db);
        }
        try (PreparedStatement p =
            db.prepareStatement("INSERT INTO schema_migrations VALUES (?, ?, ?)")) {
          p.setInt(1, version);
          p.setString(2, m.group(2));
          p.setString(3, Instant.now().toString());
          p.executeUpdate();
        }
        db.commit();
        applied++;
        log.info("ledger: applied migration {}", file);
      } catch (SQLException e) {
        db.rollback();
        throw new SQLException("migration " + file + " failed: " + e.getMessage(), e);
      } finally {
        db.setAutoCommit(true);
      }
    }
    return applied;
  }

  /** The newest migration this build knows. */
  static int latestVersion() {
    return resource("index.txt")
        .lines()
        .map(String::trim)
        .map(NAME::matcher)
        .filter(Matcher::matches)
        .mapToInt(m -> Integer.parseInt(m.group(1)))
        .max()
        .orElse(0);
  }

  /**
   * Every trigger the migrations create, by name, as its statement reads ({@link #normal}): what a
   * ledger at the newest version must hold, word for word.
   */
  static java.util.Map<String, String> expectedTriggers() {
    java.util.Map<String, String> triggers = new java.util.LinkedHashMap<>();
    for (String name :
        resource("index.txt").lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
      for (String statement : statements(resource(name))) {
        Matcher m = TRIGGER.matcher(statement);
        if (m.find()) {
          triggers.put(m.group(1), normal(statement));
        }
      }
    }
    return triggers;
  }

  /**
   * Every table, index and trigger a ledger at the newest version holds, by type and name, with its
   * statement as SQLite keeps it ({@link #normal}): the migrations run on an empty database in
   * memory, so columns added by a later migration are where SQLite puts them.
   */
  static java.util.Map<String, String> expectedSchema() {
    try (Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = db.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
              + " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      for (String name :
          resource("index.txt").lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
        for (String statement : statements(resource(name))) {
          s.executeUpdate(statement);
        }
      }
      return schema(db);
    } catch (SQLException e) {
      throw new IllegalStateException("the migrations do not run on an empty database", e);
    }
  }

  /** A database's tables, indexes and triggers as {@code "type name"} to their statement. */
  static java.util.Map<String, String> schema(Connection db) throws SQLException {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                    + " AND name NOT LIKE 'sqlite_%'")) {
      while (r.next()) {
        out.put(r.getString(1) + " " + r.getString(2), normal(r.getString(3)));
      }
    }
    return out;
  }

  private static final Pattern TRIGGER =
      Pattern.compile("^CREATE TRIGGER (?:IF NOT EXISTS )?(\\w+)", Pattern.CASE_INSENSITIVE);

  /** A statement with its whitespace runs made one space and no final semicolon. */
  static String normal(String sql) {
    String one = sql.strip().replaceAll("\\s+", " ");
    return one.endsWith(";") ? one.substring(0, one.length() - 1).strip() : one;
  }

  static int currentVersion(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
      return r.getInt(1);
    }
  }

  /**
   * Splits a script on semicolons that end a line, keeping trigger bodies ({@code ...; END;})
   * whole.
   */
  static List<String> statements(String script) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.lines().toList()) {
      String code = line.replaceAll("--.*$", "").trim();
      if (code.isEmpty()) {
        continue;
      }
      current.append(code).append('\n');
      String sofar = current.toString().trim();
      boolean inTrigger = sofar.toUpperCase(java.util.Locale.ROOT).startsWith("CREATE TRIGGER");
      if (code.endsWith(";")
          && (!inTrigger || sofar.toUpperCase(java.util.Locale.ROOT).endsWith("END;"))) {
        out.add(sofar);
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().trim());
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }
}
