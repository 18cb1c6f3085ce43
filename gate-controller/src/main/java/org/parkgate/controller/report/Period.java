package org.parkgate.controller.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a report covers in the site's zone: each day is [its start, the next day's start), so a
 * DST day is 23 or 25 hours, and its hours are the zone's real hours (the repeated hour twice).
 */
record Period(LocalDate from, LocalDate to, ZoneId zone) {

  Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  List<LocalDate> days() {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  /** The start of every hour in the period, as the zone shows it. */
  List<ZonedDateTime> hours() {
    List<ZonedDateTime> out = new ArrayList<>();
    Instant end = end();
    for (Instant h = start(); h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
      out.add(h.atZone(zone));
    }
    return out;
  }

  /** The day of {@code at} in the zone. */
  LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, zone);
  }

  /** The index of the hour {@code at} falls in, counted from the period's start. */
  int hourIndex(Instant at) {
    return (int) ChronoUnit.HOURS.between(start(), at);
  }
}
