package org.parkgate.fee;

/**
 * What one rule charges over a stretch of its counting: the charges that fall due in it and how
 * many there are. Reused by its meter, stretch after stretch, so that counting allocates nothing.
 */
final class StretchCharge {

  /** The stretch's charges in minor units, before the period's maximum. */
  long amount;

  /** How many charges (steps and increments) make up {@link #amount}. */
  long quantity;

  /**
   * Counts the charges of {@code r} due in [x0, x1), offsets in seconds from {@code chargeFrom}
   * where the rule starts counting; prices by stay time are measured from {@code origin}.
   */
  void count(Rule r, long x0, long x1, long chargeFrom, long origin) {
    amount = 0;
    quantity = 0;
    long[] at = r.stepAt;
    if (r.stepCycle == 0) {
      for (int i = 0; i < at.length && at[i] < x1; i++) {
        if (at[i] >= x0) {
          amount += r.stepAdds[i];
          quantity++;
        }
      }
    } else {
      for (int i = 0; i < at.length; i++) {
        long n = occurrences(x1, at[i], r.stepCycle) - occurrences(x0, at[i], r.stepCycle);
        amount = Math.addExact(amount, Math.multiplyExact(n, r.stepAdds[i]));
        quantity += n;
      }
    }
    if (r.unit > 0 && x1 > r.unitsFrom) {
      long y0 = Math.max(x0, r.unitsFrom) - r.unitsFrom;
      long y1 = x1 - r.unitsFrom;
      // Increment k runs over [k, k + 1) units from unitsFrom; these fall due in [x0, x1).
      long k0 = r.roundUp ? ceilDiv(y0, r.unit) : y0 / r.unit;
      long k1 = r.roundUp ? ceilDiv(y1, r.unit) : y1 / r.unit;
      amount = Math.addExact(amount, units(r, k0, k1, chargeFrom, origin));
      quantity += k1 - k0;
    }
  }

  /** What increments k0 (included) to k1 (excluded) of the period cost. */
  private static long units(Rule r, long k0, long k1, long chargeFrom, long origin) {
    long[] until = r.tierUntil;
    if (until.length == 0) {
      return Math.multiplyExact(k1 - k0, r.unitPrice);
    }
    // An increment costs the price for the stay time at which it starts.
    long first = chargeFrom + r.unitsFrom;
    long amount = 0;
    long k = k0;
    for (int i = 0; i < until.length && k < k1; i++) {
      long below = Math.min(k1, ceilDiv(origin + until[i] - first, r.unit));
      if (below > k) {
        amount = Math.addExact(amount, Math.multiplyExact(below - k, r.tierPrice[i]));
        k = below;
      }
    }
    return Math.addExact(amount, Math.multiplyExact(k1 - k, r.unitPrice));
  }

  /** How many of the offsets {@code at}, {@code at + cycle}, ... are before {@code x}. */
  private static long occurrences(long x, long at, long cycle) {
    return x > at ? ceilDiv(x - at, cycle) : 0;
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}
