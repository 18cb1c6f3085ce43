package org.parkgate.fee;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Local time at the site for a meter walking forward through a stay. It keeps the zone offset in
 * force and the instant it next changes, so converting is an addition, and the meter knows where a
 * daylight-saving change forces it to look again.
 */
final class SiteClock {

  private static final long DAY = 86_400;

  private final Tariff tariff;
  private final ZoneRules rules;
  private int offset;

  /** The offset above is in force over [from, until). */
  private long from;

  private long until;

  SiteClock(Tariff tariff, long at) {
    this.tariff = tariff;
    this.rules = tariff.zoneRules();
    moveTo(at);
  }

  /** Looks the offset up again for {@code at}; needed once {@code at >= until()}. */
  void moveTo(long at) {
    if (at >= tariff.fixedFrom()) {
      offset = tariff.fixedOffset();
      from = tariff.fixedFrom();
      until = Long.MAX_VALUE;
      return;
    }
    Instant instant = Instant.ofEpochSecond(at);
    offset = rules.getOffset(instant).getTotalSeconds();
    ZoneOffsetTransition next = rules.nextTransition(instant);
    until = next == null ? Long.MAX_VALUE : next.toEpochSecond();
    ZoneOffsetTransition previous = rules.previousTransition(instant);
    from =
        previous == null
            ? Long.MIN_VALUE / 2
            : previous.getOffsetAfter().getTotalSeconds() == offset ? previous.toEpochSecond() : at;
  }

  /** The next instant the offset changes (Long.MAX_VALUE: never). */
  long until() {
    return until;
  }

  /** Local epoch second of an instant the clock has reached. */
  long local(long at) {
    return at + offset;
  }

  /** Local epoch second of any instant. */
  long localOf(long at) {
    if (at >= from && at < until) {
      return at + offset;
    }
    return at + rules.getOffset(Instant.ofEpochSecond(at)).getTotalSeconds();
  }

  /**
   * The instant a local time next comes round on the clock as it stands, or {@link #until()} if a
   * daylight-saving change comes first: local time must then be looked at afresh.
   */
  long nextInstantOf(long localSecond) {
    return Math.min(localSecond - offset, until);
  }

  /**
   * The instant a local date-time happens. In a repeated hour the earlier instant; in a skipped
   * hour, once the clocks have moved on (java.time's rule).
   */
  long instantOf(long localSecond) {
    long guess = localSecond - offset;
    if (guess >= from + DAY && guess < until) {
      return guess;
    }
    return ZonedDateTime.ofLocal(
            LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC), tariff.zone(), null)
        .toEpochSecond();
  }
}
