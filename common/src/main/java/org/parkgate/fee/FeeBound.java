package org.parkgate.fee;

/**
 * An upper bound on what one stay of at most {@code maxStay} can cost under a scheme, worked out at
 * load so that a tariff whose fees could overflow the engine's arithmetic is refused there, never
 * met at a lane. Generous, not tight: every period is assumed to charge all its steps and first
 * hour, and every increment its highest price.
 */
final class FeeBound {

  private static final long DAY = 86_400;

  private FeeBound() {}

  static long mostAStayCanCost(Scheme scheme) {
    long days = scheme.maxStay / DAY + 2;
    int slots = 1;
    for (DaySchedule d : scheme.days) {
      slots = Math.max(slots, d.from.length);
    }
    // Rule changes, day boundaries (a first hour per day restarts counting) and clock changes.
    long periods = add(mul(days, slots + 2L), 64);
    long most = 0;
    java.util.Set<Rule> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (DaySchedule d : scheme.days) {
      for (Rule r : d.rules) {
        if (seen.add(r)) {
          most = add(most, ruleBound(r, scheme.maxStay, periods));
        }
      }
    }
    DayWindow w = scheme.window;
    if (w.maximum() != Long.MAX_VALUE) {
      most = Math.min(most, mul(days, w.maximum()));
    }
    most = add(most, mul(days, w.ratePrice()));
    return add(most, add(scheme.lostCard.amount(), scheme.lostCard.replacementFee()));
  }

  private static long ruleBound(Rule r, long maxStay, long periods) {
    long steps = 0;
    for (long a : r.stepAdds) {
      steps = add(steps, a);
    }
    if (r.stepCycle > 0) {
      steps = mul(steps, maxStay / r.stepCycle + 1);
    }
    long perPeriod = add(steps, r.stayFirstPrice);
    long units = 0;
    if (r.unit > 0) {
      long price = r.unitPrice;
      for (long p : r.tierPrice) {
        price = Math.max(price, p);
      }
      units = mul(add(maxStay / r.unit, periods), price);
    }
    long bound = add(mul(perPeriod, periods), units);
    return r.maxPerPeriod == Long.MAX_VALUE
        ? bound
        : Math.min(bound, mul(add(r.maxPerPeriod, r.stayFirstPrice), periods));
  }

  private static long add(long a, long b) {
    long s = a + b;
    return s < a ? Long.MAX_VALUE : s;
  }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
