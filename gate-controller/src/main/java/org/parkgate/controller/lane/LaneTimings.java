package org.parkgate.controller.lane;

import java.time.Duration;

/**
 * How long a lane waits for the driver and the barrier before it says so. docs/lanes.md explains
 * each; the site file sets them ({@code controller.laneTimeouts}), {@link #DEFAULTS} otherwise.
 *
 * @param cardNotTaken entry: a card offered at the dispenser's mouth and not taken by then is
 *     reported as {@code CARD_NOT_TAKEN}
 * @param barrierTravel after an open or close command, the barrier must reach that limit by then (a
 *     barrier travels in 1-6 s); else the close is sent once more or {@code BARRIER_STUCK} is
 *     reported
 * @param cardHold a card read before its vehicle is seen on the arming loop is kept this long
 */
public record LaneTimings(Duration cardNotTaken, Duration barrierTravel, Duration cardHold) {
  public static final LaneTimings DEFAULTS =
      new LaneTimings(Duration.ofSeconds(30), Duration.ofSeconds(8), Duration.ofSeconds(3));

  /** The timings a site file set (docs/configuration.md). */
  public static LaneTimings of(org.parkgate.site.SiteConfig.LaneTimeouts set) {
    return new LaneTimings(set.cardNotTaken(), set.barrierTimeout(), set.cardHold());
  }

  public LaneTimings {
    for (Duration d : new Duration[] {cardNotTaken, barrierTravel, cardHold}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("lane timings must be positive: " + d);
      }
    }
  }
}
