package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;

/** Every worked example in docs/tariffs.md, against the example tariffs in config/tariffs. */
class FeatureExamplesTest {

  private static Tariff load(String id) throws TariffException {
    return ExampleTariffsTest.tariff(id);
  }

  private static Instant at(Tariff t, String local) {
    return LocalDateTime.parse(local).atZone(t.zone()).toInstant();
  }

  private static StayRequest stay(Tariff t, String cls, String entry, String exit) {
    return StayRequest.of(cls, at(t, entry), at(t, exit));
  }

  private static String fee(Tariff t, StayRequest r) {
    return FeeEngine.quote(t, r).total().toDecimalString();
  }

  private static String car(Tariff t, String entry, String exit) {
    return fee(t, stay(t, "car", entry, exit));
  }

  @Test
  void bandTableChargesTheBandTheStayFallsIn() throws Exception {
    Tariff t = load("bands-example");
    assertEquals("0.00", car(t, "2027-01-09T10:00", "2027-01-09T10:20"));
    assertEquals("1.10", car(t, "2027-01-09T10:00", "2027-01-09T10:21"));
    assertEquals("1.10", car(t, "2027-01-09T10:00", "2027-01-09T11:00"));
    assertEquals("2.20", car(t, "2027-01-09T10:00", "2027-01-09T11:01"));
    assertEquals("3.30", car(t, "2027-01-09T10:00", "2027-01-09T12:30"));
    assertEquals("8.00", car(t, "2027-01-09T10:00", "2027-01-09T13:01"));
  }

  @Test
  void afterTheBandsOnlyFullHoursAreChargedWhenRoundingDown() throws Exception {
    Tariff t = load("bands-example");
    assertEquals("8.00", car(t, "2027-01-09T10:00", "2027-01-09T22:59"));
    assertEquals("9.00", car(t, "2027-01-09T10:00", "2027-01-09T23:00"));
    assertEquals("9.00", car(t, "2027-01-09T10:00", "2027-01-09T23:59"));
  }

  @Test
  void rolling24HourMaximumCountsFromEntry() throws Exception {
    Tariff t = load("bands-example");
    assertEquals("10.00", car(t, "2027-01-09T10:00", "2027-01-10T06:00"));
    assertEquals("10.00", car(t, "2027-01-09T10:00", "2027-01-10T10:00"));
    assertEquals("11.00", car(t, "2027-01-09T10:00", "2027-01-10T11:00"));
    assertEquals("20.00", car(t, "2027-01-09T10:00", "2027-01-10T22:00"));
  }

  @Test
  void lostCardOnBandTableCostsTheNamedBandPlusReplacement() throws Exception {
    Tariff t = load("bands-example");
    assertEquals(
        "28.00", fee(t, stay(t, "car", "2027-01-09T10:00", "2027-01-09T11:00").withLostCard()));
    // 30 h matched from the entry record costs more than the band: the stay's fee applies.
    assertEquals(
        "36.00", fee(t, stay(t, "car", "2027-01-09T10:00", "2027-01-10T16:00").withLostCard()));
  }

  @Test
  void dayRulesFirstHourThenPerStartedHour() throws Exception {
    Tariff t = load("day-night");
    assertEquals("0.00", car(t, "2027-01-04T10:00", "2027-01-04T10:10"));
    assertEquals("12.00", car(t, "2027-01-04T10:00", "2027-01-04T12:30"));
  }

  @Test
  void firstHourOfTheStayCarriesAcrossIntoTheNight() throws Exception {
    Tariff t = load("day-night");
    FeeQuote q = FeeEngine.quote(t, stay(t, "car", "2027-01-04T19:30", "2027-01-04T21:30"));
    assertEquals("7.00", q.total().toDecimalString());
    assertEquals("2027-01-04 19:30-20:30", q.lines().get(0).period());
    assertEquals("2027-01-04 20:30-21:30", q.lines().get(1).period());
    assertEquals("night: 1.00 per started 1h, at most 5.00 per period", q.lines().get(1).rule());
  }

  @Test
  void nightMaximumAndFreeEarlyMorning() throws Exception {
    Tariff t = load("day-night");
    assertEquals("5.00", car(t, "2027-01-04T20:00", "2027-01-05T07:00"));
    assertEquals("1.00", car(t, "2027-01-04T01:00", "2027-01-04T07:00"));
  }

  @Test
  void dailyMaximumDayStartsAt8() throws Exception {
    Tariff t = load("day-night");
    // 6.00 + 11 x 3.00 by day and 5.00 at night is 44.00, held to 40.00 for the day from 08:00.
    assertEquals("40.00", car(t, "2027-01-04T08:00", "2027-01-05T08:00"));
    // One more started hour belongs to the next day.
    assertEquals("43.00", car(t, "2027-01-04T08:00", "2027-01-05T08:30"));
  }

  @Test
  void saturdaySundayAndHolidaysHaveTheirOwnRules() throws Exception {
    Tariff t = load("day-night");
    assertEquals("6.00", car(t, "2027-01-09T10:00", "2027-01-09T11:01"));
    assertEquals("10.00", car(t, "2027-01-10T09:00", "2027-01-10T18:00"));
    assertEquals("30.00", car(t, "2026-12-31T09:00", "2026-12-31T18:00"));
    assertEquals("10.00", car(t, "2027-01-01T09:00", "2027-01-01T18:00"));
  }

  @Test
  void vehicleClassesHaveTheirOwnRules() throws Exception {
    Tariff t = load("mall");
    assertEquals("12.00", car(t, "2027-01-09T10:00", "2027-01-09T13:00"));
    assertEquals("24.00", fee(t, stay(t, "truck", "2027-01-09T10:00", "2027-01-09T13:00")));
    assertEquals("0.00", fee(t, stay(t, "season", "2027-01-09T10:00", "2027-01-09T20:00")));
    StayRequest bus = stay(t, "bus", "2027-01-09T10:00", "2027-01-09T13:00");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fee(t, bus));
    assertTrue(e.getMessage().contains("bus"), e.getMessage());
  }

  @Test
  void dayRateAfterFourHours() throws Exception {
    Tariff t = load("mall");
    assertEquals("16.00", car(t, "2027-01-09T10:00", "2027-01-09T14:00"));
    assertEquals("20.00", car(t, "2027-01-09T10:00", "2027-01-09T14:01"));
    assertEquals("20.00", car(t, "2027-01-09T10:00", "2027-01-09T22:00"));
    assertEquals("40.00", fee(t, stay(t, "truck", "2027-01-09T10:00", "2027-01-09T15:00")));
    // The next calendar day starts afresh: 20.00, then 2 h at 4.00.
    assertEquals("28.00", car(t, "2027-01-09T10:00", "2027-01-10T02:00"));
    // Exactly 4 h on Saturday (20:00-24:00) is not over 4 h: 16.00, then Sunday's first hour.
    assertEquals("20.00", car(t, "2027-01-09T20:00", "2027-01-10T00:30"));
  }

  @Test
  void vouchersApplyInTheirDefinedOrder() throws Exception {
    Tariff t = load("mall");
    StayRequest three = stay(t, "car", "2027-01-09T10:00", "2027-01-09T13:00");
    assertEquals("4.00", fee(t, three.withVouchers(List.of("SHOP2H"))));
    assertEquals("6.00", fee(t, three.withVouchers(List.of("HALF"))));
    assertEquals("2.00", fee(t, three.withVouchers(List.of("CINEMA10"))));
    assertEquals("0.00", fee(t, three.withVouchers(List.of("STAFF"))));
    // Percent before amount, whatever order they are handed over in: 12.00 -> 6.00 -> 0.00.
    assertEquals("0.00", fee(t, three.withVouchers(List.of("CINEMA10", "HALF"))));
    StayRequest five = stay(t, "car", "2027-01-09T10:00", "2027-01-09T15:00");
    // Time first: 5 h - 2 h = 3 h is 12.00, then half.
    assertEquals("6.00", fee(t, five.withVouchers(List.of("HALF", "SHOP2H"))));
    assertEquals("6.00", fee(t, five.withVouchers(List.of("HALF", "SHOP2H", "HALF"))));
    assertThrows(IllegalArgumentException.class, () -> fee(t, three.withVouchers(List.of("NOPE"))));
  }

  @Test
  void voucherLinesExplainTheDiscount() throws Exception {
    Tariff t = load("mall");
    FeeQuote q =
        FeeEngine.quote(
            t,
            stay(t, "car", "2027-01-09T10:00", "2027-01-09T13:00").withVouchers(List.of("SHOP2H")));
    FeeLine voucher = q.lines().get(q.lines().size() - 1);
    assertEquals("voucher SHOP2H: 2h free parking", voucher.rule());
    assertEquals("-8.00", voucher.amount().toDecimalString());
  }

  @Test
  void lostCardFlatFeeVouchersDoNotReduceTheReplacementFee() throws Exception {
    Tariff t = load("mall");
    StayRequest lost = stay(t, "car", "2027-01-09T10:00", "2027-01-09T11:00").withLostCard();
    assertEquals("70.00", fee(t, lost));
    assertEquals("50.00", fee(t, lost.withVouchers(List.of("STAFF"))));
  }

  @Test
  void exitGraceAfterPayingAtAPayStation() throws Exception {
    Tariff t = load("mall");
    StayRequest r =
        stay(t, "car", "2027-01-09T10:00", "2027-01-09T13:05")
            .withPrepaid(new Prepayment(at(t, "2027-01-09T12:50"), Money.of(1200, "CNY")));
    assertEquals("0.00", fee(t, r));
    // Leaving 25 minutes after paying: the stay to 13:15 is 4 started hours, 16.00, less 12.00.
    assertEquals("4.00", fee(t, r.withExit(at(t, "2027-01-09T13:15"))));
  }

  @Test
  void chinaTypicalExitGraceIs15Minutes() throws Exception {
    Tariff t = load("china-typical");
    Prepayment paid = new Prepayment(at(t, "2027-01-09T12:01"), Money.of(900, "CNY"));
    StayRequest r = stay(t, "car", "2027-01-09T10:00", "2027-01-09T12:16").withPrepaid(paid);
    assertEquals("0.00", fee(t, r));
    assertEquals("2.00", fee(t, r.withExit(at(t, "2027-01-09T13:05"))));
  }

  @Test
  void theVersionInForceAtEntryAppliesToTheWholeStay() throws Exception {
    Tariff t = load("versions-london");
    assertEquals("6.00", car(t, "2027-03-20T10:00", "2027-03-20T13:00"));
    assertEquals("7.50", car(t, "2027-04-02T10:00", "2027-04-02T13:00"));
    assertEquals("6.00", car(t, "2027-03-31T23:00", "2027-04-01T02:00"));
    assertEquals(
        "GBP",
        FeeEngine.quote(t, stay(t, "car", "2027-03-20T10:00", "2027-03-20T13:00"))
            .total()
            .currency()
            .getCurrencyCode());
  }

  @Test
  void daylightSavingStaysAreChargedForTheRealTimeParked() throws Exception {
    Tariff t = load("versions-london");
    // Clocks go forward at 01:00 on 28 March 2027: 00:30 to 03:30 on the clock is 2 h parked.
    assertEquals("4.00", car(t, "2027-03-28T00:30", "2027-03-28T03:30"));
    // Clocks go back at 02:00 on 31 October 2027: 00:30 to 03:30 on the clock is 4 h parked.
    assertEquals("10.00", car(t, "2027-10-31T00:30", "2027-10-31T03:30"));
  }

  @Test
  void pricesByStayTimeGiveNoSecondFirstHourTheNextMorning() throws Exception {
    Tariff t = load("city-centre");
    FeeQuote q = FeeEngine.quote(t, stay(t, "car", "2027-01-04T18:00", "2027-01-05T08:00"));
    assertEquals(
        List.of(
            "2027-01-04 18:00-19:00",
            "2027-01-04 19:00 - 2027-01-05 07:00",
            "2027-01-05 07:00-08:00"),
        q.lines().stream().map(FeeLine::period).toList());
    assertEquals(
        List.of("10.00", "6.00", "15.00"),
        q.lines().stream().map(l -> l.amount().toDecimalString()).toList());
    assertEquals(
        "day: 2.50 per full 15min in the first 1h of the stay, then 3.75 per full 15min",
        q.lines().get(0).rule());
  }

  @Test
  void aFirstHourEachDayAndAGraceDeductedAreSaidOnTheLines() throws Exception {
    Tariff t = load("per-day-readings");
    FeeQuote q = FeeEngine.quote(t, stay(t, "car", "2027-01-09T22:00", "2027-01-10T02:00"));
    assertEquals(
        List.of(
            "前15分钟免费时长不计费 · free: the first 15min grace period, not charged",
            "standard：当日首1小时 · standard: first 1h of the day",
            "standard：每小时2.00 · standard: 2.00 per started 1h",
            "standard：当日首1小时 · standard: first 1h of the day",
            "standard：每小时2.00 · standard: 2.00 per started 1h"),
        q.lines().stream().map(FeeLine::rule).toList());
    assertEquals("2027-01-10 00:00-01:00", q.lines().get(3).period());
  }

  @Test
  void aDayRateCountingChargeableTimeSaysSo() throws Exception {
    Tariff t = load("office-park");
    FeeQuote q = FeeEngine.quote(t, stay(t, "car", "2027-01-04T02:00", "2027-01-04T16:00"));
    assertEquals(1, q.lines().size(), q.lines().toString());
    assertEquals(
        "day rate 25.00 when chargeable time is over 8h in a day", q.lines().get(0).rule());
  }
}
