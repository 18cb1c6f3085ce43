package org.parkgate.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One value of a report: {@code value} for the numeric column types (counts, minor units, seconds,
 * basis points), {@code text} for text, times and dates. An empty cell has neither.
 */
public record Cell(Long value, String text) {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx");

  public static final Cell EMPTY = new Cell(null, null);

  public static Cell of(long value) {
    return new Cell(value, null);
  }

  public static Cell text(String text) {
    return text == null ? EMPTY : new Cell(null, text);
  }

  public static Cell date(LocalDate day) {
    return new Cell(null, day.toString());
  }

  /** An instant as the site's wall clock shows it, with its offset (minutes precision). */
  public static Cell time(Instant at, ZoneId zone) {
    return time(at.atZone(zone));
  }

  public static Cell time(ZonedDateTime at) {
    return new Cell(null, TIME.format(at));
  }

  /** {@code part} of {@code whole} in basis points, rounded half up; 0 of nothing is 0. */
  public static Cell percent(long part, long whole) {
    return new Cell(whole == 0 ? 0L : Math.round(part * 10_000.0 / whole), null);
  }

  public boolean isEmpty() {
    return value == null && text == null;
  }

  /** The numeric value, 0 for an empty cell. */
  public long number() {
    return value == null ? 0 : value;
  }
}
