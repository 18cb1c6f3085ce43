package org.parkgate.console.link;

import java.time.Duration;

/** Reconnect delays that double from a short first try up to a ceiling; reset once connected. */
final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private long nextMillis;

  Backoff(Duration min, Duration max) {
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.nextMillis = minMillis;
  }

  long nextDelayMillis() {
    long delay = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    return delay;
  }

  void reset() {
    nextMillis = minMillis;
  }
}
