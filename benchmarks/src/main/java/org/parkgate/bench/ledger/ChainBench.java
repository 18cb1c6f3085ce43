package org.parkgate.bench.ledger;

import static org.parkgate.bench.ledger.LedgerFiles.*;
import static org.parkgate.bench.ledger.Timing.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.ledger.BulkAnchors;
import org.parkgate.controller.ledger.ChainedTable;
import org.parkgate.controller.ledger.HashChain;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.SelfCheck;
import org.parkgate.controller.ledger.SiteKey;
import org.parkgate.money.Money;

/** Verifying a long hash chain with ./parking verify's code, with and without the site key. */
final class ChainBench {
  private ChainBench() {}

  /**
   * Verifying a chain of about {@code links} links with ./parking verify's code, with and without
   * the site key, and the controller's start-up check: each stay is an entry, a payment, its
   * payment-recorded event and an exit (four links), and every 100 payments an anchor is signed, as
   * the controller signs them by default.
   */
  static void chain(Path dir, int links) throws Exception {
    Path file = dir.resolve("signed-chain-" + links + ".db");
    Path keys = Files.createDirectories(dir.resolve("signed-chain-key"));
    SiteKey key = SiteKey.loadOrCreate(keys);
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
        int stays = links / 4;
        long anchors = 0;
        try (PreparedStatement entry =
                db.prepareStatement(
                    "INSERT INTO entries(stay_id, card, lane, entered_at) VALUES (?, ?, 'entry-1', ?)");
            PreparedStatement pay =
                db.prepareStatement(
                    "INSERT INTO payments(payment_id, receipt_seq, receipt_no, stay_id, lane,"
                        + " amount_minor, currency, method, cashier, request_id, paid_at) VALUES (?, ?, ?, ?, 'exit-1', 500, 'CNY', 'cash', 'c1', ?, ?)");
            PreparedStatement event =
                db.prepareStatement(
                    "INSERT INTO events(seq, recorded_at, lane, json) VALUES (?, ?, 'exit-1', ?)");
            PreparedStatement exit =
                db.prepareStatement(
                    "INSERT INTO exits(stay_id, lane, exited_at) VALUES (?, 'exit-1', ?)")) {
          for (int i = 1; i <= stays; i++) {
            Instant now = T0.plusSeconds(i);
            String at = now.toString();
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
            event.setLong(1, i);
            event.setString(2, at);
            event.setString(
                3,
                ApiJson.write(
                    new ConsoleEvent.PaymentRecorded(
                        i,
                        now,
                        "exit-1",
                        i,
                        card(i),
                        Money.of(500, "CNY"),
                        String.format("bench-%06d", i),
                        "c1")));
            event.executeUpdate();
            head = HashChain.append(db, head, ChainedTable.EVENTS, i);
            exit.setLong(1, i);
            exit.setString(2, at);
            exit.executeUpdate();
            head = HashChain.append(db, head, ChainedTable.EXITS, i);
            if (i % 100 == 0) {
              head = BulkAnchors.sign(db, head, key, ++anchors, now);
            }
          }
        }
        db.commit();
        db.setAutoCommit(true);
        s.execute("PRAGMA journal_mode=WAL");
      }
      System.out.printf(
          "chain: built %,d links in %.0f s (%,d MB)%n",
          HashChain.head(DriverManager.getConnection("jdbc:sqlite:" + file)).link(),
          (System.nanoTime() - t) / 1e9,
          Files.size(file) >> 20);
    }
    System.out.printf(
        "chain: signing one chain head with Ed25519: %.3f ms%n",
        BulkAnchors.signNanos(key, 2000) / 1e6);
    for (int run = 0; run < 2; run++) {
      long t = System.nanoTime();
      LedgerVerifier.Result result = LedgerVerifier.verify(file, Optional.empty());
      double plain = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      LedgerVerifier.Result keyed =
          LedgerVerifier.verify(file, Optional.empty(), SiteKey.publicKey(key.publicKeyText()));
      double withKey = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          "chain: verify of %,d links: %.1f s, %s; verify --key: %.1f s (%.2f x), %s%n",
          result.links(),
          plain,
          result.ok() ? "ok" : result.summary(),
          withKey,
          withKey / plain,
          keyed.ok() ? "ok" : keyed.summary());
      t = System.nanoTime();
      try (Ledger ledger = Ledger.open(file, "bench")) {
        double open = (System.nanoTime() - t) / 1e6;
        ledger.signWith(key);
        long c = System.nanoTime();
        SelfCheck.Outcome outcome = SelfCheck.sinceLastAnchor(ledger);
        System.out.printf(
            "chain: start-up: open (quick_check, migrations) %.0f ms, check from the last anchor"
                + " (links %,d..%,d) %.1f ms, %s%n",
            open,
            outcome.fromLink(),
            outcome.head(),
            (System.nanoTime() - c) / 1e6,
            outcome.ok() ? "ok" : outcome.problem().get());
      }
    }
  }
}
