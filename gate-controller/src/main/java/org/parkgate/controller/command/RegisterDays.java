package org.parkgate.controller.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.parkgate.api.Said;

/**
 * The days a register is read for, in the site's zone, both included: today when none is given, the
 * first day alone when only it is given. At most {@link #MAX_DAYS} at a time.
 */
record RegisterDays(LocalDate from, LocalDate to, Instant start, Instant end, String problem) {
  static final int MAX_DAYS = 366;

  /** The days asked for ({@code from} and {@code to} may be null), or why they are refused. */
  static RegisterDays of(LocalDate from, LocalDate to, Instant now, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate first = from == null ? today : from;
    LocalDate last = to == null ? (from == null ? today : first) : to;
    String problem = null;
    if (last.isBefore(first)) {
      problem =
          Said.of(
              "截止日期 " + last + " 早于起始日期 " + first,
              "The register's last day " + last + " is before its first " + first);
    } else if (first.plusDays(MAX_DAYS).isBefore(last)) {
      problem =
          Said.of(
              "一次最多查看 " + MAX_DAYS + " 天",
              "The register covers at most " + MAX_DAYS + " days at a time");
    }
    return new RegisterDays(
        first,
        last,
        first.atStartOfDay(zone).toInstant(),
        last.plusDays(1).atStartOfDay(zone).toInstant(),
        problem);
  }
}
