package org.parkgate.fee;

/**
 * How time inside one period of the day (say "day" or "night") is charged, measured from when the
 * period starts being charged in the stay.
 *
 * <p>Every rule is a short list of charges at fixed offsets (bands, a flat charge, a per-period
 * first hour) followed by an optional repeating increment. That one shape covers free windows, flat
 * night rates, band tables and "first hour then per started half hour", and lets the engine count a
 * whole period's charges with arithmetic instead of walking its minutes.
 */
public final class Rule {

  final String name;
  final String description;

  /** True for {@code free: true}: time under it is not chargeable time. */
  final boolean free;

  /** Offsets in seconds, ascending, at which a step charge falls due. */
  final long[] stepAt;

  /** What each step adds, in minor units; never negative. */
  final long[] stepAdds;

  /**
   * The steps fall due again every {@code stepCycle} seconds (a band table that starts again each
   * 24 h); 0: once only.
   */
  final long stepCycle;

  /** The repeating increment after the steps: its length in seconds, 0 for none. */
  final long unit;

  final long unitPrice;

  /** Offset at which increments begin. */
  final long unitsFrom;

  /** True: a started increment is charged. False: only completed increments are. */
  final boolean roundUp;

  /** Most this rule charges in one uninterrupted period, in minor units. */
  final long maxPerPeriod;

  /**
   * Increment prices by stay time: an increment that starts while the stay has lasted less than
   * {@code tierUntil[i]} (and not less than the one before) costs {@code tierPrice[i]}; later ones
   * cost {@link #unitPrice}. Ascending; empty for none.
   */
  final long[] tierUntil;

  final long[] tierPrice;

  /** A first part of the stay charged once at entry, covering later periods too: 0 for none. */
  final long stayFirstLength;

  final long stayFirstPrice;
  final String stayFirstDescription;

  Rule(
      String name,
      String description,
      boolean free,
      long[] stepAt,
      long[] stepAdds,
      long stepCycle,
      long unit,
      long unitPrice,
      long[] tierUntil,
      long[] tierPrice,
      long unitsFrom,
      boolean roundUp,
      long maxPerPeriod,
      long stayFirstLength,
      long stayFirstPrice,
      String stayFirstDescription) {
    this.name = name;
    this.description = description;
    this.free = free;
    this.stepAt = stepAt;
    this.stepAdds = stepAdds;
    this.stepCycle = stepCycle;
    this.tierUntil = tierUntil;
    this.tierPrice = tierPrice;
    this.unit = unit;
    this.unitPrice = unitPrice;
    this.unitsFrom = unitsFrom;
    this.roundUp = roundUp;
    this.maxPerPeriod = maxPerPeriod;
    this.stayFirstLength = stayFirstLength;
    this.stayFirstPrice = stayFirstPrice;
    this.stayFirstDescription = stayFirstDescription;
    long afterSteps = stepAt.length == 0 ? 0 : stepAt[stepAt.length - 1] + 1;
    if (stepCycle > 0) {
      settledFrom = stepCycle;
      repeatsEvery = stepCycle;
    } else {
      settledFrom = Math.max(unitsFrom, afterSteps);
      repeatsEvery = unit;
    }
  }

  /**
   * From this offset on, the rule's charges repeat every {@link #repeatsEvery} (0: none follow).
   */
  private final long settledFrom;

  private final long repeatsEvery;

  /**
   * An offset into the rule's counting that charges exactly as {@code x} does from here on: past
   * the steps only the place within the repeating increment matters, so days that differ only by
   * how long ago the period started look alike.
   */
  long settled(long x) {
    if (x < settledFrom) {
      return x;
    }
    return repeatsEvery == 0
        ? settledFrom
        : settledFrom + Math.floorMod(x - settledFrom, repeatsEvery);
  }

  public String name() {
    return name;
  }

  /** The rule in words, as printed on fee lines: "day: 2.00 per started 30min". */
  public String description() {
    return description;
  }
}
