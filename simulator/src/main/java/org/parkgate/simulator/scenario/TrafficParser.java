package org.parkgate.simulator.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.parkgate.config.ConfigNode;

/**
 * Reads one block of a scenario's {@code traffic}: vehicles arriving at a rate between two times.
 */
final class TrafficParser {
  private static final Set<String> TRAFFIC =
      Set.of(
          "entry",
          "exit",
          "from",
          "to",
          "perHour",
          "stay",
          "lostCards",
          "seasonCards",
          "pay",
          "classes",
          "seed");

  private final Fields fields;
  private final ScenarioSite site;

  TrafficParser(Fields fields, ScenarioSite site) {
    this.fields = fields;
    this.site = site;
  }

  Traffic traffic(Located node, String where, int block) throws ScenarioException {
    if (!(node instanceof Located.Mapping m)) {
      throw fields.fail(
          node.line(), where, "a traffic block is a mapping: entry, exit, from, to, perHour");
    }
    fields.only(m, where, TRAFFIC);
    Duration from = offset(m, where, "from");
    Duration to = offset(m, where, "to");
    if (to.compareTo(from) <= 0) {
      throw fields.fail(Fields.keyLine(m, "to"), where + ".to", "must be after from");
    }
    double perHour = fraction(m, where, "perHour", 0.001, 36_000);
    Duration stayMin = Duration.ofSeconds(30);
    Duration stayMax = Duration.ofSeconds(30);
    if (m.entries().containsKey("stay")) {
      if (!(m.entries().get("stay") instanceof Located.Mapping s)) {
        throw fields.fail(
            Fields.keyLine(m, "stay"), where + ".stay", "a mapping: {min: 20s, max: 60s}");
      }
      fields.only(s, where + ".stay", Set.of("min", "max"));
      stayMin = offset(s, where + ".stay", "min");
      stayMax = offset(s, where + ".stay", "max");
      if (stayMax.compareTo(stayMin) < 0) {
        throw fields.fail(Fields.keyLine(s, "max"), where + ".stay.max", "must not be below min");
      }
    }
    double lost = m.entries().containsKey("lostCards") ? fraction(m, where, "lostCards", 0, 1) : 0;
    double season =
        m.entries().containsKey("seasonCards") ? fraction(m, where, "seasonCards", 0, 1) : 0;
    Map<Step.Pay, Double> pay = new LinkedHashMap<>();
    if (m.entries().containsKey("pay")) {
      for (Map.Entry<String, Double> e : weights(m, where, "pay").entrySet()) {
        Step.Pay tender = null;
        for (Step.Pay p : List.of(Step.Pay.CASH, Step.Pay.CARD, Step.Pay.MOBILE, Step.Pay.OWING)) {
          if (p.name().toLowerCase(Locale.ROOT).equals(e.getKey())) {
            tender = p;
          }
        }
        if (tender == null) {
          throw fields.fail(
              Fields.keyLine(m, "pay"),
              where + ".pay." + e.getKey(),
              "not one of cash, card, mobile, owing");
        }
        pay.put(tender, e.getValue());
      }
    } else {
      pay.put(Step.Pay.CASH, 1.0);
    }
    Map<String, Double> classes = new LinkedHashMap<>();
    if (m.entries().containsKey("classes")) {
      for (Map.Entry<String, Double> e : weights(m, where, "classes").entrySet()) {
        if (!Fields.CLASSES.contains(e.getKey())) {
          throw fields.fail(
              Fields.keyLine(m, "classes"),
              where + ".classes." + e.getKey(),
              "not one of " + String.join(", ", Fields.CLASSES));
        }
        classes.put(e.getKey(), e.getValue());
      }
    } else {
      classes.put("car", 1.0);
    }
    long seed = 1;
    if (m.entries().containsKey("seed")) {
      String t = fields.text(m, where, "seed");
      if (!t.matches("[0-9]{1,18}")) {
        throw fields.fail(
            Fields.keyLine(m, "seed"), where + ".seed", "'" + t + "' is not a whole number");
      }
      seed = Long.parseLong(t);
    }
    return new Traffic(
        m.line(),
        block,
        site.lane(m, where, "entry", "entry"),
        site.lane(m, where, "exit", "exit"),
        from,
        to,
        perHour,
        stayMin,
        stayMax,
        lost,
        season,
        pay,
        classes,
        seed);
  }

  private Duration offset(Located.Mapping m, String where, String key) throws ScenarioException {
    String t = fields.text(m, where, key);
    try {
      return t.matches("[0-9]+")
          ? Duration.ofSeconds(Long.parseLong(t))
          : ConfigNode.parseDuration(t);
    } catch (RuntimeException e) {
      throw fields.fail(
          Fields.keyLine(m, key),
          where + "." + key,
          "'" + t + "' is not a time like 0s, 45s, 2min, 1h");
    }
  }

  private double fraction(Located.Mapping m, String where, String key, double min, double max)
      throws ScenarioException {
    String t = fields.text(m, where, key);
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!(v >= min && v <= max)) {
      throw fields.fail(
          Fields.keyLine(m, key),
          where + "." + key,
          "'" + t + "' is not a number " + min + "-" + max);
    }
    return v;
  }

  /** {name: weight, ...}: shares that need not add up to 1; at least one above 0. */
  private Map<String, Double> weights(Located.Mapping m, String where, String key)
      throws ScenarioException {
    if (!(m.entries().get(key) instanceof Located.Mapping w) || w.entries().isEmpty()) {
      throw fields.fail(
          Fields.keyLine(m, key),
          where + "." + key,
          "a mapping of shares, e.g. {cash: 0.7, card: 0.3}");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    double total = 0;
    for (String k : w.entries().keySet()) {
      double v = fraction(w, where + "." + key, k, 0, 1_000_000);
      out.put(k, v);
      total += v;
    }
    if (total <= 0) {
      throw fields.fail(Fields.keyLine(m, key), where + "." + key, "the shares add up to 0");
    }
    return out;
  }
}
