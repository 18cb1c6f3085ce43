package org.parkgate.controller.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.parkgate.money.Money;

/**
 * A ledger with some of everything in it, and the attacker's way in: sqlite with the triggers
 * dropped.
 */
final class Fixtures {
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");

  private Fixtures() {}

  /**
   * {@code cars} stays, each entered, paid (100 * i minor) and left; the second payment reversed.
   */
  static void drive(Ledger ledger, int cars) {
    Stays stays = new Stays(ledger);
    for (int i = 1; i <= cars; i++) {
      Instant at = T0.plusSeconds(60L * i);
      Stay s = stays.recordEntry("entry-1", "CARD" + i, at);
      new Payments(ledger)
          .recordPayment(
              "pay-" + i,
              s.stayId(),
              "exit-1",
              Money.of(100L * i, "CNY"),
              "cashier1",
              at.plusSeconds(30));
      if (i % 2 == 0) {
        stays.recordExit(s.stayId(), "exit-1", at.plusSeconds(40));
      }
    }
    // Vehicles leave in another order than they came: exits are not written in row-id order.
    for (int i = cars % 2 == 1 ? cars : cars - 1; i >= 1; i -= 2) {
      stays.recordExit(
          stays.openStay("CARD" + i).orElseThrow().stayId(), "exit-1", T0.plusSeconds(7200));
    }
    if (cars >= 2) {
      new Reversals(ledger)
          .reversePayment(
              "rev-1",
              "demo-000002",
              "supervisor1",
              "charged twice for stay 2",
              T0.plusSeconds(3600));
    }
  }

  static Path populated(Path dir, int cars) {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      drive(ledger, cars);
    }
    return file;
  }

  /** Runs SQL as an attacker would: straight at the file, append-only triggers dropped first. */
  static void tamper(Path file, String... sql) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      for (String trigger : LedgerVerifier.TRIGGERS) {
        s.executeUpdate("DROP TRIGGER IF EXISTS " + trigger);
      }
      for (String statement : sql) {
        s.executeUpdate(statement);
      }
    }
  }

  /**
   * Puts the dropped triggers back, as a careful attacker would, so only the data can give them
   * away.
   */
  static void restoreTriggers(Path file) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      for (String sql : resource("index.txt").lines().filter(l -> !l.isBlank()).toList()) {
        for (String statement : Migrations.statements(resource(sql))) {
          if (statement.startsWith("CREATE TRIGGER")) {
            s.executeUpdate(statement);
          }
        }
      }
    }
  }

  static String resource(String name) {
    try (var in = Fixtures.class.getResourceAsStream("/db/migration/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static LedgerVerifier.Result verify(Path file) {
    return LedgerVerifier.verify(file, Optional.empty());
  }

  /** Recomputes every link's hash over the rows as they now stand, as an insider would. */
  static void rechain(Path file) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      db.setAutoCommit(false);
      java.util.List<Object[]> links = new java.util.ArrayList<>();
      try (java.sql.ResultSet r =
          db.createStatement().executeQuery("SELECT link, tbl, row_id FROM chain ORDER BY link")) {
        while (r.next()) {
          links.add(new Object[] {r.getLong(1), r.getString(2), r.getLong(3)});
        }
      }
      String previous = java.util.HexFormat.of().formatHex(HashChain.GENESIS);
      for (Object[] l : links) {
        ChainedTable table = ChainedTable.of((String) l[1]).orElseThrow();
        String canonical;
        try (java.sql.PreparedStatement p = db.prepareStatement(table.selectOne())) {
          p.setLong(1, (Long) l[2]);
          try (java.sql.ResultSet r = p.executeQuery()) {
            r.next();
            canonical = HashChain.canonical((Long) l[0], table, r);
          }
        }
        previous = HashChain.hash(previous, canonical);
        try (java.sql.PreparedStatement u =
            db.prepareStatement("UPDATE chain SET hash = ? WHERE link = ?")) {
          u.setString(1, previous);
          u.setLong(2, (Long) l[0]);
          u.executeUpdate();
        }
      }
      db.commit();
    }
  }
}
