package org.parkgate.simulator.fault;

import java.util.Random;

/**
 * The faults in force on one device and the random source that decides which frames they hit. The
 * source is seeded, by default from the device's name, so the same requests meet the same faults on
 * every run; setting the seed starts the sequence again.
 */
public final class DeviceFaults {
  private volatile Faults current = Faults.NONE;
  private final Random random;
  private long seed;

  public DeviceFaults(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  public Faults current() {
    return current;
  }

  public void set(Faults faults) {
    current = faults;
  }

  public synchronized long seed() {
    return seed;
  }

  public synchronized void reseed(long seed) {
    this.seed = seed;
    random.setSeed(seed);
  }

  /** True with probability {@code p}; draws nothing when the answer is certain. */
  public boolean chance(double p) {
    if (p <= 0) {
      return false;
    }
    return p >= 1 || nextDouble() < p;
  }

  /** A number from 0 to {@code bound - 1}. */
  public synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private synchronized double nextDouble() {
    return random.nextDouble();
  }
}
