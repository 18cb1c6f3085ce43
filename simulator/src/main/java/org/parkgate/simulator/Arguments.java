package org.parkgate.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line: {@code --site FILE} (required), {@code --dwell DURATION} (how long a vehicle
 * takes to drive over the safety loop, default 300ms), {@code --pty DIR} (ptys in front of the
 * devices), {@code --card-seed N} (card numbers from a seed), {@code --wire-log FILE} (every frame
 * as a JSON line), {@code --help}.
 */
record Arguments(
    Path site, Duration dwell, Path ptyDir, Long cardSeed, Path wireLog, boolean help) {
  static final Duration DEFAULT_DWELL = Duration.ofMillis(300);
  static final String USAGE =
      """
      usage: java -jar simulator.jar --site FILE [--dwell DURATION] [--pty DIR]
                                     [--card-seed N] [--wire-log FILE]

      Emulates every lane device of the site (barrier I/O module over Modbus RTU, card unit,
      display) on the TCP addresses the site file gives them, with an HTTP+JSON control interface
      on simulator.controlPort. See docs/simulator.md.

        --site FILE        the site file, e.g. config/sites/demo.yaml
        --dwell DURATION   time a vehicle driving through spends on the safety loop (default 300ms),
                           e.g. 500ms or 2s
        --pty DIR          also put a pty in front of every device with socat: DIR/<lane>-barrier,
                           DIR/<lane>-cardUnit, DIR/<lane>-display (needs socat)
        --card-seed N      card numbers from seed N (a whole number) instead of at random: the
                           same numbers, lane by lane, on every run that issues in the same order
        --wire-log FILE    write every frame on every device link to FILE as a JSON line (when,
                           lane, device, direction, hex); FILE is emptied first
        --help             show this and exit
      """;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s)");

  /** Parses {@code args}; the exception's message is the one-line reason for the user. */
  static Arguments parse(String[] args) {
    Path site = null;
    Duration dwell = DEFAULT_DWELL;
    Path ptyDir = null;
    Long cardSeed = null;
    Path wireLog = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return new Arguments(null, dwell, null, null, null, true);
        }
        case "--site" -> site = Path.of(value(args, i++));
        case "--dwell" -> dwell = duration(value(args, i++));
        case "--pty" -> ptyDir = Path.of(value(args, i++));
        case "--card-seed" -> cardSeed = seed(value(args, i++));
        case "--wire-log" -> wireLog = Path.of(value(args, i++));
        default ->
            throw new IllegalArgumentException("unknown argument '" + args[i] + "' (try --help)");
      }
    }
    if (site == null) {
      throw new IllegalArgumentException("--site FILE is required (try --help)");
    }
    return new Arguments(site, dwell, ptyDir, cardSeed, wireLog, false);
  }

  private static Long seed(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--card-seed '" + text + "' is not a whole number");
    }
  }

  private static String value(String[] args, int i) {
    return Optional.of(i + 1)
        .filter(n -> n < args.length && !args[n].startsWith("--"))
        .map(n -> args[n])
        .orElseThrow(() -> new IllegalArgumentException(args[i] + " needs a value (try --help)"));
  }

  private static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--dwell '" + text + "' is not a duration like 300ms or 2s");
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
  }
}
