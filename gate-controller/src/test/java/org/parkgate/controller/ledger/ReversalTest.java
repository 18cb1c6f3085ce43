package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.command.Desk;
import org.parkgate.money.Money;

class ReversalTest {
  private static final Money FIVE = Money.of(500, "CNY");
  private static final Instant LATER = Fixtures.T0.plusSeconds(7200);

  @TempDir Path dir;

  @Test
  void aReversalCancelsThePaymentAndLeavesTheOriginalOnRecord() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      Payments payments = new Payments(ledger);
      Reversals reversals = new Reversals(ledger);
      Stay s = stays.recordEntry("entry-1", "A", Fixtures.T0);
      payments.recordPayment("pay-1", s.stayId(), "exit-1", FIVE, "cashier1", Fixtures.T0);
      Reversal r =
          reversals.reversePayment(
              "rev-1", "demo-000001", "supervisor1", "wrong vehicle charged", LATER);
      assertEquals(Money.of(-500, "CNY"), r.amount());
      assertEquals("demo-000001", r.receiptNo());
      assertEquals("supervisor1", r.supervisor());
      assertEquals("wrong vehicle charged", r.reason());
      assertEquals(
          Money.zero(FIVE.currency()),
          payments.paidFor(s.stayId(), FIVE.currency()),
          "the stay owes its fee again");
      assertEquals(FIVE, payments.all().get(0).amount(), "the original payment is unchanged");
      assertEquals(
          r,
          reversals.reversePayment(
              "rev-1", "demo-000001", "supervisor1", "wrong vehicle charged", LATER),
          "a retried reversal is recorded once");
      // The next receipt number carries on: a reversal is not a receipt and leaves no gap.
      Stay t = stays.recordEntry("entry-1", "B", Fixtures.T0);
      assertEquals(
          "demo-000002",
          payments
              .recordPayment("pay-2", t.stayId(), "exit-1", FIVE, "cashier1", LATER)
              .receiptNo());
    }
    assertTrue(Fixtures.verify(dir.resolve("ledger.db")).ok());
  }

  @Test
  void aReversalIsRefusedWithAReasonAndChangesNothing() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Payments payments = new Payments(ledger);
      Reversals reversals = new Reversals(ledger);
      EventLog events = new EventLog(ledger);
      Stay s = new Stays(ledger).recordEntry("entry-1", "A", Fixtures.T0);
      payments.recordPayment("pay-1", s.stayId(), "exit-1", FIVE, "cashier1", Fixtures.T0);
      long before = events.lastSeq();
      assertEquals(
          "a reversal needs a reason",
          assertThrows(
                  LedgerException.class,
                  () -> reversals.reversePayment("r", "demo-000001", "supervisor1", " ", LATER))
              .getMessage());
      assertEquals(
          "a reversal needs the supervisor who makes it",
          assertThrows(
                  LedgerException.class,
                  () -> reversals.reversePayment("r", "demo-000001", "", "x", LATER))
              .getMessage());
      assertEquals(
          "no receipt demo-000009 to reverse",
          Desk.english(
              assertThrows(
                      LedgerException.class,
                      () -> reversals.reversePayment("r", "demo-000009", "supervisor1", "x", LATER))
                  .getMessage()));
      assertEquals(
          "receipt demo-000001 was taken by cashier1, who cannot reverse it; ask another supervisor",
          Desk.english(
              assertThrows(
                      LedgerException.class,
                      () -> reversals.reversePayment("r", "demo-000001", "cashier1", "mine", LATER))
                  .getMessage()));
      reversals.reversePayment("r1", "demo-000001", "supervisor1", "double charge", LATER);
      assertEquals(
          "receipt demo-000001 was already reversed (reversal 1)",
          Desk.english(
              assertThrows(
                      LedgerException.class,
                      () ->
                          reversals.reversePayment(
                              "r2", "demo-000001", "supervisor2", "again", LATER))
                  .getMessage()));
      assertEquals(before + 1, events.lastSeq(), "only the one reversal made is announced");
      assertEquals(
          Money.zero(FIVE.currency()),
          payments.paidFor(s.stayId(), FIVE.currency()),
          "reversed once, not twice");
    }
  }
}
