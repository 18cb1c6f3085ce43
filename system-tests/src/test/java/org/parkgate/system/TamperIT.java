package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.ZReport;
import org.parkgate.money.Money;

/**
 * Tampering behind the program's back with the real {@code sqlite3} command line, as someone with
 * the file would: drop the append-only triggers, change the data, put the triggers back. Each
 * attack runs on its own copy of a ledger with three business days in it, and the real {@code
 * verify} command (what {@code ./parking verify} runs) must fail on every one.
 */
class TamperIT {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final Instant DAY1 = Instant.parse("2027-01-09T01:00:00Z");

  @TempDir static Path dir;
  static Path pristine;
  static ZReport z2;

  @BeforeAll
  static void threeDaysOfTraffic() {
    pristine = dir.resolve("pristine.db");
    try (Ledger ledger = Ledger.open(pristine, "tamper")) {
      // Signed as the controller signs: each Z-report's close, and the head at the end (a stop).
      ledger.signWith(org.parkgate.controller.ledger.SiteKey.loadOrCreate(dir));
      cars(ledger, 1, 12, DAY1);
      new org.parkgate.controller.ledger.Reversals(ledger)
          .reversePayment(
              "rev-1",
              "tamper-000004",
              "supervisor1",
              "receipt 4 charged the wrong car",
              DAY1.plusSeconds(4000));
      close(ledger, "2027-01-09T16:10:00Z");
      cars(ledger, 13, 20, DAY1.plus(Duration.ofDays(1)));
      z2 = close(ledger, "2027-01-10T16:10:00Z").get(0);
      cars(ledger, 21, 23, DAY1.plus(Duration.ofDays(2)));
      new org.parkgate.controller.ledger.Anchors(ledger)
          .sign("stop", DAY1.plus(Duration.ofDays(2)).plusSeconds(9000));
    }
  }

  private static void cars(Ledger ledger, int from, int to, Instant day) {
    for (int i = from; i <= to; i++) {
      Instant at = day.plusSeconds(600L * (i - from));
      Stay s =
          new org.parkgate.controller.ledger.Stays(ledger).recordEntry("entry-1", "CARD" + i, at);
      new org.parkgate.controller.ledger.Payments(ledger)
          .recordPayment(
              "pay-" + i,
              s.stayId(),
              "exit-1",
              Money.of(300 + i, "CNY"),
              "cashier1",
              at.plusSeconds(3600));
      if (i % 3 != 0) {
        new org.parkgate.controller.ledger.Stays(ledger)
            .recordExit(s.stayId(), "exit-1", at.plusSeconds(3700));
      }
    }
  }

  private static List<ZReport> close(Ledger ledger, String now) {
    return new DailyClosure(
            ledger,
            ZONE,
            Currency.getInstance("CNY"),
            Clock.fixed(Instant.parse(now), ZoneOffset.UTC))
        .closeFinishedDays();
  }

  @Test
  void everyTamperingWithTheSqlite3CommandLineIsDetected() throws Exception {
    Result clean = verify(pristine);
    assertEquals(0, clean.exit, "the untouched ledger verifies: " + clean.output);

    String anchor = z2.chainLink() + ":" + z2.chainHead();
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put(
        "raise a payment's amount",
        "UPDATE payments SET amount_minor = amount_minor + 100 WHERE receipt_seq = 5;");
    attacks.put(
        "lower a payment's amount", "UPDATE payments SET amount_minor = 1 WHERE receipt_seq = 15;");
    attacks.put(
        "change who took a payment",
        "UPDATE payments SET cashier = 'cashier2' WHERE receipt_seq = 3;");
    attacks.put(
        "move an entry later (a smaller fee)",
        "UPDATE entries SET entered_at = '2027-01-09T02:59:00Z' WHERE stay_id = 4;");
    attacks.put(
        "rewrite an event pushed to the consoles",
        "UPDATE events SET json = replace(json, 'cashier1', 'cashier9') WHERE seq = (SELECT MIN(seq) FROM events WHERE json LIKE '%payment-recorded%');");
    attacks.put(
        "change a Z-report total",
        "UPDATE zreports SET gross_minor = gross_minor - 500, net_minor = net_minor - 500 WHERE z_no = 1;");
    attacks.put(
        "change a reversal's reason", "UPDATE reversals SET reason = 'customer complaint';");
    attacks.put("delete a payment", "DELETE FROM payments WHERE receipt_seq = 7;");
    attacks.put(
        "delete a payment and its chain link",
        "DELETE FROM chain WHERE tbl = 'payments' AND row_id = (SELECT payment_id FROM payments WHERE receipt_seq = 7);"
            + " DELETE FROM payments WHERE receipt_seq = 7;");
    attacks.put(
        "delete a payment, its link, and renumber the receipts after it",
        "DELETE FROM chain WHERE tbl = 'payments' AND row_id = (SELECT payment_id FROM payments WHERE receipt_seq = 7);"
            + " DELETE FROM payments WHERE receipt_seq = 7;"
            + " UPDATE payments SET receipt_seq = receipt_seq - 1, receipt_no = printf('tamper-%06d', receipt_seq - 1) WHERE receipt_seq > 7;");
    attacks.put(
        "delete an exit (the car looks still inside)", "DELETE FROM exits WHERE stay_id = 2;");
    attacks.put(
        "delete a reversal and its link",
        "DELETE FROM reversals; DELETE FROM chain WHERE tbl = 'reversals';");
    attacks.put("delete an event", "DELETE FROM events WHERE seq = 10;");
    attacks.put(
        "delete a Z-report and its link",
        "DELETE FROM zreports WHERE z_no = 1; DELETE FROM chain WHERE tbl = 'zreports' AND row_id = 1;");
    attacks.put(
        "insert a forged payment with the next receipt number",
        "INSERT INTO payments(receipt_seq, receipt_no, stay_id, lane, amount_minor, currency, method, cashier, request_id, paid_at)"
            + " SELECT MAX(receipt_seq) + 1, printf('tamper-%06d', MAX(receipt_seq) + 1), 3, 'exit-1', 900, 'CNY', 'cash', 'cashier1',"
            + " 'forged', '2027-01-11T05:00:00Z' FROM payments;");
    attacks.put(
        "insert a forged entry with a forged chain link",
        "INSERT INTO entries VALUES (500, 'GHOST', 'entry-1', '2027-01-11T05:00:00Z');"
            + " INSERT INTO chain SELECT MAX(link) + 1, 'entries', 500, (SELECT hash FROM chain ORDER BY link DESC LIMIT 1) FROM chain;");
    attacks.put(
        "insert an exit for a car still inside",
        "INSERT INTO exits VALUES (3, 'exit-1', '2027-01-09T05:00:00Z');");
    attacks.put(
        "swap two receipts' numbers",
        "UPDATE payments SET receipt_seq = -receipt_seq, receipt_no = 'x' || receipt_seq WHERE receipt_seq IN (2, 3);"
            + " UPDATE payments SET receipt_seq = 5 + receipt_seq, receipt_no = printf('tamper-%06d', 5 + receipt_seq) WHERE receipt_seq < 0;");
    attacks.put(
        "swap two chain links",
        "UPDATE chain SET link = -link WHERE link IN (20, 21); UPDATE chain SET link = 41 + link WHERE link < 0;");
    attacks.put(
        "swap two stays' cards (reorder who came when)",
        "UPDATE entries SET card = CASE stay_id WHEN 1 THEN 'CARD2' ELSE 'CARD1' END WHERE stay_id IN (1, 2);");
    attacks.put("drop the append-only triggers and leave them off", "");
    attacks.put(
        "cut off the end of a day after its Z-report was printed (verify --anchor from that Z-report)",
        cutTail(z2.chainLink() - 3));
    attacks.put(
        "replace an append-only trigger by a no-op of the same name, then delete a payment",
        "DROP TRIGGER payments_no_delete;"
            + " CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT 1; END;"
            + " DELETE FROM payments WHERE receipt_seq = 9;");
    attacks.put(
        "move an entry later and recompute every hash after it (verify --key)",
        "UPDATE entries SET entered_at = '2027-01-10T02:59:00Z' WHERE stay_id = 16;"
            // and the stay's kept length (V19), which verify recomputes from entry and exit
            + " UPDATE stay_lengths SET seconds = MAX(0, exited_s"
            + " - CAST(strftime('%s', '2027-01-10T02:59:00Z') AS INTEGER)) WHERE stay_id = 16;");
    attacks.put(
        "lower a Z-report's totals and recompute every hash after it (verify --key)",
        "UPDATE zreports SET gross_minor = gross_minor - 500, net_minor = net_minor - 500"
            + " WHERE z_no = 2;");
    attacks.put(
        "delete a payment and its link, keep its event, recompute every hash",
        "DELETE FROM chain WHERE tbl = 'payments' AND row_id = (SELECT MAX(payment_id) FROM payments);"
            + " DELETE FROM payments WHERE payment_id = (SELECT MAX(payment_id) FROM payments);");

    List<String> missed = new ArrayList<>();
    StringBuilder findings = new StringBuilder();
    int i = 0;
    for (Map.Entry<String, String> attack : attacks.entrySet()) {
      Path copy = dir.resolve("attack-" + i++ + ".db");
      Files.copy(pristine, copy);
      boolean restore = !attack.getKey().startsWith("drop the append-only triggers");
      boolean keyed = attack.getKey().contains("--key");
      if (attack.getKey().contains("no-op of the same name")) {
        sqlite3(copy, dropTriggers() + createTriggers() + attack.getValue());
      } else if (attack.getKey().contains("recompute every hash") && !keyed) {
        sqlite3(copy, dropTriggers() + attack.getValue());
        org.parkgate.controller.ledger.Rechain.run(copy);
        sqlite3(copy, createTriggers());
      } else if (keyed) {
        sqlite3(copy, dropTriggers() + attack.getValue());
        org.parkgate.controller.ledger.Rechain.run(copy);
        sqlite3(copy, createTriggers());
        Result unkeyed = verify(copy);
        if (unkeyed.exit != 0) {
          missed.add(attack.getKey() + " (the recomputed chain should pass verify without --key)");
        }
      } else {
        sqlite3(copy, dropTriggers() + attack.getValue() + (restore ? createTriggers() : ""));
      }
      Result r =
          attack.getKey().contains("--anchor")
              ? verify(copy, "--anchor", anchor)
              : keyed
                  ? verify(copy, "--key", dir.resolve("site-key.pub").toString())
                  : verify(copy);
      findings
          .append(attack.getKey())
          .append(" -> exit ")
          .append(r.exit)
          .append(": ")
          .append(r.output.strip())
          .append('\n');
      boolean detected =
          r.exit == 1
              && r.output.contains("FAILED verification")
              && (!restore
                  || !r.output.matches(
                      "(?s).*FAILED verification: append-only triggers removed[^;]*"));
      if (!detected) {
        missed.add(attack.getKey());
      }
    }
    // A tail cut off with its anchors leaves a valid, shorter chain: verify --key passes but names
    // the last anchor left, older than the one the auditor saw on the last Z-report's day.
    Path cut = dir.resolve("attack-cut-with-anchors.db");
    Files.copy(pristine, cut);
    sqlite3(cut, dropTriggers() + cutTail(z2.chainLink() + 2) + createTriggers());
    Result tail = verify(cut, "--key", dir.resolve("site-key.pub").toString());
    findings
        .append("cut off the tail with its anchors (verify --key) -> exit ")
        .append(tail.exit)
        .append(": ")
        .append(tail.output.strip())
        .append('\n');
    if (!tail.output.matches(
        "(?s).*the last is no\\. \\d+ at chain link " + (z2.chainLink() + 1) + " \\(z-report.*")) {
      missed.add("cut off the tail with its anchors: the last good anchor is not named");
    }
    Files.writeString(
        SystemFixture.ROOT.resolve("system-tests/target/tamper-report.txt"), findings);
    System.out.print(findings);
    assertTrue(missed.isEmpty(), "not detected: " + missed + "\n" + findings);
    System.out.println(
        "tamper test: " + attacks.size() + " of " + attacks.size() + " attacks detected");
  }

  /**
   * Deletes every row (and its link) chained after {@code keep}, as if they had never been written.
   */
  private static String cutTail(long keep) {
    StringBuilder sql = new StringBuilder();
    String[][] tables = {
      {"entries", "stay_id"},
      {"exits", "stay_id"},
      {"payments", "payment_id"},
      {"events", "seq"},
      {"reversals", "reversal_id"},
      {"zreports", "z_no"},
      {"anchors", "anchor_no"}
    };
    for (String[] t : tables) {
      sql.append("DELETE FROM ")
          .append(t[0])
          .append(" WHERE ")
          .append(t[1])
          .append(" IN (SELECT row_id FROM chain WHERE tbl = '")
          .append(t[0])
          .append("' AND link > ")
          .append(keep)
          .append(");");
    }
    return sql.append("DELETE FROM chain WHERE link > ").append(keep).append(";").toString();
  }

  private static String dropTriggers() throws IOException {
    StringBuilder sql = new StringBuilder();
    for (String line : triggerLines()) {
      sql.append("DROP TRIGGER ").append(line.split("\\s+")[2]).append(";\n");
    }
    return sql.toString();
  }

  private static String createTriggers() throws IOException {
    return "\n" + String.join("\n", triggerLines()) + "\n";
  }

  /** The CREATE TRIGGER lines of the migrations shipped in the controller. */
  private static List<String> triggerLines() throws IOException {
    List<String> out = new ArrayList<>();
    List<String> files;
    try (InputStream index = Ledger.class.getResourceAsStream("/db/migration/index.txt")) {
      files =
          new String(index.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::trim)
              .filter(l -> !l.isEmpty())
              .toList();
    }
    for (String file : files) {
      try (InputStream in = Ledger.class.getResourceAsStream("/db/migration/" + file)) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("CREATE TRIGGER"))
            .forEach(out::add);
      }
    }
    assertTrue(out.size() >= 14, "the migrations define the append-only triggers: " + out);
    return out;
  }

  private static void sqlite3(Path db, String sql) throws Exception {
    Path script = Files.writeString(dir.resolve("attack.sql"), sql);
    Process p;
    try {
      p =
          new ProcessBuilder("sqlite3", "-bail", db.toString())
              .redirectInput(script.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "the sqlite3 command line is needed (Debian package sqlite3; ./parking test installs it)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "sqlite3 refused the attack: " + out + "\n" + sql);
  }

  private record Result(int exit, String output) {}

  private static Result verify(Path db, String... more) throws Exception {
    List<String> command =
        new ArrayList<>(
            SystemFixture.controllerCommand(
                "org.parkgate.controller.audit.AuditMain", "verify", db.toString()));
    command.addAll(List.of(more));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }
}
