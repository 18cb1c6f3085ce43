package org.parkgate.controller.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections a {@link Ledger} runs on: the one that writes (WAL, synchronous=FULL, foreign
 * keys, the file checked and migrated when opened) and read-only ones beside it.
 */
final class LedgerConnections {
  private static final Logger log = LoggerFactory.getLogger(Ledger.class);

  private LedgerConnections() {}

  /** Opens (creating if needed, owner-only) the file, checks it and applies pending migrations. */
  static Connection writer(Path file) {
    try {
      OwnerOnly.createFile(file);
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
        try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
          String result = r.getString(1);
          if (!"ok".equals(result)) {
            db.close();
            throw new LedgerException(
                "ledger "
                    + file
                    + " is damaged (quick_check: "
                    + result
                    + "); refusing to run on it");
          }
        }
      }
      int applied = Migrations.apply(db);
      log.info(
          "ledger: {} open, schema version {} ({} migrations applied now)",
          file,
          Migrations.currentVersion(db),
          applied);
      return db;
    } catch (SQLException | java.io.IOException e) {
      throw new LedgerException("cannot open ledger " + file + ": " + e.getMessage(), e);
    }
  }

  /** A connection that only reads the file, waiting up to 5 s for a writer's lock. */
  static Connection reader(Path file) {
    try {
      Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = reader.createStatement()) {
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("PRAGMA query_only=1");
      }
      return reader;
    } catch (SQLException e) {
      throw new LedgerException("cannot open a reader on " + file + ": " + e.getMessage(), e);
    }
  }
}
