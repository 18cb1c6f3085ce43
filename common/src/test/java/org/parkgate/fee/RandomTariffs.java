package org.parkgate.fee;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random but valid tariff files (through the real loader) and random stays, so property
 * tests cover the combinations a site manager might write, not only the examples we thought of.
 * Everything is minute-aligned so the {@link MinuteOracle} applies.
 */
final class RandomTariffs {

  static final String[] ZONES = {"Asia/Shanghai", "Europe/London", "America/New_York", "UTC"};
  static final String[] UNITS = {"15m", "30m", "1h", "2h", "45m"};
  static final String[] VOUCHERS = {"TIME", "PERCENT", "AMOUNT", "FREE"};

  private RandomTariffs() {}

  /** A random stay and tariff, fully determined by the seed. */
  record Case(long seed, String yaml, Tariff tariff, Instant entry, Instant exit) {
    Scheme scheme() {
      return tariff.versionAt(entry).scheme("car");
    }

    @Override
    public String toString() {
      return "seed " + seed + ": " + entry + " .. " + exit + "\n" + yaml;
    }
  }

  static Case random(long seed) {
    return random(seed, 4 * 24 * 60);
  }

  static Case random(long seed, int maxMinutes) {
    Random r = new Random(seed);
    String yaml = yaml(r);
    Tariff t;
    try {
      t = TariffLoader.parse(Path.of("random-" + seed + ".yaml"), yaml);
    } catch (TariffException e) {
      throw new AssertionError("generated an invalid tariff: " + e.getMessage() + "\n" + yaml, e);
    }
    // Entries cluster around daylight-saving changes in the zones that have them.
    String[] around = {
      "2027-03-13T12:00",
      "2027-03-27T12:00",
      "2027-10-30T12:00",
      "2027-11-06T12:00",
      "2027-01-08T12:00",
      "2027-06-30T12:00"
    };
    LocalDateTime base = LocalDateTime.parse(around[r.nextInt(around.length)]);
    Instant entry0 =
        base.atZone(ZoneId.of("UTC"))
            .toInstant()
            .plusSeconds(60L * (r.nextInt(3 * 24 * 60) - 36 * 60));
    Instant entry = entry0;
    int minutes =
        switch (r.nextInt(5)) {
          case 0 -> r.nextInt(120);
          case 4 -> 60 * (1 + r.nextInt(14));
          // Whole hours and quarters put the exit exactly on band, increment and day-rate edges.
          case 1 -> 15 * r.nextInt(maxMinutes / 15);
          default -> r.nextInt(maxMinutes);
        };
    if (r.nextInt(4) == 0) {
      entry = entry.minusSeconds(entry.getEpochSecond() % 3600);
    }
    return new Case(seed, yaml, t, entry, entry.plusSeconds(60L * minutes));
  }

  private static String yaml(Random r) {
    StringBuilder y = new StringBuilder();
    y.append("id: random\ncurrency: CNY\nzone: ").append(pick(r, ZONES)).append('\n');
    y.append("holidays: [2027-01-08, 2027-03-14, 2027-10-31]\n");
    y.append("vouchers: {TIME: {time: ")
        .append(15 * (1 + r.nextInt(12)))
        .append("m}, PERCENT: {percent: ")
        .append(r.nextInt(101))
        .append("}, AMOUNT: {amount: \"")
        .append(money(50 * r.nextInt(40)))
        .append("\"}, FREE: {free: true}}\n");
    if (r.nextBoolean()) {
      y.append("exitGrace: ").append(r.nextInt(30)).append("m\n");
    }
    y.append("grace: ").append(pick(r, new String[] {"0m", "10m", "15m", "30m"})).append('\n');
    if (r.nextInt(3) == 0) {
      y.append("graceExceeded: deducted\n");
    }
    if (r.nextInt(3) == 0) {
      y.append("firstPer: day\n");
    }
    int ruleCount = 1 + r.nextInt(3);
    y.append("rules:\n");
    for (int i = 0; i < ruleCount; i++) {
      y.append("  r").append(i).append(":\n").append(rule(r));
    }
    if (ruleCount > 1) {
      y.append("days:\n  default:\n").append(slots(r, ruleCount));
      if (r.nextBoolean()) {
        y.append("  weekend:\n").append(slots(r, ruleCount));
      }
    }
    if (r.nextInt(3) > 0) {
      int max = 1000 + 500 * r.nextInt(8);
      y.append("dailyMaximum: \"").append(money(max)).append("\"\n");
      if (r.nextInt(3) == 0) {
        y.append("dayWindow: rolling-24h\n");
      } else {
        y.append("dayStartsAt: \"")
            .append(hhmm(r.nextInt(8) * 60 + 30 * r.nextInt(2)))
            .append("\"\n");
      }
      if (r.nextInt(3) == 0) {
        y.append("dayRate: {after: ")
            .append(2 + r.nextInt(10))
            .append("h, price: \"")
            .append(money(max - 100 * r.nextInt(5)))
            .append(r.nextBoolean() ? "\", counting: chargeable}\n" : "\"}\n");
      }
    }
    return y.toString();
  }

  private static String rule(Random r) {
    StringBuilder y = new StringBuilder();
    int kind = r.nextInt(6);
    switch (kind) {
      case 0 -> y.append("    free: true\n");
      case 1 -> y.append("    flat: \"").append(money(100 * r.nextInt(20))).append("\"\n");
      case 2 -> {
        y.append("    bands:\n");
        int upTo = 0;
        int price = 0;
        for (int b = 0, n = 1 + r.nextInt(4); b < n; b++) {
          upTo += 15 * (1 + r.nextInt(8));
          price += 10 * r.nextInt(30);
          y.append("      - {upTo: ")
              .append(upTo)
              .append("m, price: \"")
              .append(money(price))
              .append("\"}\n");
        }
        int repeat = r.nextInt(3);
        if (repeat == 0) {
          y.append("    repeat: ").append(r.nextBoolean() ? 24 * 60 : upTo + 15 * r.nextInt(8));
          y.append("m\n");
        } else if (repeat == 1) {
          unit(r, y);
        }
      }
      default -> {
        if (r.nextBoolean()) {
          y.append("    first: {length: ")
              .append(30 * (1 + r.nextInt(4)))
              .append("m, price: \"")
              .append(money(100 * r.nextInt(10)))
              .append("\", per: ")
              .append(r.nextBoolean() ? "stay" : "period")
              .append("}\n");
        }
        unit(r, y);
      }
    }
    if (kind != 0 && r.nextInt(4) == 0) {
      y.append("    max: \"").append(money(500 + 100 * r.nextInt(20))).append("\"\n");
    }
    return y.toString();
  }

  private static void unit(Random r, StringBuilder y) {
    y.append("    unit: ").append(pick(r, UNITS)).append('\n');
    y.append("    price: \"").append(money(10 * r.nextInt(40))).append("\"\n");
    y.append("    rounding: ").append(r.nextInt(3) == 0 ? "down" : "up").append('\n');
    if (r.nextInt(3) == 0) {
      y.append("    byStayTime:\n");
      int until = 0;
      for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
        until += 15 * (1 + r.nextInt(12));
        y.append("      - {until: ")
            .append(until)
            .append("m, price: \"")
            .append(money(10 * r.nextInt(40)))
            .append("\"}\n");
      }
    }
  }

  private static String slots(Random r, int ruleCount) {
    List<Integer> times = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      int m = 15 * r.nextInt(96);
      if (!times.contains(m)) {
        times.add(m);
      }
    }
    times.sort(null);
    StringBuilder y = new StringBuilder();
    for (int m : times) {
      y.append("    - {from: \"")
          .append(hhmm(m))
          .append("\", rule: r")
          .append(r.nextInt(ruleCount))
          .append("}\n");
    }
    return y.toString();
  }

  private static String hhmm(int minutes) {
    return String.format("%02d:%02d", minutes / 60, minutes % 60);
  }

  private static String money(int minor) {
    return String.format("%d.%02d", minor / 100, minor % 100);
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
