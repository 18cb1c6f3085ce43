package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Rule forms and tariff structure not covered by the example tariffs. */
class TariffRulesTest {

  private static Tariff parse(String yaml) throws TariffException {
    return TariffLoader.parse(
        Path.of("t.yaml"), "id: t\ncurrency: CNY\nzone: Asia/Shanghai\n" + yaml);
  }

  private static String fee(Tariff t, String cls, String entry, String exit) {
    Instant in = LocalDateTime.parse(entry).atZone(t.zone()).toInstant();
    Instant out = LocalDateTime.parse(exit).atZone(t.zone()).toInstant();
    return FeeEngine.quote(t, StayRequest.of(cls, in, out)).total().toDecimalString();
  }

  @Test
  void firstHourPerPeriodStartsAgainInEachPeriodOfThatRule() throws Exception {
    Tariff t =
        parse(
            """
        rules:
          day: {first: {length: 1h, price: "5.00", per: period}, unit: 1h, price: "2.00"}
          night: {unit: 1h, price: "1.00"}
        days:
          default:
            - {from: "08:00", rule: day}
            - {from: "20:00", rule: night}
        """);
    // Night 06:00-08:00 is 2.00; then the day period starts with its own first hour: 5.00 + 2.00.
    assertEquals("9.00", fee(t, "car", "2027-01-04T06:00", "2027-01-04T09:30"));
  }

  @Test
  void firstHourPerStayIsNotChargedWhenTheStayStartsInAnotherRule() throws Exception {
    Tariff t =
        parse(
            """
        rules:
          day: {first: {length: 1h, price: "5.00"}, unit: 1h, price: "2.00"}
          night: {unit: 1h, price: "1.00"}
        days:
          default:
            - {from: "08:00", rule: day}
            - {from: "20:00", rule: night}
        """);
    assertEquals("6.00", fee(t, "car", "2027-01-04T06:00", "2027-01-04T09:30"));
  }

  @Test
  void aDayNamedByRuleAloneUsesThatRuleAllDay() throws Exception {
    Tariff t =
        parse(
            """
        rules:
          weekday: {unit: 1h, price: "2.00"}
          weekend: {free: true}
        days:
          weekday: weekday
          weekend: weekend
        """);
    assertEquals("6.00", fee(t, "car", "2027-01-08T10:00", "2027-01-08T13:00"));
    assertEquals("0.00", fee(t, "car", "2027-01-09T10:00", "2027-01-09T13:00"));
    // Friday 23:00 to Saturday 02:00: only Friday's hour is charged.
    assertEquals("2.00", fee(t, "car", "2027-01-08T23:00", "2027-01-09T02:00"));
  }

  @Test
  void classesInheritWhatTheyLeaveOutAndUnknownClassesUseDefault() throws Exception {
    Tariff t =
        parse(
            """
        grace: 30m
        classes:
          default:
            rules: {hourly: {unit: 1h, price: "2.00"}}
          truck:
            rules: {hourly: {unit: 1h, price: "6.00"}}
        """);
    assertEquals("0.00", fee(t, "truck", "2027-01-08T10:00", "2027-01-08T10:30"));
    assertEquals("6.00", fee(t, "truck", "2027-01-08T10:00", "2027-01-08T10:31"));
    assertEquals("2.00", fee(t, "motorbike", "2027-01-08T10:00", "2027-01-08T10:31"));
  }

  @Test
  void flatIsChargedOncePerPeriodAndMaxHoldsAPeriod() throws Exception {
    Tariff t =
        parse(
            """
        rules:
          day: {unit: 1h, price: "3.00", max: "10.00"}
          night: {flat: "8.00"}
        days:
          default:
            - {from: "07:00", rule: day}
            - {from: "19:00", rule: night}
        """);
    // Day 10:00-19:00 is 9 hours, held to 10.00; the night is 8.00 once; next day 07:00-08:00 3.00.
    assertEquals("21.00", fee(t, "car", "2027-01-04T10:00", "2027-01-05T08:00"));
  }

  @Test
  void aRuleMustSayHowItCharges() {
    TariffException e =
        assertThrows(
            TariffException.class,
            () ->
                parse(
                    """
        rules:
          odd: {max: "3.00"}
        """));
    assertEquals("rules.odd", e.where());
    TariffException free =
        assertThrows(
            TariffException.class,
            () ->
                parse(
                    """
        rules:
          odd: {free: true, unit: 1h, price: 1}
        """));
    assertTrue(free.problem().contains("free rule charges nothing"), free.getMessage());
  }

  @Test
  void severalRulesNeedDays() {
    TariffException e =
        assertThrows(
            TariffException.class,
            () ->
                parse(
                    """
        rules:
          a: {unit: 1h, price: 1}
          b: {unit: 1h, price: 2}
        """));
    assertEquals("rules", e.where());
  }

  @Test
  void aKindOfDayWithoutScheduleIsAnError() {
    TariffException e =
        assertThrows(
            TariffException.class,
            () ->
                parse(
                    """
        rules:
          a: {unit: 1h, price: 1}
        days:
          weekday: a
        """));
    assertEquals("days", e.where());
    assertTrue(e.problem().contains("saturday"), e.getMessage());
  }

  @Test
  void lostCardBandMustNameABand() {
    TariffException e =
        assertThrows(
            TariffException.class,
            () ->
                parse(
                    """
        rules:
          a: {bands: [{upTo: 1h, price: 1, name: hour}]}
        lostCard: {fee: band, band: day}
        """));
    assertEquals("lostCard.band", e.where());
    assertTrue(e.problem().contains("[hour]"), e.getMessage());
  }
}
