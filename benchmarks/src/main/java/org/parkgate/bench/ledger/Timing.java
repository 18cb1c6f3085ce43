package org.parkgate.bench.ledger;

import java.util.Arrays;

/** Timing helpers of the ledger benches: percentiles printed, and a CPU yardstick. */
final class Timing {
  private Timing() {}

  /**
   * A fixed piece of pure CPU work (no SQLite, no I/O) about as long as a median lookup, timed
   * between the lookups: its tail is what the machine's scheduling does to any thread at those
   * moments, so a lookup tail that matches it comes from the machine, not from the ledger.
   */
  static int calibrate() {
    for (int i = 0; i < 5_000; i++) {
      busy(1 << 12); // compiled before it is calibrated
    }
    int rounds = 1 << 10;
    long[] t = new long[51];
    do {
      rounds *= 2;
      for (int i = 0; i < t.length; i++) {
        t[i] = busy(rounds);
      }
      Arrays.sort(t);
    } while (t[t.length / 2] < 40_000);
    return rounds;
  }

  static void report(String what, long[] nanos) {
    int n = nanos.length;
    long under1ms = Arrays.stream(nanos).filter(x -> x < 1_000_000).count();
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%s: p50 %.3f ms, p99 %.3f ms, max %.3f ms, %.2f%% under 1 ms%n",
        what, ms(sorted[n / 2]), ms(sorted[n * 99 / 100]), ms(sorted[n - 1]), 100.0 * under1ms / n);
  }

  static long sink;

  static long busy(int rounds) {
    long t = System.nanoTime();
    long x = sink;
    for (int i = 0; i < rounds; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    sink = x;
    return System.nanoTime() - t;
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
