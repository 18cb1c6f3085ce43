package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published behaviour of the example tariffs shipped in config/tariffs. */
class ExampleTariffsTest {

  static final Path DIR = Path.of("..", "config", "tariffs");
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static Tariff tariff(String id) throws TariffException {
    return TariffLoader.load(DIR.resolve(id + ".yaml"));
  }

  static String fee(Tariff t, String entry, String exit) {
    return quote(t, request(entry, exit)).total().toDecimalString();
  }

  static FeeQuote quote(Tariff t, StayRequest r) {
    return FeeEngine.quote(t, r);
  }

  static StayRequest request(String entry, String exit) {
    return StayRequest.of("car", at(entry), at(exit));
  }

  static java.time.Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  @Test
  void demoHourlyIsFreeFor15MinutesThen3PerStartedHour() throws Exception {
    Tariff t = tariff("demo-hourly");
    assertEquals("0.00", fee(t, "2027-01-09T10:00", "2027-01-09T10:15"));
    assertEquals("3.00", fee(t, "2027-01-09T10:00", "2027-01-09T10:16"));
    assertEquals("3.00", fee(t, "2027-01-09T10:00", "2027-01-09T11:00"));
    assertEquals("6.00", fee(t, "2027-01-09T10:00", "2027-01-09T11:01"));
    assertEquals("75.00", fee(t, "2027-01-09T10:00", "2027-01-10T10:30"));
  }

  @Test
  void shanghaiIndoorCharges11For2Hours1Minute() throws Exception {
    Tariff t = tariff("shanghai-indoor-1");
    assertEquals("11.00", fee(t, "2027-01-09T10:00", "2027-01-09T12:01"));
    assertEquals("5.00", fee(t, "2027-01-09T10:00", "2027-01-09T10:01"));
    assertEquals("5.00", fee(t, "2027-01-09T10:00", "2027-01-09T11:00"));
    assertEquals("7.00", fee(t, "2027-01-09T10:00", "2027-01-09T11:01"));
    assertEquals("9.00", fee(t, "2027-01-09T10:00", "2027-01-09T12:00"));
  }

  @Test
  void shanghaiIndoorLinesExplainTheFee() throws Exception {
    FeeQuote q =
        quote(tariff("shanghai-indoor-1"), request("2027-01-09T10:00", "2027-01-09T12:01"));
    assertEquals(2, q.lines().size(), q.lines().toString());
    FeeLine first = q.lines().get(0);
    assertEquals("2027-01-09 10:00-11:00", first.period());
    assertEquals("5.00", first.amount().toDecimalString());
    FeeLine rest = q.lines().get(1);
    assertEquals("2027-01-09 11:00-12:01", rest.period());
    assertEquals(3, rest.quantity());
    assertEquals("6.00", rest.amount().toDecimalString());
    assertEquals("standard: 2.00 per started 30min", rest.rule());
  }

  @Test
  void chinaTypicalGraceFirstHourLaterHoursAndDailyMaximum() throws Exception {
    Tariff t = tariff("china-typical");
    assertEquals("0.00", fee(t, "2027-01-09T10:00", "2027-01-09T10:15"));
    assertEquals("5.00", fee(t, "2027-01-09T10:00", "2027-01-09T10:16"));
    assertEquals("9.00", fee(t, "2027-01-09T10:00", "2027-01-09T12:01"));
    // 10:00-24:00 is 5.00 + 13 x 2.00 = 31.00, held to 30.00.
    assertEquals("30.00", fee(t, "2027-01-09T10:00", "2027-01-09T23:59"));
    // A new calendar day starts at midnight: 30.00 for the 9th, then 1 h 30 min on the 10th.
    assertEquals("34.00", fee(t, "2027-01-09T10:00", "2027-01-10T01:30"));
    assertEquals("90.00", fee(t, "2027-01-09T08:00", "2027-01-11T23:00"));
  }

  @Test
  void chinaTypicalExplainsItsFeesInChineseThenEnglish() throws Exception {
    Tariff t = tariff("china-typical");
    FeeQuote q = quote(t, request("2027-01-09T10:00", "2027-01-09T12:01"));
    assertEquals("standard：首1小时 · standard: first 1h of the stay", q.lines().get(0).rule());
    assertEquals("standard：每小时2.00 · standard: 2.00 per started 1h", q.lines().get(1).rule());
    FeeQuote capped = quote(t, request("2027-01-09T10:00", "2027-01-09T23:59"));
    assertEquals("每日封顶30.00 · daily maximum 30.00", capped.lines().get(0).rule());
    FeeQuote lost = quote(t, request("2027-01-09T10:00", "2027-01-09T10:10").withLostCard());
    assertEquals(
        List.of(
            "15分钟免费时长内，免费 · free: within the 15min grace period",
            "遗失卡：每日封顶30.00 · lost card: daily maximum 30.00",
            "遗失卡工本费 · lost card: card replacement fee"),
        lost.lines().stream().map(FeeLine::rule).toList());
  }

  @Test
  void chinaTypicalLostCardCostsTheDayMaximumPlusReplacementFee() throws Exception {
    Tariff t = tariff("china-typical");
    StayRequest r = request("2027-01-09T10:00", "2027-01-09T11:00").withLostCard();
    FeeQuote q = quote(t, r);
    assertEquals("80.00", q.total().toDecimalString());
    List<FeeLine> lines = q.lines();
    assertEquals("50.00", lines.get(lines.size() - 1).amount().toDecimalString());
    // A matched entry the day before: 30.00 (held) for the 8th and 11 h x 2.00 on the 9th.
    StayRequest longer = request("2027-01-08T10:00", "2027-01-09T11:00").withLostCard();
    assertEquals("102.00", quote(t, longer).total().toDecimalString());
  }
}
