package org.parkgate.fee;

import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parkgate.money.Money;

/** Reads the {@code rules} and {@code days} of one vehicle class's fee standard. */
final class RuleParser {

  private static final Set<String> RULE_KEYS =
      Set.of(
          "free",
          "flat",
          "first",
          "bands",
          "repeat",
          "unit",
          "price",
          "byStayTime",
          "rounding",
          "max");
  private static final Set<String> TIER_KEYS = Set.of("until", "price");
  private static final Set<String> FIRST_KEYS = Set.of("length", "price", "per");
  private static final Set<String> BAND_KEYS = Set.of("upTo", "price", "name");
  private static final Set<String> SLOT_KEYS = Set.of("from", "rule");
  private static final List<String> DAY_NAMES =
      List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

  private final Currency currency;
  private final Wording wording;

  /** "first hour" means each day's (firstPer: day) rather than the stay's. */
  private final boolean firstPerDay;

  /** Prices of named bands, for a lost-card rule that charges "the 24h band". */
  final Map<String, Long> bandPrices = new LinkedHashMap<>();

  RuleParser(Currency currency, Wording wording, boolean firstPerDay) {
    this.currency = currency;
    this.wording = wording;
    this.firstPerDay = firstPerDay;
  }

  Map<String, Rule> rules(Node node) throws TariffException {
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : node.fields().entrySet()) {
      rules.put(e.getKey(), rule(e.getKey(), e.getValue()));
    }
    if (rules.isEmpty()) {
      throw node.error("at least one rule is needed");
    }
    return rules;
  }

  private Rule rule(String name, Node n) throws TariffException {
    n.allowOnly(RULE_KEYS);
    boolean free = n.has("free") && n.get("free").bool();
    boolean flat = n.has("flat");
    boolean bands = n.has("bands");
    boolean first = n.has("first");
    boolean unit = n.has("unit") || n.has("price");
    if (free && (flat || bands || first || unit || n.has("max"))) {
      throw n.error("a free rule charges nothing; remove its other keys");
    }
    if (flat && (bands || first || unit)) {
      throw n.error("flat cannot be combined with bands, first or unit");
    }
    if (bands && first) {
      throw n.get("first").error("use a first band instead of first together with bands");
    }
    if (n.has("repeat") && (!bands || unit)) {
      throw n.get("repeat")
          .error(
              bands
                  ? "a repeating band table cannot also have unit and price after it"
                  : "repeat goes with bands");
    }
    if (n.has("byStayTime") && !n.has("unit")) {
      throw n.get("byStayTime").error("byStayTime prices increments: it needs unit and price");
    }
    if (!free && !flat && !bands && !first && !unit) {
      throw n.error("say how it charges: free, flat, bands, first, or unit and price");
    }
    Text text = new Text(name);
    List<long[]> steps = new ArrayList<>();
    long unitsFrom = 0;
    long stayFirstLength = 0;
    long stayFirstPrice = 0;
    String stayFirstText = null;
    if (free) {
      text.add("免费", "free");
    }
    if (flat) {
      long price = n.get("flat").money(currency);
      steps.add(new long[] {0, price});
      text.add("每时段" + fmt(price), fmt(price) + " flat");
    }
    if (first) {
      Node f = n.get("first");
      f.allowOnly(FIRST_KEYS);
      long length = f.get("length").positiveDuration();
      long price = f.get("price").money(currency);
      String per = f.has("per") ? f.get("per").choice("stay", "period") : "stay";
      if (per.equals("stay")) {
        stayFirstLength = length;
        stayFirstPrice = price;
        stayFirstText =
            wording.say(
                name + (firstPerDay ? "：当日首" : "：首") + Wording.zhDuration(length),
                name
                    + ": first "
                    + LocalText.duration(length)
                    + (firstPerDay ? " of the day" : " of the stay"));
      } else {
        steps.add(new long[] {0, price});
        unitsFrom = length;
        text.add(
            "首" + Wording.zhDuration(length) + fmt(price),
            "first " + LocalText.duration(length) + " " + fmt(price));
      }
    }
    long cycle = 0;
    if (bands) {
      unitsFrom = bands(n.get("bands"), steps, text);
      if (n.has("repeat")) {
        cycle = n.get("repeat").positiveDuration();
        if (cycle < unitsFrom) {
          throw n.get("repeat")
              .error(
                  "must be at least as long as the band table ("
                      + LocalText.duration(unitsFrom)
                      + ")");
        }
        text.add(
            "，每" + Wording.zhDuration(cycle) + "重新计", ", again every " + LocalText.duration(cycle));
      }
    }
    long unitLength = 0;
    long unitPrice = 0;
    boolean roundUp = true;
    long[] tierUntil = new long[0];
    long[] tierPrice = new long[0];
    if (unit) {
      unitLength = n.get("unit").positiveDuration();
      unitPrice = n.get("price").money(currency);
      if (n.has("rounding")) {
        roundUp = n.get("rounding").choice("up", "down").equals("up");
      }
      if (steps.size() > 0 || unitsFrom > 0) {
        text.add("，之后", ", then ");
      }
      String zhUnit = unitLength == 3600 ? "小时" : Wording.zhDuration(unitLength);
      String zhEach = (roundUp ? "每" : "每满") + zhUnit;
      String enEach = (roundUp ? " per started " : " per full ") + LocalText.duration(unitLength);
      if (n.has("byStayTime")) {
        List<Node> tiers = n.get("byStayTime").list();
        if (tiers.isEmpty()) {
          throw n.get("byStayTime").error("needs at least one {until, price}");
        }
        tierUntil = new long[tiers.size()];
        tierPrice = new long[tiers.size()];
        String whose = firstPerDay ? "当日" : "停车";
        String enWhose = firstPerDay ? " of the day" : " of the stay";
        for (int i = 0; i < tiers.size(); i++) {
          Node tier = tiers.get(i);
          tier.allowOnly(TIER_KEYS);
          tierUntil[i] = tier.get("until").positiveDuration();
          tierPrice[i] = tier.get("price").money(currency);
          if (i > 0 && tierUntil[i] <= tierUntil[i - 1]) {
            throw tier.get("until")
                .error(
                    "must be longer than the one before ("
                        + LocalText.duration(tierUntil[i - 1])
                        + ")");
          }
          String from = i == 0 ? "" : LocalText.duration(tierUntil[i - 1]) + "-";
          text.add(
              (i == 0 ? whose + "首" : "，" + whose + Wording.zhDuration(tierUntil[i - 1]) + "至")
                  + Wording.zhDuration(tierUntil[i])
                  + "内"
                  + zhEach
                  + fmt(tierPrice[i]),
              (i == 0 ? "" : ", ")
                  + fmt(tierPrice[i])
                  + enEach
                  + (i == 0 ? " in the first " : " in ")
                  + from
                  + LocalText.duration(tierUntil[i])
                  + enWhose);
        }
        text.add("，之后" + zhEach + fmt(unitPrice), ", then " + fmt(unitPrice) + enEach);
      } else {
        text.add(zhEach + fmt(unitPrice), fmt(unitPrice) + enEach);
      }
    } else if (n.has("rounding")) {
      throw n.get("rounding").error("rounding needs unit and price");
    }
    long max = Long.MAX_VALUE;
    if (n.has("max")) {
      max = n.get("max").money(currency);
      text.add("，每时段最高" + fmt(max), ", at most " + fmt(max) + " per period");
    }
    if (text.isEmpty()) {
      text.add(
          "首" + Wording.zhDuration(stayFirstLength) + "后不再收费",
          "nothing after the first " + LocalText.duration(stayFirstLength));
    }
    steps.removeIf(s -> s[1] == 0);
    long[] at = new long[steps.size()];
    long[] adds = new long[steps.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = steps.get(i)[0];
      adds[i] = steps.get(i)[1];
    }
    return new Rule(
        name,
        text.say(wording),
        free,
        at,
        adds,
        cycle,
        unitLength,
        unitPrice,
        tierUntil,
        tierPrice,
        unitsFrom,
        roundUp,
        max,
        stayFirstLength,
        stayFirstPrice,
        stayFirstText);
  }

  /** Turns a band table into step charges; returns where the table ends. */
  private long bands(Node node, List<long[]> steps, Text text) throws TariffException {
    List<Node> list = node.list();
    if (list.isEmpty()) {
      throw node.error("a band table needs at least one band");
    }
    long previousUpTo = 0;
    long previousPrice = 0;
    for (int i = 0; i < list.size(); i++) {
      Node band = list.get(i);
      band.allowOnly(BAND_KEYS);
      long upTo = band.get("upTo").positiveDuration();
      long price = band.get("price").money(currency);
      if (upTo <= previousUpTo) {
        throw band.get("upTo")
            .error(
                "must be longer than the band before (" + LocalText.duration(previousUpTo) + ")");
      }
      if (price < previousPrice) {
        throw band.get("price")
            .error(
                "is less than the band before ("
                    + fmt(previousPrice)
                    + "); a longer stay must never cost less");
      }
      steps.add(new long[] {previousUpTo, price - previousPrice});
      if (band.has("name")) {
        bandPrices.put(band.get("name").text(), price);
      }
      text.add(
          (i == 0 ? "" : "，") + Wording.zhDuration(upTo) + "内" + (price == 0 ? "免费" : fmt(price)),
          (i == 0 ? "" : ", ")
              + "up to "
              + LocalText.duration(upTo)
              + " "
              + (price == 0 ? "free" : fmt(price)));
      previousUpTo = upTo;
      previousPrice = price;
    }
    return previousUpTo;
  }

  /** Resolves {@code days} into the eight kinds of day the engine looks up. */
  DaySchedule[] days(Node node, Map<String, Rule> rules, Node rulesNode) throws TariffException {
    if (node == null) {
      if (rules.size() != 1) {
        throw rulesNode.error("with more than one rule, add 'days' to say when each applies");
      }
      DaySchedule all = new DaySchedule(new int[] {0}, rules.values().toArray(new Rule[0]));
      DaySchedule[] out = new DaySchedule[8];
      java.util.Arrays.fill(out, all);
      return out;
    }
    Set<String> known = new java.util.LinkedHashSet<>(DAY_NAMES);
    known.addAll(List.of("default", "weekday", "weekend", "holiday"));
    node.allowOnly(known);
    Map<String, DaySchedule> given = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : node.fields().entrySet()) {
      given.put(e.getKey(), schedule(e.getValue(), rules));
    }
    DaySchedule[] out = new DaySchedule[8];
    for (int d = 0; d < 7; d++) {
      String group = d < 5 ? "weekday" : "weekend";
      out[d] = first(given, DAY_NAMES.get(d), group, "default");
      if (out[d] == null) {
        throw node.error(
            "no schedule for "
                + DAY_NAMES.get(d)
                + "; add '"
                + DAY_NAMES.get(d)
                + "', '"
                + group
                + "' or 'default'");
      }
    }
    out[7] = first(given, "holiday", "sunday", "weekend", "default");
    return out;
  }

  private static DaySchedule first(Map<String, DaySchedule> given, String... names) {
    for (String name : names) {
      if (given.containsKey(name)) {
        return given.get(name);
      }
    }
    return null;
  }

  private DaySchedule schedule(Node node, Map<String, Rule> rules) throws TariffException {
    if (node.value.isTextual()) {
      return new DaySchedule(new int[] {0}, new Rule[] {rule(node, rules)});
    }
    List<Node> slots = node.list();
    if (slots.isEmpty()) {
      throw node.error("needs at least one {from, rule}");
    }
    int[] from = new int[slots.size()];
    Rule[] slotRules = new Rule[slots.size()];
    for (int i = 0; i < from.length; i++) {
      Node slot = slots.get(i);
      slot.allowOnly(SLOT_KEYS);
      from[i] = slot.get("from").timeOfDay();
      if (i > 0 && from[i] <= from[i - 1]) {
        throw slot.get("from").error("times must be listed in order through the day");
      }
      slotRules[i] = rule(slot.get("rule"), rules);
    }
    return new DaySchedule(from, slotRules);
  }

  private static Rule rule(Node name, Map<String, Rule> rules) throws TariffException {
    Rule r = rules.get(name.text());
    if (r == null) {
      throw name.error("no rule named '" + name.text() + "'; rules are " + rules.keySet());
    }
    return r;
  }

  private String fmt(long minor) {
    return new Money(minor, currency).toDecimalString();
  }

  /** A rule's description being written in both languages at once. */
  private static final class Text {
    private final StringBuilder zh;
    private final StringBuilder en;
    private final int start;

    Text(String name) {
      zh = new StringBuilder(name).append('：');
      en = new StringBuilder(name).append(": ");
      start = en.length();
    }

    void add(String chinese, String english) {
      zh.append(chinese);
      en.append(english);
    }

    boolean isEmpty() {
      return en.length() == start;
    }

    String say(Wording wording) {
      return wording.say(zh.toString(), en.toString());
    }
  }
}
