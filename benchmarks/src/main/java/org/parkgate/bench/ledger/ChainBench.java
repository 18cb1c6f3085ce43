package org.parkgate.bench.ledger;

import static org.parkgate.bench.ledger.LedgerFiles.*;
import static org.parkgate.bench.ledger.Timing.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Optional;
import org.parkgate.controller.ledger.ChainedTable;
import org.parkgate.controller.ledger.HashChain;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;

/** Verifying a long hash chain with ./parking verify's code. */
final class ChainBench {
  private ChainBench() {}

  /**
   * Verifying a chain of {@code links} links (a third each entries, payments, exits) with ./parking
   * verify's code.
   */
  static void chain(Path dir, int links) throws Exception {
    Path file = dir.resolve("chain-" + links + ".db");
    if (!Files.exists(file)) {
      long t = System.nanoTime();
      try (Ledger ledger = Ledger.open(file, "bench")) {
        // schema only
      }
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = db.createStatement()) {
        bulkLoading(s);
        db.setAutoCommit(false);
        HashChain.Head head = HashChain.head(db);
        int stays = links / 3;
        try (PreparedStatement entry =
                db.prepareStatement(
                    "INSERT INTO entries(stay_id, card, lane, entered_at) VALUES (?, ?, 'entry-1', ?)");
            PreparedStatement pay =
                db.prepareStatement(
                    "INSERT INTO payments(payment_id, receipt_seq, receipt_no, stay_id, lane,"
                        + " amount_minor, currency, method, cashier, request_id, paid_at) VALUES (?, ?, ?, ?, 'exit-1', 500, 'CNY', 'cash', 'c1', ?, ?)");
            PreparedStatement exit =
                db.prepareStatement(
                    "INSERT INTO exits(stay_id, lane, exited_at) VALUES (?, 'exit-1', ?)")) {
          for (int i = 1; i <= stays; i++) {
            String at = T0.plusSeconds(i).toString();
            entry.setLong(1, i);
            entry.setString(2, card(i));
            entry.setString(3, at);
            entry.executeUpdate();
            head = HashChain.append(db, head, ChainedTable.ENTRIES, i);
            pay.setLong(1, i);
            pay.setLong(2, i);
            pay.setString(3, String.format("bench-%06d", i));
            pay.setLong(4, i);
            pay.setString(5, "r" + i);
            pay.setString(6, at);
            pay.executeUpdate();
            head = HashChain.append(db, head, ChainedTable.PAYMENTS, i);
            exit.setLong(1, i);
            exit.setString(2, at);
            exit.executeUpdate();
            head = HashChain.append(db, head, ChainedTable.EXITS, i);
          }
        }
        db.commit();
        db.setAutoCommit(true);
        s.execute("PRAGMA journal_mode=WAL");
      }
      System.out.printf(
          "chain: built %,d links in %.0f s (%,d MB)%n",
          links / 3 * 3, (System.nanoTime() - t) / 1e9, Files.size(file) >> 20);
    }
    for (int run = 0; run < 2; run++) {
      long t = System.nanoTime();
      LedgerVerifier.Result result = LedgerVerifier.verify(file, Optional.empty());
      System.out.printf(
          "chain: verify (integrity_check + chain + numbering) of %,d links: %.1f s, %s%n",
          result.links(), (System.nanoTime() - t) / 1e9, result.ok() ? "ok" : result.summary());
    }
  }
}
