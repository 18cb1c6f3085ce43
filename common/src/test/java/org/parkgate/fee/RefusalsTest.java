package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests the engine will not price are refused with one line in both languages. */
class RefusalsTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Tariff parse(String yaml) throws TariffException {
    return TariffLoader.parse(Path.of("t.yaml"), yaml);
  }

  private static FeeRefusal refused(Tariff t, StayRequest r) {
    FeeRefusal e = assertThrows(FeeRefusal.class, () -> FeeEngine.quote(t, r));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(e.getMessage().contains(" · "), "said in both languages: " + e.getMessage());
    return e;
  }

  @Test
  void aStayLongerThanTheTariffsMaximumIsRefusedNotPricedLineByLine() throws Exception {
    Tariff t = ExampleTariffsTest.tariff("day-night");
    Instant in = LocalDateTime.parse("2027-01-04T10:00").atZone(t.zone()).toInstant();
    FeeRefusal e = refused(t, StayRequest.of("car", in, in.plusSeconds(3652L * 86_400)));
    assertEquals(FeeRefusal.Reason.STAY_TOO_LONG, e.reason());
    assertTrue(
        e.getMessage()
            .endsWith(
                "a stay of 3652d is longer than the tariff's maximum 366d"
                    + " (maxStay); settle it by hand"),
        e.getMessage());
    // One year is the default maximum, leap years included, and is priced.
    StayRequest year = StayRequest.of("car", in, in.plusSeconds(366L * 86_400));
    assertTrue(FeeEngine.quote(t, year).total().minor() > 0);
  }

  @Test
  void maxStayIsTheTariffsToSet() throws Exception {
    Tariff t =
        parse(
            """
        id: t
        currency: CNY
        zone: Asia/Shanghai
        maxStay: 2d
        rules: {hourly: {unit: 1h, price: "1.00"}}
        """);
    Instant in = Instant.parse("2027-01-04T02:00:00Z");
    assertEquals(
        "48.00",
        FeeEngine.quote(t, StayRequest.of("car", in, in.plusSeconds(2 * 86_400)))
            .total()
            .toDecimalString());
    assertEquals(
        FeeRefusal.Reason.STAY_TOO_LONG,
        refused(t, StayRequest.of("car", in, in.plusSeconds(2 * 86_400 + 1))).reason());
  }

  @Test
  void aTariffWithoutClassesPricesTheOneClassItNamesAndRefusesATypo() throws Exception {
    Tariff car = ExampleTariffsTest.tariff("demo-hourly");
    assertEquals(java.util.Set.of("car"), car.versions().get(0).vehicleClasses());
    assertEquals(false, car.versions().get(0).namesClasses());
    assertEquals(true, ExampleTariffsTest.tariff("mall").versions().get(0).namesClasses());
    Instant in = Instant.parse("2027-01-04T02:00:00Z");
    FeeRefusal typo = refused(car, StayRequest.of("cra", in, in.plusSeconds(3600)));
    assertEquals(FeeRefusal.Reason.UNKNOWN_CLASS, typo.reason());
    assertTrue(
        typo.getMessage()
            .endsWith("no fee standard for vehicle class 'cra'; the tariff prices: car"),
        typo.getMessage());
    Tariff small =
        parse(
            """
        id: t
        currency: CNY
        zone: Asia/Shanghai
        vehicleClass: 小型车
        rules: {hourly: {unit: 1h, price: "1.00"}}
        """);
    assertEquals(
        "1.00",
        FeeEngine.quote(small, StayRequest.of("小型车", in, in.plusSeconds(3600)))
            .total()
            .toDecimalString());
    assertEquals(
        FeeRefusal.Reason.UNKNOWN_CLASS,
        refused(small, StayRequest.of("car", in, in.plusSeconds(3600))).reason());
  }

  @Test
  void anUnknownVoucherIsRefusedInBothLanguages() throws Exception {
    Tariff t = ExampleTariffsTest.tariff("mall");
    Instant in = Instant.parse("2027-01-09T02:00:00Z");
    FeeRefusal e =
        refused(t, StayRequest.of("car", in, in.plusSeconds(3600)).withVouchers(List.of("NOPE")));
    assertEquals("收费标准没有优惠券'NOPE' · unknown voucher 'NOPE'", e.getMessage());
  }

  @Test
  void aLocalTimeThatHappensTwiceOrNeverIsRefusedUnlessGivenWithItsOffset() {
    FeeRefusal twice =
        assertThrows(FeeRefusal.class, () -> SiteTime.instant("2027-11-07T01:30", NEW_YORK));
    assertEquals(FeeRefusal.Reason.AMBIGUOUS_LOCAL_TIME, twice.reason());
    assertTrue(
        twice
            .getMessage()
            .endsWith(
                "2027-11-07T01:30 happens twice in America/New_York (the clocks go back);"
                    + " give the offset: 2027-11-07T01:30-04:00 or 2027-11-07T01:30-05:00"),
        twice.getMessage());
    FeeRefusal never =
        assertThrows(FeeRefusal.class, () -> SiteTime.instant("2027-03-14T02:30", NEW_YORK));
    assertEquals(FeeRefusal.Reason.NO_SUCH_LOCAL_TIME, never.reason());
    assertTrue(never.getMessage().contains("jump from 02:00 to 03:00"), never.getMessage());
    assertEquals(
        Instant.parse("2027-11-07T06:30:00Z"),
        SiteTime.instant("2027-11-07T01:30-05:00", NEW_YORK));
    assertEquals(
        Instant.parse("2027-11-07T04:30:00Z"), SiteTime.instant("2027-11-07T00:30", NEW_YORK));
  }

  @Test
  void feeLinesShowTheOffsetWhereTheLocalTimeAloneWouldNameTwoInstants() throws Exception {
    Tariff t =
        parse(
            """
        id: t
        currency: USD
        zone: America/New_York
        rules: {hourly: {unit: 30m, price: "1.00"}}
        """);
    Instant in = SiteTime.instant("2027-11-07T01:10-04:00", NEW_YORK);
    Instant out = SiteTime.instant("2027-11-07T01:40-05:00", NEW_YORK);
    FeeQuote q = FeeEngine.quote(t, StayRequest.of("car", in, out));
    assertEquals("2027-11-07 01:10-04:00 - 2027-11-07 01:40-05:00", q.lines().get(0).period());
    // 1 h 30 min parked: three started half hours.
    assertEquals("3.00", q.total().toDecimalString());
    // Outside the repeated hour local times stay as they were.
    Instant noon = SiteTime.instant("2027-11-07T12:00", NEW_YORK);
    assertEquals(
        "2027-11-07 12:00-13:00",
        FeeEngine.quote(t, StayRequest.of("car", noon, noon.plusSeconds(3600)))
            .lines()
            .get(0)
            .period());
  }
}
