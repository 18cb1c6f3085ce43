package org.parkgate.fee;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.money.Money;

/** Turns a tariff file's tree into a {@link Tariff}, checking everything on the way. */
final class TariffParser {

  private static final Set<String> SCHEME_KEYS =
      Set.of(
          "grace",
          "graceExceeded",
          "firstPer",
          "maxStay",
          "exitGrace",
          "rules",
          "days",
          "dailyMaximum",
          "dayWindow",
          "dayStartsAt",
          "dayRate",
          "lostCard");
  private static final Set<String> VERSION_KEYS =
      union(SCHEME_KEYS, Set.of("validFrom", "validUntil", "vouchers", "classes", "vehicleClass"));
  private static final Set<String> TOP_KEYS =
      union(
          VERSION_KEYS,
          Set.of("id", "name", "currency", "zone", "holidays", "versions", "language"));
  private static final Set<String> LOST_KEYS =
      Set.of("fee", "amount", "band", "replacementFee", "notLessThanStay");
  private static final long DEFAULT_EXIT_GRACE = 15 * 60;
  private static final long DAY = 86_400;

  /** One year, leap years included. */
  static final long DEFAULT_MAX_STAY = 366 * DAY;

  /** Ten years: the longest maxStay a tariff may set. */
  static final long LONGEST_MAX_STAY = 3660 * DAY;

  /**
   * The most any stay may cost in minor units; keeps every sum, and a percentage voucher's product
   * (fee x 10,000 basis points), far from overflowing a long.
   */
  static final long MOST_A_STAY_MAY_COST = 100_000_000_000_000L;

  /** The class a tariff without {@code classes} prices unless it names another. */
  static final String DEFAULT_CLASS = "car";

  private Currency currency;
  private ZoneId zone;
  private Wording wording = Wording.ENGLISH;

  Tariff parse(Node root) throws TariffException {
    root.allowOnly(TOP_KEYS);
    String id = root.get("id").text();
    String name = root.has("name") ? root.get("name").text() : id;
    Node currencyNode = root.get("currency");
    try {
      currency = Currency.getInstance(currencyNode.text());
    } catch (IllegalArgumentException e) {
      throw currencyNode.error("'" + currencyNode.text() + "' is not an ISO 4217 currency code");
    }
    Node zoneNode = root.get("zone");
    try {
      zone = ZoneId.of(zoneNode.text());
    } catch (DateTimeException e) {
      throw zoneNode.error(
          "'" + zoneNode.text() + "' is not a time zone; write e.g. Asia/Shanghai");
    }
    if (root.has("language")) {
      String lang = root.get("language").choice("en", "zh", "zh-en");
      wording =
          new Wording(
              switch (lang) {
                case "zh" -> Wording.Language.ZH;
                case "zh-en" -> Wording.Language.ZH_EN;
                default -> Wording.Language.EN;
              });
    }
    TreeSet<Long> holidays = new TreeSet<>();
    if (root.has("holidays")) {
      for (Node h : root.get("holidays").list()) {
        holidays.add(h.date().toEpochDay());
      }
    }
    List<TariffVersion> versions = new ArrayList<>();
    if (root.has("versions")) {
      for (String key : VERSION_KEYS) {
        if (root.has(key)) {
          throw root.get(key).error("with 'versions', put this inside each version");
        }
      }
      for (Node v : root.get("versions").list()) {
        v.allowOnly(VERSION_KEYS);
        versions.add(version(v));
      }
      if (versions.isEmpty()) {
        throw root.get("versions").error("needs at least one version");
      }
      checkNoOverlap(root.get("versions"), versions);
    } else {
      versions.add(version(root));
    }
    long[] days = holidays.stream().mapToLong(Long::longValue).toArray();
    return new Tariff(id, name, zone, currency, days, versions, wording);
  }

  private TariffVersion version(Node v) throws TariffException {
    LocalDateTime from = v.has("validFrom") ? onTheClock(v.get("validFrom")) : null;
    LocalDateTime until = v.has("validUntil") ? onTheClock(v.get("validUntil")) : null;
    if (from != null && until != null && !until.isAfter(from)) {
      throw v.get("validUntil").error("must be after validFrom " + from);
    }
    Map<String, Scheme> classes = new LinkedHashMap<>();
    if (v.has("classes") && v.has("vehicleClass")) {
      throw v.get("vehicleClass").error("with 'classes', name each class there instead");
    }
    if (v.has("classes")) {
      for (Map.Entry<String, Node> e : v.get("classes").fields().entrySet()) {
        e.getValue().allowOnly(SCHEME_KEYS);
        classes.put(e.getKey(), scheme(e.getValue(), v));
      }
      if (classes.isEmpty()) {
        throw v.get("classes").error("needs at least one vehicle class");
      }
    } else {
      String only = v.has("vehicleClass") ? v.get("vehicleClass").text() : DEFAULT_CLASS;
      classes.put(only, scheme(v, v));
    }
    Map<String, Voucher> vouchers = new LinkedHashMap<>();
    if (v.has("vouchers")) {
      for (Map.Entry<String, Node> e : v.get("vouchers").fields().entrySet()) {
        vouchers.put(e.getKey(), voucher(e.getKey(), e.getValue()));
      }
    }
    return new TariffVersion(
        from, until, Map.copyOf(classes), Map.copyOf(vouchers), v.has("classes"));
  }

  /**
   * A local date-time that names exactly one instant at the site: one in the hour the clocks skip
   * or repeat would leave which version applies to part of that hour to chance.
   */
  private LocalDateTime onTheClock(Node n) throws TariffException {
    LocalDateTime local = n.dateTime();
    int offsets = zone.getRules().getValidOffsets(local).size();
    if (offsets != 1) {
      throw n.error(
          local
              + (offsets == 0 ? " never happens in " : " happens twice in ")
              + zone
              + " (the clocks change); choose a time outside that hour");
    }
    return local;
  }

  /** A class's scheme; keys it leaves out are taken from its version, so classes share them. */
  private Scheme scheme(Node own, Node shared) throws TariffException {
    Lookup n = new Lookup(own, shared);
    long grace = n.has("grace") ? n.get("grace").duration() : 0;
    boolean deducted =
        n.has("graceExceeded")
            && n.get("graceExceeded").choice("counted", "deducted").equals("deducted");
    boolean firstPerDay =
        n.has("firstPer") && n.get("firstPer").choice("stay", "day").equals("day");
    long exitGrace = n.has("exitGrace") ? n.get("exitGrace").duration() : DEFAULT_EXIT_GRACE;
    long maxStay = DEFAULT_MAX_STAY;
    if (n.has("maxStay")) {
      maxStay = n.get("maxStay").positiveDuration();
      if (maxStay > LONGEST_MAX_STAY) {
        throw n.get("maxStay").error("must be at most " + LocalText.duration(LONGEST_MAX_STAY));
      }
    }
    RuleParser rp = new RuleParser(currency, wording, firstPerDay);
    Node rulesNode = n.get("rules");
    Map<String, Rule> rules = rp.rules(rulesNode);
    DaySchedule[] days = rp.days(n.opt("days"), rules, rulesNode);
    DayWindow window = window(n, firstPerDay);
    LostCardRule lost = lostCard(n.opt("lostCard"), window, rp.bandPrices);
    Scheme scheme = new Scheme(grace, deducted, exitGrace, maxStay, days, window, lost);
    long most = FeeBound.mostAStayCanCost(scheme);
    if (most > MOST_A_STAY_MAY_COST) {
      throw rulesNode.error(
          "a stay of up to "
              + LocalText.duration(maxStay)
              + " (maxStay) could cost more than "
              + Money.of(MOST_A_STAY_MAY_COST, currency).toDecimalString()
              + ", more than the fee engine counts; lower the prices, add a dailyMaximum or"
              + " shorten maxStay");
    }
    return scheme;
  }

  private DayWindow window(Lookup n, boolean firstPerDay) throws TariffException {
    long max = n.has("dailyMaximum") ? n.get("dailyMaximum").money(currency) : Long.MAX_VALUE;
    boolean rolling =
        n.has("dayWindow")
            && n.get("dayWindow").choice("calendar-day", "rolling-24h").equals("rolling-24h");
    int startsAt = n.has("dayStartsAt") ? n.get("dayStartsAt").timeOfDay() : 0;
    if (rolling && n.has("dayStartsAt")) {
      throw n.get("dayStartsAt").error("a rolling 24h day starts at entry; remove dayStartsAt");
    }
    long after = 0;
    long price = 0;
    boolean countsCharged = false;
    if (n.has("dayRate")) {
      Node rate = n.get("dayRate");
      rate.allowOnly(Set.of("after", "price", "counting"));
      after = rate.get("after").positiveDuration();
      price = rate.get("price").money(currency);
      countsCharged =
          rate.has("counting")
              && rate.get("counting").choice("parked", "chargeable").equals("chargeable");
      if (after >= 86_400) {
        throw rate.get("after").error("must be shorter than a day");
      }
      if (price > max) {
        throw rate.get("price")
            .error("is more than the daily maximum " + Money.of(max, currency).toDecimalString());
      }
    }
    if (max == Long.MAX_VALUE && after == 0 && !firstPerDay) {
      return DayWindow.NONE;
    }
    String maxText =
        max == Long.MAX_VALUE
            ? ""
            : wording.dailyMaximum(Money.of(max, currency).toDecimalString(), rolling);
    String rateText =
        after == 0
            ? ""
            : wording.dayRate(
                Money.of(price, currency).toDecimalString(), after, rolling, countsCharged);
    return new DayWindow(
        rolling, startsAt, max, after, price, countsCharged, firstPerDay, maxText, rateText);
  }

  private LostCardRule lostCard(Node n, DayWindow window, Map<String, Long> bands)
      throws TariffException {
    long defaultFee = Money.parse("50", currency).minor();
    if (n == null) {
      return new LostCardRule(LostCardRule.Mode.STAY, 0, stayText(), defaultFee, true);
    }
    n.allowOnly(LOST_KEYS);
    String fee = n.has("fee") ? n.get("fee").choice("stay", "flat", "day-maximum", "band") : "stay";
    long replacement =
        n.has("replacementFee") ? n.get("replacementFee").money(currency) : defaultFee;
    boolean atLeastStay = !n.has("notLessThanStay") || n.get("notLessThanStay").bool();
    return switch (fee) {
      case "flat" -> {
        long amount = n.get("amount").money(currency);
        yield new LostCardRule(
            LostCardRule.Mode.FLAT,
            amount,
            lostText(
                "收费" + Money.of(amount, currency).toDecimalString(),
                "lost-card fee " + Money.of(amount, currency).toDecimalString()),
            replacement,
            atLeastStay);
      }
      case "day-maximum" -> {
        if (window.maximum() == Long.MAX_VALUE) {
          throw n.get("fee").error("day-maximum needs a dailyMaximum in the tariff");
        }
        yield new LostCardRule(
            LostCardRule.Mode.DAY_MAXIMUM,
            window.maximum(),
            lostText(
                wording.dailyMaximum(max(window), window.rolling(), Wording.Language.ZH),
                wording.dailyMaximum(max(window), window.rolling(), Wording.Language.EN)),
            replacement,
            atLeastStay);
      }
      case "band" -> {
        Node band = n.get("band");
        Long price = bands.get(band.text());
        if (price == null) {
          throw band.error(
              "no band named '" + band.text() + "'; named bands are " + bands.keySet());
        }
        String amount = Money.of(price, currency).toDecimalString();
        yield new LostCardRule(
            LostCardRule.Mode.BAND,
            price,
            lostText("按" + band.text() + "档" + amount, "band " + band.text() + " " + amount),
            replacement,
            atLeastStay);
      }
      default -> new LostCardRule(LostCardRule.Mode.STAY, 0, stayText(), replacement, true);
    };
  }

  private String stayText() {
    return lostText("按停车时长收费", "fee for the stay");
  }

  /** The fee line a lost card adds, e.g. "lost card: daily maximum 30.00". */
  private String lostText(String zh, String en) {
    return wording.say("遗失卡：" + zh, "lost card: " + en);
  }

  private String max(DayWindow window) {
    return Money.of(window.maximum(), currency).toDecimalString();
  }

  private Voucher voucher(String code, Node n) throws TariffException {
    n.allowOnly(Set.of("time", "percent", "amount", "free"));
    if (n.value.size() != 1) {
      throw n.error("a voucher takes exactly one of time, percent, amount or free");
    }
    if (n.has("time")) {
      return new Voucher(code, Voucher.Kind.TIME, n.get("time").positiveDuration());
    }
    if (n.has("percent")) {
      return new Voucher(code, Voucher.Kind.PERCENT, n.get("percent").percent());
    }
    if (n.has("amount")) {
      return new Voucher(code, Voucher.Kind.AMOUNT, n.get("amount").money(currency));
    }
    if (!n.get("free").bool()) {
      throw n.get("free").error("a free voucher must say free: true");
    }
    return new Voucher(code, Voucher.Kind.FREE, 0);
  }

  private static void checkNoOverlap(Node at, List<TariffVersion> versions) throws TariffException {
    List<TariffVersion> sorted = new ArrayList<>(versions);
    sorted.sort(
        Comparator.comparing(
            TariffVersion::validFrom, Comparator.nullsFirst(Comparator.naturalOrder())));
    for (int i = 1; i < sorted.size(); i++) {
      LocalDateTime until = sorted.get(i - 1).validUntil();
      LocalDateTime from = sorted.get(i).validFrom();
      if (until == null || from == null || from.isBefore(until)) {
        throw at.error(
            "versions overlap: one starting "
                + orOpen(sorted.get(i - 1).validFrom())
                + " and one starting "
                + orOpen(from)
                + "; give each a validUntil up to the next");
      }
    }
  }

  private static String orOpen(LocalDateTime t) {
    return t == null ? "(always)" : t.toString();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }

  /** Looks a key up in a class first, then in the version it belongs to. */
  private record Lookup(Node own, Node shared) {
    boolean has(String key) {
      return own.has(key) || shared.has(key);
    }

    Node get(String key) throws TariffException {
      // A key missing from both is reported where the class would have to say it.
      return !own.has(key) && shared.has(key) ? shared.get(key) : own.get(key);
    }

    Node opt(String key) {
      return own.has(key) ? own.opt(key) : shared.opt(key);
    }
  }
}
