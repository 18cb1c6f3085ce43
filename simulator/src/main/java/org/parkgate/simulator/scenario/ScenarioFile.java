package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.parkgate.config.ConfigNode;
import org.parkgate.money.Denominations;
import org.parkgate.site.IncidentKind;

/**
 * Reads a scenario file and checks every key and value before anything runs: the first problem is
 * one line naming the file, the line and the key ({@code rush.yaml:14: steps[3].pay: 'chash' is not
 * one of cash, card, mobile, owing, none}). The format is documented in docs/simulator.md,
 * "Scenarios".
 */
final class ScenarioFile {
  static final Path DEMO_SITE = Path.of("config/sites/demo.yaml");

  private static final Set<String> TOP = Set.of("name", "site", "tariff", "steps", "traffic");
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
  private static final Set<String> ENTER =
      Set.of("at", "vehicle", "enter", "plate", "class", "backOff", "season");
  private static final Set<String> TAILGATE = Set.of("at", "vehicle", "tailgate", "plate", "class");
  private static final Set<String> EXIT =
      Set.of("at", "vehicle", "exit", "pay", "tendered", "reference", "lostCard", "backOff");
  private static final Set<String> LOGIN = Set.of("at", "cashier", "user", "password");
  private static final Set<String> OPEN = Set.of("at", "cashier", "float");
  private static final Set<String> CLOSE = Set.of("at", "cashier", "counted");
  private static final Set<String> FAULT_STEP = Set.of("at", "fault");
  private static final Set<String> LINK_FAULTS =
      Set.of("noise", "split", "merge", "badCheck", "drop", "delayMs", "silent", "disconnect");
  private static final Set<String> DISPLAY_FAULTS = Set.of("drop", "silent", "disconnect");
  private static final Set<String> DEVICES =
      Set.of("barrier", "cardUnit", "display", "camera", "mechanism", "power");
  private static final List<String> CLASSES =
      List.of("car", "van", "bus", "truck", "motorcycle", "unknown");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
  private static final Pattern PLATE = Pattern.compile("[\\p{L}\\p{N}·-]{1,16}");

  private final Path file;
  private final String shown;
  private Currency currency;

  /** The site's lanes: id to kind (entry, exit), and those with a plate camera. */
  private final Map<String, String> laneKinds = new LinkedHashMap<>();

  private final Set<String> cameras = new java.util.HashSet<>();

  private ScenarioFile(Path file) {
    this.file = file;
    this.shown = file.toString();
  }

  /**
   * Reads {@code file}; {@code siteOverride} (the command line's {@code --site}) wins over the
   * file's {@code site}, which is relative to the scenario file; the demo site is the default.
   */
  static Scenario read(Path file, Path siteOverride) throws ScenarioException {
    return new ScenarioFile(file).parse(siteOverride);
  }

  private Scenario parse(Path siteOverride) throws ScenarioException {
    Located root;
    try {
      root = Located.read(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ScenarioException(shown + ": no such file");
    } catch (Located.DuplicateKey e) {
      throw new ScenarioException(shown + ":" + e.line + ": " + e.key + ": written twice");
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().get();
      throw new ScenarioException(shown + ": not valid YAML: " + why);
    }
    if (!(root instanceof Located.Mapping top)) {
      throw fail(root.line(), "(top level)", "expected keys name, site, tariff and steps");
    }
    only(top, "", TOP);
    String name = top.entries().containsKey("name") ? text(top, "", "name") : fileName();
    Path site;
    if (siteOverride != null) {
      site = siteOverride;
    } else if (top.entries().containsKey("site")) {
      site = relative(text(top, "", "site"));
    } else {
      site = DEMO_SITE;
    }
    if (!Files.isRegularFile(site)) {
      if (siteOverride != null) {
        throw new ScenarioException("--site " + site + ": no such file");
      }
      throw fail(keyLine(top, "site"), "site", "no site file " + site);
    }
    currency = siteCurrency(site);
    Path tariff = null;
    if (top.entries().containsKey("tariff")) {
      tariff = relative(text(top, "", "tariff"));
      if (!Files.isRegularFile(tariff)) {
        throw fail(keyLine(top, "tariff"), "tariff", "no tariff file " + tariff);
      }
    }
    List<Step> parsed = new ArrayList<>();
    Located steps = top.entries().get("steps");
    Located traffic = top.entries().get("traffic");
    if (steps != null || traffic == null) {
      if (!(steps instanceof Located.Sequence seq) || seq.items().isEmpty()) {
        throw fail(
            steps == null ? top.line() : steps.line(),
            "steps",
            "a list of one or more steps needed");
      }
      for (int i = 0; i < seq.items().size(); i++) {
        parsed.add(step(seq.items().get(i), "steps[" + i + "]"));
      }
    }
    if (traffic != null) {
      if (!(traffic instanceof Located.Sequence blocks) || blocks.items().isEmpty()) {
        throw fail(traffic.line(), "traffic", "a list of one or more traffic blocks needed");
      }
      for (int i = 0; i < blocks.items().size(); i++) {
        parsed.addAll(traffic(blocks.items().get(i), "traffic[" + i + "]", i + 1).steps());
      }
    }
    checkVehicles(parsed);
    List<Step> ordered = new ArrayList<>(parsed);
    ordered.sort(Comparator.comparing(Step::at)); // stable: same offset keeps file order
    return new Scenario(file, name, site, tariff, currency, ordered);
  }

  private String fileName() {
    String n = file.getFileName().toString();
    return n.endsWith(".yaml") ? n.substring(0, n.length() - 5) : n;
  }

  private Path relative(String path) {
    Path p = Path.of(path);
    Path dir = file.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
  }

  private Currency siteCurrency(Path site) throws ScenarioException {
    try {
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(site.toFile());
      for (JsonNode lane : node.path("lanes")) {
        laneKinds.put(lane.path("id").asText(), lane.path("kind").asText());
        if (lane.has("camera")) {
          cameras.add(lane.path("id").asText());
        }
      }
      String code = node.path("site").path("currency").asText("");
      return Currency.getInstance(code);
    } catch (IOException | IllegalArgumentException e) {
      throw new ScenarioException(site + ": not a site file with a site.currency");
    }
  }

  private Step step(Located node, String where) throws ScenarioException {
    if (!(node instanceof Located.Mapping m)) {
      throw fail(node.line(), where, "a step is a mapping with at and one action");
    }
    if (m.entries().containsKey("expect")) {
      return expect(m, where); // an expectation names a vehicle without moving it
    }
    List<String> actions = new ArrayList<>();
    for (String a : List.of("vehicle", "cashier", "fault")) {
      if (m.entries().containsKey(a)) {
        actions.add(a);
      }
    }
    if (actions.size() != 1) {
      throw fail(
          m.line(),
          where,
          actions.isEmpty()
              ? "a step needs one of vehicle, cashier, fault or expect (keys: "
                  + String.join(", ", m.entries().keySet())
                  + ")"
              : "a step does one thing, not " + String.join(" and ", actions));
    }
    String action = actions.get(0);
    Duration at = at(m, where);
    return switch (action) {
      case "vehicle" -> vehicle(m, where, at);
      case "cashier" -> cashier(m, where, at);
      default -> fault(m, where, at);
    };
  }

  private Duration at(Located.Mapping m, String where) throws ScenarioException {
    if (!m.entries().containsKey("at")) {
      throw fail(m.line(), where + ".at", "missing: when the step happens, e.g. at: 45s");
    }
    String t = text(m, where, "at");
    try {
      if (t.matches("[0-9]+")) {
        return Duration.ofSeconds(Long.parseLong(t));
      }
      Duration d = ConfigNode.parseDuration(t);
      if (d.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException("too long");
      }
      return d;
    } catch (RuntimeException e) {
      throw fail(
          keyLine(m, "at"), where + ".at", "'" + t + "' is not an offset like 0s, 45s, 2min, 1h");
    }
  }

  private Step vehicle(Located.Mapping m, String where, Duration at) throws ScenarioException {
    String vehicle = name(m, where, "vehicle");
    List<String> what = new ArrayList<>();
    for (String a : List.of("enter", "exit", "tailgate")) {
      if (m.entries().containsKey(a)) {
        what.add(a);
      }
    }
    if (what.size() != 1) {
      throw fail(
          m.line(),
          where,
          what.isEmpty()
              ? "vehicle " + vehicle + " needs one of enter, exit or tailgate"
              : "a step does one thing, not " + String.join(" and ", what));
    }
    switch (what.get(0)) {
      case "enter":
        only(m, where, ENTER);
        return new Step.Enter(
            at,
            m.line(),
            vehicle,
            lane(m, where, "enter", "entry"),
            plate(m, where),
            vehicleClass(m, where),
            bool(m, where, "backOff", false),
            bool(m, where, "season", false));
      case "tailgate":
        only(m, where, TAILGATE);
        return new Step.Tailgate(
            at,
            m.line(),
            vehicle,
            name(m, where, "tailgate"),
            plate(m, where),
            vehicleClass(m, where));
      default:
        only(m, where, EXIT);
        boolean backOff = bool(m, where, "backOff", false);
        Step.Pay pay =
            m.entries().containsKey("pay")
                ? word(m, where, "pay", Step.Pay.class)
                : backOff ? Step.Pay.NONE : Step.Pay.CASH;
        Long tendered = null;
        if (m.entries().containsKey("tendered")) {
          if (pay != Step.Pay.CASH) {
            throw fail(
                keyLine(m, "tendered"), where + ".tendered", "only a cash payment is tendered");
          }
          tendered = amount(m, where, "tendered");
        }
        String reference = null;
        if (m.entries().containsKey("reference")) {
          if (pay != Step.Pay.CARD && pay != Step.Pay.MOBILE) {
            throw fail(
                keyLine(m, "reference"),
                where + ".reference",
                "only a card or mobile payment has a reference");
          }
          reference = text(m, where, "reference");
          Step.Pay p = pay;
          var problem =
              (p == Step.Pay.CARD ? org.parkgate.api.Tender.CARD : org.parkgate.api.Tender.MOBILE)
                  .referenceProblem(reference);
          if (problem.isPresent()) {
            throw fail(keyLine(m, "reference"), where + ".reference", english(problem.get()));
          }
        }
        if (backOff && pay != Step.Pay.NONE) {
          throw fail(keyLine(m, "pay"), where + ".pay", "a vehicle that backs off pays nothing");
        }
        return new Step.Exit(
            at,
            m.line(),
            vehicle,
            lane(m, where, "exit", "exit"),
            pay,
            tendered,
            reference,
            bool(m, where, "lostCard", false),
            backOff);
    }
  }

  private Step cashier(Located.Mapping m, String where, Duration at) throws ScenarioException {
    String what = text(m, where, "cashier");
    switch (what) {
      case "login":
        only(m, where, LOGIN);
        return new Step.Login(at, m.line(), name(m, where, "user"), text(m, where, "password"));
      case "open-shift":
        only(m, where, OPEN);
        return new Step.OpenShift(at, m.line(), count(m, where, "float", true));
      case "close-shift":
        only(m, where, CLOSE);
        return new Step.CloseShift(at, m.line(), count(m, where, "counted", false));
      default:
        throw fail(
            keyLine(m, "cashier"),
            where + ".cashier",
            "'" + what + "' is not one of login, open-shift, close-shift");
    }
  }

  private Step fault(Located.Mapping m, String where, Duration at) throws ScenarioException {
    only(m, where, FAULT_STEP);
    String w = where + ".fault";
    if (!(m.entries().get("fault") instanceof Located.Mapping f)) {
      throw fail(keyLine(m, "fault"), w, "a mapping: {lane, device, and the fault}");
    }
    String lane = lane(f, w, "lane", null);
    String device = text(f, w, "device");
    if (!DEVICES.contains(device)) {
      throw fail(
          keyLine(f, "device"),
          w + ".device",
          "'" + device + "' is not one of " + String.join(", ", new TreeSet<>(DEVICES)));
    }
    if (device.equals("camera") && !cameras.contains(lane)) {
      throw fail(keyLine(f, "device"), w + ".device", "lane " + lane + " has no camera");
    }
    if (device.equals("mechanism") || device.equals("power")) {
      only(f, w, Set.of("lane", "device", "on"));
      if (!f.entries().containsKey("on")) {
        throw fail(f.line(), w + ".on", "missing: on: true to fail, on: false to restore");
      }
      return new Step.Fault(at, m.line(), lane, device, Map.of(), false, bool(f, w, "on", false));
    }
    if (f.entries().containsKey("clear")) {
      only(f, w, Set.of("lane", "device", "clear"));
      if (!bool(f, w, "clear", false)) {
        throw fail(keyLine(f, "clear"), w + ".clear", "only clear: true means anything");
      }
      return new Step.Fault(at, m.line(), lane, device, Map.of(), true, null);
    }
    Set<String> known = device.equals("display") ? DISPLAY_FAULTS : LINK_FAULTS;
    Set<String> keys = new java.util.HashSet<>(known);
    keys.addAll(Set.of("lane", "device", "clear"));
    only(f, w, keys);
    Map<String, Object> faults = new LinkedHashMap<>();
    for (String key : f.entries().keySet()) {
      if (!known.contains(key)) {
        continue;
      }
      switch (key) {
        case "noise", "badCheck", "drop" -> {
          String t = text(f, w, key);
          double v;
          try {
            v = Double.parseDouble(t);
          } catch (NumberFormatException e) {
            v = -1;
          }
          if (!(v >= 0 && v <= 1)) {
            throw fail(keyLine(f, key), w + "." + key, "'" + t + "' is not a fraction 0-1");
          }
          faults.put(key, v);
        }
        case "delayMs" -> {
          String t = text(f, w, key);
          if (!t.matches("[0-9]{1,5}") || Long.parseLong(t) > 10_000) {
            throw fail(keyLine(f, key), w + "." + key, "'" + t + "' is not 0-10000 milliseconds");
          }
          faults.put(key, Long.parseLong(t));
        }
        default -> faults.put(key, bool(f, w, key, false));
      }
    }
    if (faults.isEmpty()) {
      throw fail(
          f.line(),
          w,
          "name a fault (" + String.join(", ", new TreeSet<>(known)) + ") or clear: true");
    }
    return new Step.Fault(at, m.line(), lane, device, faults, false, null);
  }

  private Traffic traffic(Located node, String where, int block) throws ScenarioException {
    if (!(node instanceof Located.Mapping m)) {
      throw fail(
          node.line(), where, "a traffic block is a mapping: entry, exit, from, to, perHour");
    }
    only(m, where, TRAFFIC);
    Duration from = offset(m, where, "from");
    Duration to = offset(m, where, "to");
    if (to.compareTo(from) <= 0) {
      throw fail(keyLine(m, "to"), where + ".to", "must be after from");
    }
    double perHour = fraction(m, where, "perHour", 0.001, 36_000);
    Duration stayMin = Duration.ofSeconds(30);
    Duration stayMax = Duration.ofSeconds(30);
    if (m.entries().containsKey("stay")) {
      if (!(m.entries().get("stay") instanceof Located.Mapping s)) {
        throw fail(keyLine(m, "stay"), where + ".stay", "a mapping: {min: 20s, max: 60s}");
      }
      only(s, where + ".stay", Set.of("min", "max"));
      stayMin = offset(s, where + ".stay", "min");
      stayMax = offset(s, where + ".stay", "max");
      if (stayMax.compareTo(stayMin) < 0) {
        throw fail(keyLine(s, "max"), where + ".stay.max", "must not be below min");
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
          throw fail(
              keyLine(m, "pay"),
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
        if (!CLASSES.contains(e.getKey())) {
          throw fail(
              keyLine(m, "classes"),
              where + ".classes." + e.getKey(),
              "not one of " + String.join(", ", CLASSES));
        }
        classes.put(e.getKey(), e.getValue());
      }
    } else {
      classes.put("car", 1.0);
    }
    long seed = 1;
    if (m.entries().containsKey("seed")) {
      String t = text(m, where, "seed");
      if (!t.matches("[0-9]{1,18}")) {
        throw fail(keyLine(m, "seed"), where + ".seed", "'" + t + "' is not a whole number");
      }
      seed = Long.parseLong(t);
    }
    return new Traffic(
        m.line(),
        block,
        lane(m, where, "entry", "entry"),
        lane(m, where, "exit", "exit"),
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
    String t = text(m, where, key);
    try {
      return t.matches("[0-9]+")
          ? Duration.ofSeconds(Long.parseLong(t))
          : ConfigNode.parseDuration(t);
    } catch (RuntimeException e) {
      throw fail(
          keyLine(m, key), where + "." + key, "'" + t + "' is not a time like 0s, 45s, 2min, 1h");
    }
  }

  private double fraction(Located.Mapping m, String where, String key, double min, double max)
      throws ScenarioException {
    String t = text(m, where, key);
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!(v >= min && v <= max)) {
      throw fail(
          keyLine(m, key), where + "." + key, "'" + t + "' is not a number " + min + "-" + max);
    }
    return v;
  }

  /** {name: weight, ...}: shares that need not add up to 1; at least one above 0. */
  private Map<String, Double> weights(Located.Mapping m, String where, String key)
      throws ScenarioException {
    if (!(m.entries().get(key) instanceof Located.Mapping w) || w.entries().isEmpty()) {
      throw fail(
          keyLine(m, key), where + "." + key, "a mapping of shares, e.g. {cash: 0.7, card: 0.3}");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    double total = 0;
    for (String k : w.entries().keySet()) {
      double v = fraction(w, where + "." + key, k, 0, 1_000_000);
      out.put(k, v);
      total += v;
    }
    if (total <= 0) {
      throw fail(keyLine(m, key), where + "." + key, "the shares add up to 0");
    }
    return out;
  }

  private Step expect(Located.Mapping m, String where) throws ScenarioException {
    String word = text(m, where, "expect");
    Step.Expectation kind = null;
    for (Step.Expectation e : Step.Expectation.values()) {
      if (e.word().equals(word)) {
        kind = e;
      }
    }
    if (kind == null) {
      List<String> words = new ArrayList<>();
      for (Step.Expectation e : Step.Expectation.values()) {
        words.add(e.word());
      }
      throw fail(
          keyLine(m, "expect"),
          where + ".expect",
          "'" + word + "' is not one of " + String.join(", ", words));
    }
    Duration at = m.entries().containsKey("at") ? at(m, where) : Duration.ZERO;
    switch (kind) {
      case FEE -> {
        only(m, where, Set.of("at", "expect", "vehicle", "amount"));
        return new Step.Expect(
            at,
            m.line(),
            kind,
            name(m, where, "vehicle"),
            amount(m, where, "amount"),
            null,
            null,
            null);
      }
      case MONEY_TAKEN -> {
        only(m, where, Set.of("at", "expect", "amount"));
        return new Step.Expect(
            at, m.line(), kind, null, amount(m, where, "amount"), null, null, null);
      }
      case MONEY_RECONCILED -> {
        only(m, where, Set.of("at", "expect"));
        return new Step.Expect(at, m.line(), kind, null, null, null, null, null);
      }
      case INCIDENTS -> {
        only(m, where, Set.of("at", "expect", "kind", "count", "atLeast"));
        String k = text(m, where, "kind").toUpperCase(Locale.ROOT).replace('-', '_');
        try {
          IncidentKind.valueOf(k);
        } catch (IllegalArgumentException e) {
          List<String> kinds = new ArrayList<>();
          for (IncidentKind i : IncidentKind.values()) {
            kinds.add(i.name());
          }
          throw fail(
              keyLine(m, "kind"),
              where + ".kind",
              "'"
                  + text(m, where, "kind")
                  + "' is not an incident kind ("
                  + String.join(", ", kinds)
                  + ")");
        }
        Long[] bounds = bounds(m, where);
        return new Step.Expect(at, m.line(), kind, null, null, k, bounds[0], bounds[1]);
      }
      default -> {
        only(m, where, Set.of("at", "expect", "count", "atLeast"));
        Long[] bounds = bounds(m, where);
        return new Step.Expect(at, m.line(), kind, null, null, null, bounds[0], bounds[1]);
      }
    }
  }

  private Long[] bounds(Located.Mapping m, String where) throws ScenarioException {
    boolean count = m.entries().containsKey("count");
    boolean atLeast = m.entries().containsKey("atLeast");
    if (count == atLeast) {
      throw fail(m.line(), where, "give count: N (exactly) or atLeast: N");
    }
    String key = count ? "count" : "atLeast";
    String t = text(m, where, key);
    if (!t.matches("[0-9]{1,9}")) {
      throw fail(keyLine(m, key), where + "." + key, "'" + t + "' is not a whole number");
    }
    long n = Long.parseLong(t);
    return count ? new Long[] {n, null} : new Long[] {null, n};
  }

  /** Each vehicle enters once, before it exits; a tailgater follows a vehicle that enters. */
  private void checkVehicles(List<Step> steps) throws ScenarioException {
    Map<String, Step> entered = new HashMap<>();
    Map<String, Step> exited = new HashMap<>();
    Map<String, String> plates = new HashMap<>();
    for (Step s : steps) {
      if (s instanceof Step.Enter e) {
        once(entered, e.vehicle(), s, "enters");
        platesUnique(plates, e.plate(), e.vehicle(), s);
      } else if (s instanceof Step.Tailgate t) {
        once(entered, t.vehicle(), s, "enters");
        platesUnique(plates, t.plate(), t.vehicle(), s);
      } else if (s instanceof Step.Exit x) {
        once(exited, x.vehicle(), s, "exits");
      }
    }
    for (Step s : steps) {
      if (s instanceof Step.Exit x) {
        Step in = entered.get(x.vehicle());
        if (in == null) {
          throw fail(x.line(), "vehicle", x.vehicle() + " exits but never enters");
        }
        if (in instanceof Step.Enter e && e.backOff()) {
          throw fail(
              x.line(), "vehicle", x.vehicle() + " backed off at the entry: it is not inside");
        }
        if (x.at().compareTo(in.at()) <= 0) {
          throw fail(
              x.line(), "at", x.vehicle() + " exits before it enters (line " + in.line() + ")");
        }
      } else if (s instanceof Step.Tailgate t) {
        Step lead = entered.get(t.lead());
        if (!(lead instanceof Step.Enter e) || e.backOff()) {
          throw fail(t.line(), "tailgate", t.lead() + " never drives in through an entry");
        }
        if (!e.at().equals(t.at())) {
          throw fail(
              t.line(),
              "at",
              "a tailgater follows its lead: give it the lead's at ("
                  + e.at().toSeconds()
                  + "s, line "
                  + e.line()
                  + ")");
        }
      } else if (s instanceof Step.Expect x && x.vehicle() != null) {
        if (!exited.containsKey(x.vehicle())) {
          throw fail(x.line(), "vehicle", x.vehicle() + " never exits, so shows no fee");
        }
      }
    }
  }

  private void once(Map<String, Step> seen, String vehicle, Step s, String verb)
      throws ScenarioException {
    Step before = seen.putIfAbsent(vehicle, s);
    if (before != null) {
      throw fail(s.line(), "vehicle", vehicle + " already " + verb + " on line " + before.line());
    }
  }

  private void platesUnique(Map<String, String> plates, String plate, String vehicle, Step s)
      throws ScenarioException {
    if (plate == null) {
      return;
    }
    String other = plates.putIfAbsent(plate, vehicle);
    if (other != null) {
      throw fail(s.line(), "plate", "plate " + plate + " is already " + other + "'s");
    }
  }

  // --- values

  private void only(Located.Mapping m, String where, Set<String> known) throws ScenarioException {
    for (String key : m.entries().keySet()) {
      if (!known.contains(key)) {
        throw fail(
            keyLine(m, key),
            (where.isEmpty() ? "" : where + ".") + key,
            "unknown key (known here: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  private String text(Located.Mapping m, String where, String key) throws ScenarioException {
    Located v = m.entries().get(key);
    String path = (where.isEmpty() ? "" : where + ".") + key;
    if (v == null) {
      throw fail(m.line(), path, "missing");
    }
    if (!(v instanceof Located.Scalar s) || s.text() == null || s.text().isBlank()) {
      throw fail(keyLine(m, key), path, "a value is needed here");
    }
    return s.text().strip();
  }

  private String name(Located.Mapping m, String where, String key) throws ScenarioException {
    String t = text(m, where, key);
    if (!NAME.matcher(t).matches()) {
      throw fail(
          keyLine(m, key),
          where + "." + key,
          "'" + t + "' is not a name (1-32 letters, digits, '-', '_' or '.')");
    }
    return t;
  }

  /** A lane of the site, of {@code kind} unless that is null. */
  private String lane(Located.Mapping m, String where, String key, String kind)
      throws ScenarioException {
    String id = text(m, where, key);
    String found = laneKinds.get(id);
    if (found == null) {
      throw fail(
          keyLine(m, key),
          where + "." + key,
          "no lane '"
              + id
              + "' on the site (lanes: "
              + String.join(", ", laneKinds.keySet())
              + ")");
    }
    if (kind != null && !kind.equals(found)) {
      throw fail(
          keyLine(m, key), where + "." + key, id + " is an " + found + " lane, not an " + kind);
    }
    return id;
  }

  private String plate(Located.Mapping m, String where) throws ScenarioException {
    if (!m.entries().containsKey("plate")) {
      return null;
    }
    String t = text(m, where, "plate");
    if (!PLATE.matcher(t).matches()) {
      throw fail(
          keyLine(m, "plate"),
          where + ".plate",
          "'" + t + "' is not a plate (1-16 letters or digits)");
    }
    return t;
  }

  private String vehicleClass(Located.Mapping m, String where) throws ScenarioException {
    if (!m.entries().containsKey("class")) {
      return "car";
    }
    String t = text(m, where, "class");
    if (!CLASSES.contains(t)) {
      throw fail(
          keyLine(m, "class"),
          where + ".class",
          "'" + t + "' is not one of " + String.join(", ", CLASSES));
    }
    return t;
  }

  private boolean bool(Located.Mapping m, String where, String key, boolean otherwise)
      throws ScenarioException {
    if (!m.entries().containsKey(key)) {
      return otherwise;
    }
    String t = text(m, where, key);
    return switch (t) {
      case "true" -> true;
      case "false" -> false;
      default -> throw fail(keyLine(m, key), where + "." + key, "'" + t + "' is not true or false");
    };
  }

  private <E extends Enum<E>> E word(Located.Mapping m, String where, String key, Class<E> type)
      throws ScenarioException {
    String t = text(m, where, key);
    List<String> words = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String w = e.name().toLowerCase(Locale.ROOT);
      words.add(w);
      if (w.equals(t)) {
        return e;
      }
    }
    throw fail(
        keyLine(m, key),
        where + "." + key,
        "'" + t + "' is not one of " + String.join(", ", words));
  }

  /** A decimal amount of the site's currency ("5.00", "20") in minor units. */
  private long amount(Located.Mapping m, String where, String key) throws ScenarioException {
    return minor(text(m, where, key), keyLine(m, key), where + "." + key);
  }

  private long minor(String t, int line, String path) throws ScenarioException {
    try {
      BigDecimal d = new BigDecimal(t);
      if (d.signum() < 0) {
        throw new ArithmeticException("negative");
      }
      return d.movePointRight(Math.max(currency.getDefaultFractionDigits(), 0)).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw fail(
          line,
          path,
          "'" + t + "' is not an amount of " + currency.getCurrencyCode() + " like 5.00");
    }
  }

  /** A drawer count: {"100.00": 1, "10.00": 5}, each face a note or coin of the currency. */
  private Map<Long, Long> count(Located.Mapping m, String where, String key, boolean required)
      throws ScenarioException {
    Located v = m.entries().get(key);
    String path = where + "." + key;
    if (v == null) {
      if (required) {
        throw fail(
            m.line(), path, "missing: the notes and coins, e.g. {\"100.00\": 1, \"10.00\": 5}");
      }
      return null;
    }
    if (!(v instanceof Located.Mapping c)) {
      throw fail(keyLine(m, key), path, "a mapping of face to pieces, e.g. {\"100.00\": 1}");
    }
    List<Long> faces = Denominations.of(currency);
    Map<Long, Long> out = new LinkedHashMap<>();
    for (String face : c.entries().keySet()) {
      long minor = minor(face, keyLine(c, face), path + "." + face);
      if (!faces.contains(minor)) {
        throw fail(
            keyLine(c, face),
            path + "." + face,
            "no " + currency.getCurrencyCode() + " note or coin of " + face);
      }
      String n = text(c, path, face);
      if (!n.matches("[0-9]{1,4}")) {
        throw fail(keyLine(c, face), path + "." + face, "'" + n + "' is not 0-9999 pieces");
      }
      out.put(minor, Long.parseLong(n));
    }
    return out;
  }

  private static int keyLine(Located.Mapping m, String key) {
    return m.keyLines().getOrDefault(key, m.line());
  }

  /** The English half of a "中文 · English" sentence. */
  private static String english(String said) {
    int dot = said.lastIndexOf(" · ");
    return dot < 0 ? said : said.substring(dot + 3);
  }

  private ScenarioException fail(int line, String key, String message) {
    return new ScenarioException(shown + ":" + line + ": " + key + ": " + message);
  }
}
