package org.parkgate.bench.lanes;

import java.time.Duration;

/** What {@link PeakLanesBench} runs; every option has a default, and a bad one is refused. */
record PeakOptions(
    int lanes,
    int entries,
    int perHour,
    Duration warmup,
    Duration measure,
    int owingPercent,
    Duration payDelay,
    Duration takeDelay,
    int pollMs,
    long seed,
    boolean tls) {

  static final String USAGE =
      """
      usage: PeakLanesBench [--lanes N] [--entries N] [--per-hour N] [--warmup SECONDS]
                            [--measure SECONDS] [--owing PERCENT] [--pay-delay MS]
                            [--take-delay MS] [--poll MS] [--seed N] [--tls]
        --lanes       lanes in all (default 100)
        --entries     how many of them are entries, the rest exits (default half)
        --per-hour    vehicles arriving at each lane per hour, at random (default 400)
        --warmup      seconds of traffic before measuring (default 30)
        --measure     seconds measured (default 180)
        --owing       percent of exiting stays past the grace period, paid at the booth (default 20)
        --pay-delay   ms from the fee shown at the booth to the cashier's payment (default 3000)
        --take-delay  ms from ISSUE to the driver taking the card at an entry (default 1000)
        --poll        the controller's pollInterval in ms (default 50)
        --seed        random seed for arrivals and which stays owe (default 42)
        --tls         the console API over TLS (controller.tls: on); the booth client connects
                      with wss:// and trusts exactly the controller's certificate (default off)""";

  /** The options from {@code args}, or null when help was asked for. */
  static PeakOptions parse(String[] args) {
    int lanes = 100;
    Integer entries = null;
    int perHour = 400;
    int warmup = 30;
    int measure = 180;
    int owing = 20;
    int payDelay = 3000;
    int takeDelay = 1000;
    int poll = 50;
    long seed = 42;
    boolean tls = false;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        return null;
      }
      if (name.equals("--tls")) {
        tls = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--lanes" -> lanes = number(name, value, 1, 500);
        case "--entries" -> entries = number(name, value, 0, 500);
        case "--per-hour" -> perHour = number(name, value, 1, 3600);
        case "--warmup" -> warmup = number(name, value, 0, 3600);
        case "--measure" -> measure = number(name, value, 10, 24 * 3600);
        case "--owing" -> owing = number(name, value, 0, 100);
        case "--pay-delay" -> payDelay = number(name, value, 0, 600_000);
        case "--take-delay" -> takeDelay = number(name, value, 0, 60_000);
        case "--poll" -> poll = number(name, value, 10, 1000);
        case "--seed" -> seed = number(name, value, 0, Integer.MAX_VALUE);
        default -> throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    int entryLanes = entries != null ? entries : lanes / 2;
    if (entryLanes > lanes) {
      throw new IllegalArgumentException(
          "--entries " + entryLanes + " is more than --lanes " + lanes);
    }
    return new PeakOptions(
        lanes,
        entryLanes,
        perHour,
        Duration.ofSeconds(warmup),
        Duration.ofSeconds(measure),
        owing,
        Duration.ofMillis(payDelay),
        Duration.ofMillis(takeDelay),
        poll,
        seed,
        tls);
  }

  private static int number(String name, String value, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          name + " must be " + min + " to " + max + ", not " + value);
    }
    return n;
  }

  @Override
  public String toString() {
    return "%d lanes (%d entry, %d exit), %d vehicles per lane per hour, warm-up %d s, measured %d s,"
            .formatted(
                lanes, entries, lanes - entries, perHour, warmup.toSeconds(), measure.toSeconds())
        + " %d%% of exits owe (paid %d ms after the fee shows), card taken %d ms after ISSUE, poll %d ms, seed %d"
            .formatted(owingPercent, payDelay.toMillis(), takeDelay.toMillis(), pollMs, seed)
        + (tls ? ", console API over TLS" : "");
  }
}
