package org.parkgate.controller.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;

/**
 * What an operator sees from ./parking verify, backup and zreport: exit status and one line why.
 */
class AuditMainTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Clock NOW = Clock.fixed(Instant.parse("2027-01-11T17:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void capture() {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  private Path ledger() {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Stay s = new Stays(ledger).recordEntry("entry-1", "A", Instant.parse("2027-01-10T01:00:00Z"));
      new Payments(ledger)
          .recordPayment(
              "p1",
              s.stayId(),
              "exit-1",
              Money.of(300, "CNY"),
              "cashier1",
              Instant.parse("2027-01-10T02:00:00Z"));
    }
    return file;
  }

  @Test
  void verifyExitsZeroOnAGoodLedgerAndOneWithOneLineOtherwise() throws Exception {
    Path file = ledger();
    assertEquals(0, AuditMain.run(List.of("verify", file.toString()), NOW));
    assertTrue(
        out.toString().startsWith("ledger " + file + " verified: integrity ok;"), out.toString());

    err.reset();
    assertEquals(1, AuditMain.run(List.of("verify", dir.resolve("missing.db").toString()), NOW));
    assertEquals("verify: no ledger file at " + dir.resolve("missing.db") + "\n", err.toString());

    err.reset();
    Path junk = Files.writeString(dir.resolve("junk.db"), "junk ".repeat(1000));
    assertEquals(1, AuditMain.run(List.of("verify", junk.toString()), NOW));
    assertEquals(1, err.toString().lines().count(), err.toString());
  }

  @Test
  void verifyReceiptChecksTheCodePrintedOnAReceipt() {
    Path file = ledger();
    String code;
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Payments payments = new Payments(ledger);
      code =
          payments
              .receiptLink(payments.paymentByReceipt("demo-000001").orElseThrow().paymentId())
              .orElseThrow()
              .verificationCode();
    }
    assertEquals(
        0,
        AuditMain.run(List.of("verify-receipt", code.toLowerCase(), "--db", file.toString()), NOW));
    assertTrue(
        out.toString().startsWith("receipt demo-000001 (3.00 CNY cash at exit-1,"), out.toString());

    assertEquals(2, AuditMain.run(List.of("verify-receipt", "--db", file.toString()), NOW));
    assertEquals(
        2, AuditMain.run(List.of("verify-receipt", "12-ABCD", "--db", file.toString()), NOW));
    assertTrue(
        err.toString().contains("'12-ABCD' is not a receipt's verification code"), err.toString());
  }

  @Test
  void badArgumentsExitTwoWithTheUsage() {
    assertEquals(2, AuditMain.run(List.of("verify", "a.db", "b.db"), NOW));
    assertEquals(2, AuditMain.run(List.of("verify", "--anchor", "12:nothex"), NOW));
    assertEquals(2, AuditMain.run(List.of("verify", "--key", "not-a-key"), NOW));
    assertEquals(2, AuditMain.run(List.of("backup"), NOW));
    assertEquals(2, AuditMain.run(List.of("shred"), NOW));
    assertEquals(2, AuditMain.run(List.of(), NOW));
    assertTrue(
        err.toString().lines().allMatch(l -> l.startsWith("audit: ") && l.contains("usage: ")),
        err.toString());
  }

  @Test
  void backupWritesAVerifiedCopy() {
    Path file = ledger();
    Path copy = dir.resolve("copy.db");
    assertEquals(
        0, AuditMain.run(List.of("backup", copy.toString(), "--db", file.toString()), NOW));
    assertTrue(out.toString().contains("and verified"), out.toString());
    assertEquals(
        1,
        AuditMain.run(List.of("backup", copy.toString(), "--db", file.toString()), NOW),
        "never overwrites");
  }

  @Test
  void backupIntoAFolderKeepsTheNewestCopies() throws Exception {
    Path file = ledger();
    Path folder = Files.createDirectory(dir.resolve("backups"));
    Files.writeString(folder.resolve("notes.txt"), "not a backup");
    for (int hour = 1; hour <= 3; hour++) {
      Clock at = Clock.fixed(Instant.parse("2027-01-11T0" + hour + ":00:00Z"), ZoneOffset.UTC);
      assertEquals(
          0,
          AuditMain.run(
              List.of("backup", folder.toString(), "--db", file.toString(), "--keep", "2"), at),
          err.toString());
    }
    try (var files = Files.list(folder)) {
      assertEquals(
          List.of("ledger-20270111-020000Z.db", "ledger-20270111-030000Z.db", "notes.txt"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    assertTrue(out.toString().contains("removed the oldest beyond 2"), out.toString());
    assertEquals(
        2,
        AuditMain.run(
            List.of("backup", folder.toString(), "--db", file.toString(), "--keep", "0"), NOW));
  }

  @Test
  void restorePutsBackOnlyAVerifiedCopyAndKeepsTheLedgerItReplaces() throws Exception {
    Path file = ledger();
    Path copy = dir.resolve("copy.db");
    assertEquals(
        0, AuditMain.run(List.of("backup", copy.toString(), "--db", file.toString()), NOW));
    Path junk = Files.writeString(dir.resolve("junk.db"), "junk ".repeat(1000));
    byte[] before = Files.readAllBytes(file);

    err.reset();
    assertEquals(
        1, AuditMain.run(List.of("restore", junk.toString(), "--db", file.toString()), NOW));
    assertTrue(err.toString().startsWith("restore: cannot read"), err.toString());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "nothing changed");

    try (org.parkgate.controller.ledger.ControllerLock running =
        org.parkgate.controller.ledger.ControllerLock.take(file)) {
      err.reset();
      assertEquals(
          1, AuditMain.run(List.of("restore", copy.toString(), "--db", file.toString()), NOW));
      assertTrue(err.toString().contains("another controller is running on"), err.toString());
    }

    out.reset();
    assertEquals(
        0, AuditMain.run(List.of("restore", copy.toString(), "--db", file.toString()), NOW));
    Path aside = dir.resolve("ledger.db.replaced-20270111-170000Z");
    assertTrue(Files.exists(aside), "the replaced ledger is kept: " + out);
    assertTrue(out.toString().contains("verified: integrity ok"), out.toString());
  }

  @Test
  void zreportClosesEveryFinishedDayOfTheSite() {
    ledger();
    List<String> args =
        List.of(
            "zreport",
            "--site",
            ROOT.resolve("config/sites/demo.yaml").toString(),
            "--data",
            dir.toString());
    assertEquals(0, AuditMain.run(args, NOW));
    String printed = out.toString();
    assertTrue(printed.contains("Z-report no. 1  business day 2027-01-10"), printed);
    assertTrue(
        printed.contains("Z-report no. 2  business day 2027-01-11"),
        "the demo site's zone decides the day: " + printed);
    assertTrue(printed.contains("receipts demo-000001 .. demo-000001"), printed);
    out.reset();
    assertEquals(0, AuditMain.run(args, NOW));
    assertTrue(
        out.toString().contains("every finished day is closed; the last Z-report is no. 2"),
        out.toString());
  }
}
