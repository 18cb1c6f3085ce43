package org.parkgate.money;

import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The notes and coins a cashier counts a drawer in, largest first, in minor units. CNY: 100, 50,
 * 20, 10, 5, 1, 0.5 and 0.1 yuan; GBP: 50, 20, 10 and 5 pound notes, coins from 2 pounds to a
 * penny. A currency without a table here is counted in its major unit and its smallest minor unit.
 */
public final class Denominations {
  private static final Map<String, List<Long>> FACES =
      Map.of(
          "CNY", List.of(10000L, 5000L, 2000L, 1000L, 500L, 100L, 50L, 10L),
          "HKD",
              List.of(
                  100000L, 50000L, 10000L, 5000L, 2000L, 1000L, 500L, 200L, 100L, 50L, 20L, 10L),
          "GBP", List.of(5000L, 2000L, 1000L, 500L, 200L, 100L, 50L, 20L, 10L, 5L, 2L, 1L),
          "USD", List.of(10000L, 5000L, 2000L, 1000L, 500L, 100L, 25L, 10L, 5L, 1L),
          "EUR",
              List.of(
                  50000L, 20000L, 10000L, 5000L, 2000L, 1000L, 500L, 200L, 100L, 50L, 20L, 10L, 5L,
                  2L, 1L));

  private Denominations() {}

  /** The face values of {@code currency}'s notes and coins in minor units, largest first. */
  public static List<Long> of(Currency currency) {
    List<Long> faces = FACES.get(currency.getCurrencyCode());
    if (faces != null) {
      return faces;
    }
    long major = Math.round(Math.pow(10, Math.max(currency.getDefaultFractionDigits(), 0)));
    return major == 1 ? List.of(1L) : List.of(major, 1L);
  }

  /** The largest note of {@code currency}. */
  public static Money largest(Currency currency) {
    return Money.of(of(currency).get(0), currency);
  }

  /**
   * {@code minor} as the fewest notes and coins of {@code currency}, largest first (face in minor
   * units to how many), as a cashier counts what should be in the drawer.
   */
  public static Map<Long, Long> fewest(Currency currency, long minor) {
    Map<Long, Long> out = new java.util.LinkedHashMap<>();
    long left = minor;
    for (long face : of(currency)) {
      if (left >= face) {
        out.put(face, left / face);
        left %= face;
      }
    }
    return out;
  }
}
