package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.money.Money;

/**
 * Signed anchors against an insider with the sqlite3 CLI but not the controller's key: a chain
 * recomputed after an edit, a forged anchor and one signed with another key are each named with the
 * last good anchor; a tail cut off after the last anchor is reported as unsigned links.
 */
class AnchorsTest {
  @TempDir Path dir;

  private Path signedLedger(int cars) {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      ledger.signWith(SiteKey.loadOrCreate(dir));
      Fixtures.drive(ledger, cars);
      new Anchors(ledger).sign("shift-close", Fixtures.T0.plusSeconds(9000));
    }
    return file;
  }

  private PublicKey key() throws Exception {
    return SiteKey.publicKey(Files.readString(dir.resolve("site-key.pub")));
  }

  @Test
  void theKeyIsMadeOnceOwnerOnlyAndItsAnchorsVerify() throws Exception {
    Path file = signedLedger(3);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("site-key"))));
    String pub = Files.readString(dir.resolve("site-key.pub")).strip();
    assertEquals(pub, SiteKey.loadOrCreate(dir).publicKeyText(), "the same key at the next start");

    LedgerVerifier.Result result = LedgerVerifier.verify(file, Optional.empty(), key());
    assertTrue(result.ok(), result.summary());
    assertTrue(
        result
            .summary()
            .contains("signed anchors: 1, all good with the key given; the last is no. 1"),
        result.summary());
    assertTrue(result.summary().contains("(shift-close, "), result.summary());
    assertTrue(result.summary().endsWith(", at the head"), result.summary());
  }

  @Test
  void aChainRecomputedAfterAnEditIsCaughtByTheAnchorBeforeIt() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      ledger.signWith(SiteKey.loadOrCreate(dir));
      Fixtures.drive(ledger, 2);
      new Anchors(ledger).sign("periodic", Fixtures.T0.plusSeconds(8000));
      Stay s = new Stays(ledger).recordEntry("entry-1", "LATE", Fixtures.T0.plusSeconds(8100));
      new Payments(ledger)
          .recordPayment(
              "pay-late",
              s.stayId(),
              "exit-1",
              Money.of(900, "CNY"),
              "cashier1",
              Fixtures.T0.plusSeconds(8200));
      new Anchors(ledger).sign("shift-close", Fixtures.T0.plusSeconds(8300));
    }
    // The first car entered an hour later (a smaller fee), every hash after it recomputed.
    // The stay's kept length too (V19), which verify recomputes from entry and exit.
    Fixtures.tamper(
        file,
        "UPDATE entries SET entered_at = '2027-01-09T03:01:00Z' WHERE stay_id = 1",
        "UPDATE stay_lengths SET seconds = MAX(0, exited_s"
            + " - CAST(strftime('%s', '2027-01-09T03:01:00Z') AS INTEGER)) WHERE stay_id = 1");
    Fixtures.rechain(file);
    Fixtures.restoreTriggers(file);
    assertTrue(Fixtures.verify(file).ok(), "without the key a recomputed chain passes");

    LedgerVerifier.Result result = LedgerVerifier.verify(file, Optional.empty(), key());
    assertFalse(result.ok());
    assertTrue(
        result.summary().contains("signed anchor no. 1 at chain link")
            && result
                .summary()
                .contains("no longer has the hash it signed: the chain was recomputed"),
        result.summary());
    assertTrue(result.summary().contains("no signed anchor before it is good"), result.summary());
  }

  @Test
  void aForgedAnchorOrAnotherKeyIsNamedWithTheLastGoodOne() throws Exception {
    Path file = signedLedger(3);
    try (Ledger ledger = Ledger.open(file, "demo")) {
      ledger.signWith(SiteKey.loadOrCreate(dir));
      Stay s = new Stays(ledger).recordEntry("entry-1", "MORE", Fixtures.T0.plusSeconds(9100));
      new Payments(ledger)
          .recordPayment(
              "pay-more",
              s.stayId(),
              "exit-1",
              Money.of(100, "CNY"),
              "cashier1",
              Fixtures.T0.plusSeconds(9200));
      new Anchors(ledger).sign("periodic", Fixtures.T0.plusSeconds(9300));
    }
    // The second anchor's reason changed: its row and link are recomputed, its signature cannot be.
    Fixtures.tamper(file, "UPDATE anchors SET reason = 'z-report' WHERE anchor_no = 2");
    Fixtures.rechain(file);
    Fixtures.restoreTriggers(file);
    LedgerVerifier.Result forged = LedgerVerifier.verify(file, Optional.empty(), key());
    assertFalse(forged.ok());
    assertTrue(
        forged.summary().contains("signed anchor no. 2")
            && forged.summary().contains("its signature does not verify")
            && forged.summary().contains("the last good signed anchor is no. 1"),
        forged.summary());

    Path other = Files.createDirectory(dir.resolve("other"));
    PublicKey stranger = SiteKey.publicKey(SiteKey.loadOrCreate(other).publicKeyText());
    LedgerVerifier.Result wrongKey = LedgerVerifier.verify(file, Optional.empty(), stranger);
    assertTrue(
        wrongKey.summary().contains("signed anchor no. 1")
            && wrongKey.summary().contains("signed with another key than the one given"),
        wrongKey.summary());
  }

  @Test
  void aTailCutOffAfterTheLastAnchorIsReportedAsUnsignedBackToIt() throws Exception {
    Path file = signedLedger(3);
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Stay s = new Stays(ledger).recordEntry("entry-1", "TAIL", Fixtures.T0.plusSeconds(9100));
      new Payments(ledger)
          .recordPayment(
              "pay-tail",
              s.stayId(),
              "exit-1",
              Money.of(100, "CNY"),
              "cashier1",
              Fixtures.T0.plusSeconds(9200));
    }
    LedgerVerifier.Result result = LedgerVerifier.verify(file, Optional.empty(), key());
    assertTrue(result.ok(), result.summary());
    assertTrue(
        result
            .summary()
            .matches(
                ".*the last is no\\. 1 at chain link \\d+ \\(shift-close, .*\\), 4 links written after it are not signed yet.*"),
        result.summary());
  }

  @Test
  void aLedgerWithNoAnchorFailsWithTheKey() throws Exception {
    Path file = Fixtures.populated(dir, 2);
    SiteKey.loadOrCreate(dir);
    LedgerVerifier.Result result = LedgerVerifier.verify(file, Optional.empty(), key());
    assertFalse(result.ok());
    assertTrue(result.summary().contains("no signed anchor in the ledger"), result.summary());
  }

  @Test
  void periodicAnchorsComeAfterTheTimeOrThePaymentsWhicheverIsFirst() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      ledger.signWith(SiteKey.loadOrCreate(dir));
      Anchors anchors = new Anchors(ledger);
      Duration every = Duration.ofMinutes(15);
      Instant t = Fixtures.T0;
      assertTrue(anchors.signIfDue(every, 3, t).isEmpty(), "an empty ledger: nothing to sign");
      Fixtures.drive(ledger, 1);
      assertEquals(1, anchors.signIfDue(every, 3, t).orElseThrow().anchorNo(), "the first");
      assertTrue(anchors.signIfDue(every, 3, t.plusSeconds(3600)).isEmpty(), "nothing new");
      Stays stays = new Stays(ledger);
      Payments payments = new Payments(ledger);
      for (int i = 1; i <= 3; i++) {
        Stay s = stays.recordEntry("entry-1", "P" + i, t.plusSeconds(i));
        payments.recordPayment(
            "p" + i, s.stayId(), "exit-1", Money.of(100, "CNY"), "cashier1", t.plusSeconds(i));
        if (i < 3) {
          assertTrue(
              anchors.signIfDue(every, 3, t.plusSeconds(60)).isEmpty(),
              i + " payments, one minute: not yet");
        }
      }
      assertEquals(
          "periodic", anchors.signIfDue(every, 3, t.plusSeconds(60)).orElseThrow().reason());
      Stay s = stays.recordEntry("entry-1", "P4", t.plusSeconds(100));
      assertTrue(anchors.signIfDue(every, 3, t.plusSeconds(120)).isEmpty());
      assertEquals(
          3,
          anchors.signIfDue(every, 3, t.plusSeconds(60).plus(every)).orElseThrow().anchorNo(),
          "an entry and fifteen minutes");
      assertTrue(s.stayId() > 0);
    }
  }

  @Test
  void aZReportSignsTheHeadInItsTransaction() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      ledger.signWith(SiteKey.loadOrCreate(dir));
      Fixtures.drive(ledger, 2);
      Clock twoDaysOn = Clock.fixed(Fixtures.T0.plus(Duration.ofDays(2)), ZoneOffset.UTC);
      new DailyClosure(ledger, ZoneId.of("Asia/Shanghai"), Currency.getInstance("CNY"), twoDaysOn)
          .closeFinishedDays();
      Anchors.Anchor last = new Anchors(ledger).last().orElseThrow();
      assertEquals("z-report", last.reason());
    }
  }
}
