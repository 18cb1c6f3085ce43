package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;

class ShiftsTest {
  private static final Instant T0 = Instant.parse("2027-01-09T00:00:00Z"); // 08:00 in Shanghai
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @TempDir Path dir;

  private static Payment pay(Ledger ledger, String card, long minor, String currency, String who) {
    Stay s = new Stays(ledger).recordEntry("entry-1", card, T0);
    return new Payments(ledger)
        .recordPayment("pay-" + card, s.stayId(), "exit-1", Money.of(minor, currency), who, T0);
  }

  @Test
  void aShiftReportCarriesItsCashiersTakingsPerCurrencyTheReceiptsRangeAndTheChainHead()
      throws Exception {
    Path file = dir.resolve("ledger.db");
    List<ConsoleEvent> announced = new ArrayList<>();
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Reversals reversals = new Reversals(ledger);
      ledger.onCommittedEvent(announced::add);
      Shifts shifts = new Shifts(ledger);
      // Last night's shift of another cashier, and a payment before cashier1 logs in.
      Payment before = pay(ledger, "A", 900, "CNY", "cashier1");
      shifts.close("close-0", "cashier1", T0.plusSeconds(1800));

      Shifts.Open open = shifts.open("login-1", "cashier1", T0.plusSeconds(3600));
      assertEquals(2, open.shiftNo(), "shift numbers follow on from the shift closed before");
      pay(ledger, "B", 500, "CNY", "cashier1");
      pay(ledger, "C", 300, "CNY", "cashier2"); // another booth's cashier: not in this shift
      pay(ledger, "D", 200, "USD", "cashier1");
      pay(ledger, "E", 700, "CNY", "cashier1");
      // A supervisor hands back receipt B and the earlier shift's receipt A from this drawer.
      reversals.reversePayment("rev-b", "demo-000002", "supervisor1", "charged twice", T0);
      reversals.reversePayment("rev-a", before.receiptNo(), "supervisor1", "wrong car", T0);
      HashChain.Head headBefore = ledger.read(() -> HashChain.head(ledger.connection()));

      ShiftReport report = shifts.close("handover-1", "cashier1", T0.plusSeconds(8 * 3600));
      assertEquals(2, report.shiftNo());
      assertEquals("cashier1", report.cashier());
      assertEquals(open.openedAt(), report.openedAt());
      assertEquals(3, report.payments());
      assertEquals("demo-000002", report.firstReceipt());
      assertEquals("demo-000005", report.lastReceipt());
      assertEquals(2, report.reversals());
      assertEquals(
          List.of(
              new ShiftReport.Total(2, Money.of(1200, "CNY"), 2, Money.of(-1400, "CNY")),
              new ShiftReport.Total(1, Money.of(200, "USD"), 0, Money.of(0, "USD"))),
          report.totals());
      assertEquals(Money.of(-200, "CNY"), report.totals().get(0).net());
      assertEquals(headBefore.link(), report.chainLink(), "the head as it was at closing");
      assertEquals(headBefore.hash(), report.chainHead());

      ConsoleEvent.ShiftClosed event =
          (ConsoleEvent.ShiftClosed) announced.get(announced.size() - 1);
      assertEquals(2, event.shiftNo());
      assertEquals(report.chainHead(), event.chainHead());
      assertEquals(Money.of(1200, "CNY"), event.totals().get(0).paid());
      assertNull(event.lane());

      assertEquals(
          report,
          shifts.close("handover-1", "cashier1", T0.plusSeconds(9 * 3600)),
          "a retried closing gets the first report and closes nothing more");
      List<ShiftReport> closed = new ShiftReports(ledger).closed();
      assertEquals(List.of(1L, 2L), closed.stream().map(ShiftReport::shiftNo).toList());
      assertEquals(report, closed.get(1), "the report reads back as it was made");
    }
    LedgerVerifier.Result verified = Fixtures.verify(file);
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void aCashierHasOneOpenShiftAndClosingNeedsOne() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Shifts shifts = new Shifts(ledger);
      LedgerException none =
          assertThrows(LedgerException.class, () -> shifts.close("c1", "cashier1", T0));
      assertTrue(none.getMessage().contains("no open shift"), none.getMessage());

      Shifts.Open first = shifts.open("o1", "cashier1", T0);
      assertEquals(first, shifts.open("o1", "cashier1", T0.plusSeconds(5)), "a retried open");
      LedgerException twice =
          assertThrows(LedgerException.class, () -> shifts.open("o2", "cashier1", T0));
      assertTrue(twice.getMessage().contains("already has shift 1 open"), twice.getMessage());
      assertEquals(2, shifts.open("o3", "cashier2", T0).shiftNo(), "another cashier may open");

      assertThrows(LedgerException.class, () -> shifts.open("o4", " ", T0));
      assertEquals(1, shifts.openShiftOf("cashier1").orElseThrow().shiftNo());
      shifts.close("c2", "cashier1", T0.plusSeconds(60));
      assertTrue(shifts.openShiftOf("cashier1").isEmpty());
      assertEquals(3, shifts.open("o5", "cashier1", T0.plusSeconds(120)).shiftNo());
    }
  }

  @Test
  void aCashiersFirstPaymentOpensTheirShiftAndAnEmptyShiftClosesWithNoTakings() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Shifts shifts = new Shifts(ledger);
      pay(ledger, "A", 500, "CNY", "cashier1");
      Shifts.Open opened = shifts.openShiftOf("cashier1").orElseThrow();
      assertEquals(1, opened.shiftNo());
      pay(ledger, "B", 500, "CNY", "cashier1");
      assertEquals(opened, shifts.openShiftOf("cashier1").orElseThrow(), "no second shift");
      assertEquals(2, shifts.close("c1", "cashier1", T0.plusSeconds(7200)).payments());

      shifts.open("o2", "cashier1", T0.plusSeconds(7300));
      ShiftReport empty = shifts.close("c2", "cashier1", T0.plusSeconds(7400));
      assertEquals(0, empty.payments());
      assertNull(empty.firstReceipt());
      assertTrue(empty.totals().isEmpty());
    }
  }

  @Test
  void theZReportListsTheShiftsClosedThatDay() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Shifts shifts = new Shifts(ledger);
      ShiftReports reports = new ShiftReports(ledger);
      pay(ledger, "A", 500, "CNY", "cashier1");
      shifts.close("c1", "cashier1", T0.plusSeconds(8 * 3600)); // 16:00 on the 9th in Shanghai
      shifts.open("o2", "cashier2", T0.plusSeconds(8 * 3600));
      shifts.close("c2", "cashier2", T0.plusSeconds(17 * 3600)); // 01:00 on the 10th
      DailyClosure closure =
          new DailyClosure(
              ledger,
              SHANGHAI,
              Currency.getInstance("CNY"),
              Clock.fixed(Instant.parse("2027-01-10T16:30:00Z"), ZoneOffset.UTC));
      List<ZReport> made = closure.closeFinishedDays();
      assertEquals(2, made.size());
      String ninth = made.get(0).render(reports.closedOn(LocalDate.parse("2027-01-09"), SHANGHAI));
      assertTrue(ninth.contains("shifts closed this day: 1"), ninth);
      assertTrue(
          ninth.contains("shift 1  cashier1  2027-01-09 08:00 .. 2027-01-09 16:00  1 payments"),
          ninth);
      assertTrue(ninth.contains("net 5.00 CNY"), ninth);
      assertTrue(ninth.contains("receipts demo-000001 .. demo-000001"), ninth);
      String tenth = made.get(1).render(reports.closedOn(LocalDate.parse("2027-01-10"), SHANGHAI));
      assertTrue(tenth.contains("shift 2  cashier2"), tenth);
      assertFalse(tenth.contains("cashier1"), tenth);
    }
  }

  @Test
  void theVerifierRecountsEachShiftAndFindsOverlappingShifts() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Shifts shifts = new Shifts(ledger);
      pay(ledger, "A", 500, "CNY", "cashier1");
      shifts.close("c1", "cashier1", T0.plusSeconds(7200));
    }
    assertTrue(Fixtures.verify(file).ok());
    // Checked beside the chain: a total rewritten, or a shift slipped in while one was open.
    Fixtures.tamper(file, "UPDATE shift_totals SET paid_minor = 400");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      List<String> problems = ShiftCheck.check(db);
      assertEquals(1, problems.size(), problems.toString());
      assertTrue(
          problems.get(0).contains("shift report 1 (cashier1) does not add up"), problems.get(0));
    }
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertFalse(result.ok());
    assertTrue(result.summary().contains("shift_totals row 1"), result.summary());

    Path other = dir.resolve("other.db");
    try (Ledger ledger = Ledger.open(other, "demo")) {
      Shifts shifts = new Shifts(ledger);
      shifts.open("o1", "cashier1", T0);
      shifts.open("o2", "cashier2", T0);
    }
    Fixtures.tamper(other, "UPDATE shift_opens SET cashier = 'cashier1' WHERE shift_no = 2");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + other)) {
      List<String> problems = ShiftCheck.check(db);
      assertEquals(
          List.of("shift 2 was opened for cashier1 while their shift 1 was still open"), problems);
    }
  }
}
