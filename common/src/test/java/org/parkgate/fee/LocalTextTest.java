package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written date formatting on fee lines agrees with java.time. */
class LocalTextTest {

  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @Test
  void spansMatchJavaTimeOverFourCenturies() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long from = 60L * (random.nextInt(210_000_000) - 105_000_000) + 4_102_444_800L;
      long to = from + 60L * (1 + random.nextInt(4000));
      LocalDateTime a = LocalDateTime.ofEpochSecond(from, 0, ZoneOffset.UTC);
      LocalDateTime b = LocalDateTime.ofEpochSecond(to, 0, ZoneOffset.UTC);
      String expected =
          a.toLocalDate().equals(b.minusSeconds(1).toLocalDate())
              ? a.format(DAY_TIME)
                  + "-"
                  + (b.toLocalTime().toSecondOfDay() == 0 ? "24:00" : b.toLocalTime().toString())
              : a.format(DAY_TIME) + " - " + b.format(DAY_TIME);
      assertEquals(expected, LocalText.span(from, to));
    }
  }

  @Test
  void everyDayOfTheLookedUpCenturyAndItsEdgesMatchJavaTime() {
    // The century's dates come from a table filled by counting; the days around it are computed.
    for (long day = LocalDate.of(1999, 12, 1).toEpochDay();
        day <= LocalDate.of(2100, 1, 31).toEpochDay();
        day++) {
      assertEquals(LocalDate.ofEpochDay(day) + " 00:00", LocalText.dateTime(day * 86_400));
    }
  }

  @Test
  void secondsShowOnlyWhenThere() {
    long t = LocalDateTime.parse("2027-01-09T10:00:30").toEpochSecond(ZoneOffset.UTC);
    assertEquals("2027-01-09 10:00:30-11:00", LocalText.span(t, t + 3570));
    assertEquals("2027-01-09 10:00:30", LocalText.dateTime(t));
    assertEquals("2027-01-09 10:00:30 - 2027-01-10 10:00:31", LocalText.span(t, t + 86_401));
  }

  @Test
  void durationsReadAsAPersonWritesThem() {
    assertEquals("15min", LocalText.duration(900));
    assertEquals("1h30min", LocalText.duration(5400));
    assertEquals("2d", LocalText.duration(172_800));
    assertEquals("0s", LocalText.duration(0));
  }
}
