package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Local rules at a site whose clocks change: New York skips 02:00-03:00 on 14 March 2027 and
 * repeats 01:00-02:00 on 7 November 2027.
 */
class DaylightSavingTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Tariff tariff() throws TariffException {
    return TariffLoader.parse(
        Path.of("ny.yaml"),
        """
        id: ny
        currency: USD
        zone: America/New_York
        rules:
          day: {unit: 1h, price: "4.00"}
          night: {unit: 1h, price: "1.00"}
        days:
          default:
            - {from: "02:30", rule: night}
            - {from: "06:00", rule: day}
        dailyMaximum: "100.00"
        dayStartsAt: "01:30"
        """);
  }

  private static String fee(Instant entry, Instant exit) throws TariffException {
    return FeeEngine.quote(tariff(), StayRequest.of("car", entry, exit)).total().toDecimalString();
  }

  private static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(NEW_YORK).toInstant();
  }

  @Test
  void aPeriodStartingInTheSkippedHourStartsWhenTheClocksJump() throws Exception {
    // 01:00 EST to 04:00 EDT is 2 h parked: 01:00-02:00 EST day (4.00), then 03:00-04:00 EDT night
    // (1.00): night begins at the jump, since 02:30 never shows on the clock.
    assertEquals("5.00", fee(local("2027-03-14T01:00"), local("2027-03-14T04:00")));
  }

  @Test
  void aRepeatedHourIsChargedTwiceBecauseItIsParkedTwice() throws Exception {
    // 00:30 EDT to 03:30 EST is 4 h parked, all of it day rules (night starts at 02:30).
    Instant in =
        LocalDateTime.parse("2027-11-07T00:30").atOffset(ZoneOffset.ofHours(-4)).toInstant();
    Instant out =
        LocalDateTime.parse("2027-11-07T03:30").atOffset(ZoneOffset.ofHours(-5)).toInstant();
    assertEquals(4 * 3600, out.getEpochSecond() - in.getEpochSecond());
    // 00:30-02:30 local is 3 real hours of day (three started hours, 12.00); 02:30-03:30 night.
    assertEquals("13.00", fee(in, out));
  }

  @Test
  void aMaximumDayStartingInTheRepeatedHourStartsAtItsFirstOccurrence() throws Exception {
    Tariff t =
        TariffLoader.parse(
            Path.of("cap.yaml"),
            """
        id: cap
        currency: USD
        zone: America/New_York
        rules:
          hourly: {unit: 1h, price: "3.00"}
        dailyMaximum: "6.00"
        dayStartsAt: "01:30"
        """);
    // 23:30 EDT to 01:30 EDT is one day (6.00, held); 01:30 EDT begins the next day, so the hours
    // from then on (01:30 EDT, 01:30 EST, 02:30 EST) are three more started hours, held to 6.00.
    Instant in = LocalDateTime.parse("2027-11-06T23:30").atZone(NEW_YORK).toInstant();
    Instant out = in.plusSeconds(5 * 3600);
    assertEquals(
        "12.00", FeeEngine.quote(t, StayRequest.of("car", in, out)).total().toDecimalString());
    assertEquals(
        "9.00",
        FeeEngine.quote(t, StayRequest.of("car", in, in.plusSeconds(3 * 3600)))
            .total()
            .toDecimalString());
  }
}
