package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.money.Money;

/** The controller's own check at start: from the last signed anchor to the head, and the anchor. */
class SelfCheckTest {
  @TempDir Path dir;

  /** Three cars, an anchor, then one more car paid after it; returns the anchor's link. */
  private long ledgerWithATail(Path file) {
    try (Ledger ledger = Ledger.open(file, "demo")) {
      ledger.signWith(SiteKey.loadOrCreate(dir));
      Fixtures.drive(ledger, 3);
      long anchored =
          new Anchors(ledger).sign("stop", Fixtures.T0.plusSeconds(9000)).orElseThrow().chainLink();
      Stay s = new Stays(ledger).recordEntry("entry-1", "TAIL", Fixtures.T0.plusSeconds(9100));
      new Payments(ledger)
          .recordPayment(
              "pay-tail",
              s.stayId(),
              "exit-1",
              Money.of(700, "CNY"),
              "cashier1",
              Fixtures.T0.plusSeconds(9200));
      return anchored;
    }
  }

  private SelfCheck.Outcome check(Path file) {
    try (Ledger ledger = Ledger.open(file, "demo")) {
      ledger.signWith(SiteKey.loadOrCreate(dir));
      return SelfCheck.sinceLastAnchor(ledger);
    }
  }

  @Test
  void onlyWhatCameAfterTheLastAnchorIsRecomputed() {
    Path file = dir.resolve("ledger.db");
    long anchored = ledgerWithATail(file);
    SelfCheck.Outcome outcome = check(file);
    assertTrue(outcome.ok(), outcome.toString());
    assertEquals(anchored, outcome.fromLink());
    assertEquals(anchored + 1 + 4, outcome.head(), "the anchor's row, then the tail's four links");
  }

  @Test
  void aRowChangedAfterTheLastAnchorIsNamed() throws Exception {
    Path file = dir.resolve("ledger.db");
    ledgerWithATail(file);
    Fixtures.tamper(file, "UPDATE payments SET amount_minor = 1 WHERE request_id = 'pay-tail'");
    Fixtures.restoreTriggers(file);
    SelfCheck.Outcome outcome = check(file);
    assertFalse(outcome.ok());
    assertTrue(
        outcome
            .problem()
            .get()
            .matches("chain link \\d+ \\(payments row 4\\): its hash does not match the row.*"),
        outcome.problem().get());
  }

  @Test
  void aChainRecomputedBeneathTheLastAnchorIsNamedByIt() throws Exception {
    Path file = dir.resolve("ledger.db");
    ledgerWithATail(file);
    Fixtures.tamper(
        file, "UPDATE entries SET entered_at = '2027-01-09T03:01:00Z' WHERE stay_id = 1");
    Fixtures.rechain(file);
    Fixtures.restoreTriggers(file);
    SelfCheck.Outcome outcome = check(file);
    assertFalse(outcome.ok());
    assertTrue(
        outcome.problem().get().startsWith("signed anchor no. 1: chain link")
            && outcome.problem().get().contains("no longer has the hash it signed"),
        outcome.problem().get());
  }

  @Test
  void aLedgerWithNoAnchorIsCheckedFromItsFirstLink() throws Exception {
    Path file = Fixtures.populated(dir, 2);
    SelfCheck.Outcome outcome = check(file);
    assertTrue(outcome.ok(), outcome.toString());
    assertEquals(0, outcome.fromLink());
  }
}
