package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.money.Money;

class DailyClosureTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Currency CNY = Currency.getInstance("CNY");

  @TempDir Path dir;

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void eachDayIsClosedOnceInTheSiteZoneWithConsecutiveNumbersEvenWithoutTraffic() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      Payments payments = new Payments(ledger);
      Stay a = stays.recordEntry("entry-1", "A", Instant.parse("2027-01-09T01:00:00Z"));
      // 23:59:59.9 on the 9th in Shanghai, and midnight exactly: one on each side of the day's end.
      payments.recordPayment(
          "p1",
          a.stayId(),
          "exit-1",
          Money.of(500, CNY),
          "cashier1",
          Instant.parse("2027-01-09T15:59:59.900Z"));
      Stay b = stays.recordEntry("entry-1", "B", Instant.parse("2027-01-09T02:00:00Z"));
      payments.recordPayment(
          "p2",
          b.stayId(),
          "exit-1",
          Money.of(300, CNY),
          "cashier1",
          Instant.parse("2027-01-09T16:00:00Z"));
      new Reversals(ledger)
          .reversePayment(
              "r1",
              "demo-000002",
              "supervisor1",
              "wrong fee",
              Instant.parse("2027-01-10T03:00:00Z"));

      // Three days later at 00:05 local time: the 9th, 10th and 11th are over, the 12th is not.
      DailyClosure closure = new DailyClosure(ledger, SHANGHAI, CNY, at("2027-01-11T16:05:00Z"));
      List<ZReport> made = closure.closeFinishedDays();
      assertEquals(List.of(1L, 2L, 3L), made.stream().map(ZReport::zNo).toList());
      assertEquals(
          List.of(
              LocalDate.parse("2027-01-09"),
              LocalDate.parse("2027-01-10"),
              LocalDate.parse("2027-01-11")),
          made.stream().map(ZReport::businessDay).toList());

      ZReport ninth = made.get(0);
      assertEquals(1, ninth.payments());
      assertEquals(Money.of(500, CNY), ninth.net());
      assertEquals("demo-000001", ninth.firstReceipt());
      ZReport tenth = made.get(1);
      assertEquals(1, tenth.payments());
      assertEquals(Money.of(300, CNY), tenth.gross());
      assertEquals(Money.of(-300, CNY), tenth.reversed());
      assertEquals(Money.of(0, CNY), tenth.net());
      ZReport eleventh = made.get(2);
      assertEquals(0, eleventh.payments(), "a day with no traffic still gets its report");
      assertNull(eleventh.firstReceipt());
      assertTrue(eleventh.render().contains("receipts none"), eleventh.render());

      assertTrue(closure.closeFinishedDays().isEmpty(), "a closed day is not closed again");
      DailyClosure nextDay = new DailyClosure(ledger, SHANGHAI, CNY, at("2027-01-12T16:00:00Z"));
      assertEquals(List.of(4L), nextDay.closeFinishedDays().stream().map(ZReport::zNo).toList());
      assertEquals(4, nextDay.reports().size());
    }
    assertTrue(Fixtures.verify(dir.resolve("ledger.db")).ok());
  }

  @Test
  void theReportShowsTheChainHeadThatVerifyPrints() {
    Path file = dir.resolve("ledger.db");
    ZReport z;
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Fixtures.drive(ledger, 3);
      z =
          new DailyClosure(ledger, SHANGHAI, CNY, at("2027-01-10T00:00:00Z"))
              .closeFinishedDays()
              .get(0);
    }
    assertTrue(
        z.render().contains("link " + z.chainLink() + " sha256 " + z.chainHead()), z.render());
    assertEquals(
        3 * (3 + 3) + 2 + 1,
        z.chainLink(),
        "3 stays of 3 rows and 3 events, 1 reversal and its event, the shift opened by the first"
            + " payment: every row written before the closure");
    LedgerVerifier.Result later =
        LedgerVerifier.verify(
            file,
            java.util.Optional.of(
                LedgerVerifier.Anchor.parse(z.chainLink() + ":" + z.chainHead())));
    assertTrue(later.ok(), later.summary());
  }

  @Test
  void anEmptyLedgerStartsWithYesterday() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      List<ZReport> made =
          new DailyClosure(ledger, SHANGHAI, CNY, at("2027-03-01T04:00:00Z")).closeFinishedDays();
      assertEquals(1, made.size());
      assertEquals(LocalDate.parse("2027-02-28"), made.get(0).businessDay());
    }
  }
}
