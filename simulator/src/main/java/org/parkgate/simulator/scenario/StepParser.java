package org.parkgate.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one step of a scenario's {@code steps}: a vehicle, a cashier, a fault or an expectation.
 */
final class StepParser {
  private static final Set<String> ENTER =
      Set.of("at", "vehicle", "enter", "plate", "class", "backOff", "season");
  private static final Set<String> TAILGATE = Set.of("at", "vehicle", "tailgate", "plate", "class");
  private static final Set<String> EXIT =
      Set.of(
          "at", "vehicle", "exit", "pay", "tendered", "reference", "reason", "lostCard", "backOff");
  private static final Set<String> LOGIN = Set.of("at", "cashier", "user", "password");
  private static final Set<String> OPEN = Set.of("at", "cashier", "float");
  private static final Set<String> CLOSE = Set.of("at", "cashier", "counted");
  private static final Set<String> REVERSE = Set.of("at", "cashier", "of", "reason");
  private static final Set<String> HAND_OVER = Set.of("at", "cashier", "to", "password", "counted");

  private final Fields fields;
  private final ScenarioSite site;
  private final FaultStepParser faults;
  private final ExpectationParser expectations;

  StepParser(Fields fields, ScenarioSite site) {
    this.fields = fields;
    this.site = site;
    this.faults = new FaultStepParser(fields, site);
    this.expectations = new ExpectationParser(fields, site);
  }

  Step step(Located node, String where) throws ScenarioException {
    if (!(node instanceof Located.Mapping m)) {
      throw fields.fail(node.line(), where, "a step is a mapping with at and one action");
    }
    if (m.entries().containsKey("expect")) {
      return expectations.expect(m, where); // an expectation names a vehicle without moving it
    }
    List<String> actions = new ArrayList<>();
    for (String a : List.of("vehicle", "cashier", "fault")) {
      if (m.entries().containsKey(a)) {
        actions.add(a);
      }
    }
    if (actions.size() != 1) {
      throw fields.fail(
          m.line(),
          where,
          actions.isEmpty()
              ? "a step needs one of vehicle, cashier, fault or expect (keys: "
                  + String.join(", ", m.entries().keySet())
                  + ")"
              : "a step does one thing, not " + String.join(" and ", actions));
    }
    String action = actions.get(0);
    Duration at = fields.at(m, where);
    return switch (action) {
      case "vehicle" -> vehicle(m, where, at);
      case "cashier" -> cashier(m, where, at);
      default -> faults.fault(m, where, at);
    };
  }

  Step vehicle(Located.Mapping m, String where, Duration at) throws ScenarioException {
    String vehicle = fields.name(m, where, "vehicle");
    List<String> what = new ArrayList<>();
    for (String a : List.of("enter", "exit", "tailgate")) {
      if (m.entries().containsKey(a)) {
        what.add(a);
      }
    }
    if (what.size() != 1) {
      throw fields.fail(
          m.line(),
          where,
          what.isEmpty()
              ? "vehicle " + vehicle + " needs one of enter, exit or tailgate"
              : "a step does one thing, not " + String.join(" and ", what));
    }
    switch (what.get(0)) {
      case "enter":
        fields.only(m, where, ENTER);
        return new Step.Enter(
            at,
            m.line(),
            vehicle,
            site.lane(m, where, "enter", "entry"),
            fields.plate(m, where),
            fields.vehicleClass(m, where),
            fields.bool(m, where, "backOff", false),
            fields.bool(m, where, "season", false));
      case "tailgate":
        fields.only(m, where, TAILGATE);
        return new Step.Tailgate(
            at,
            m.line(),
            vehicle,
            fields.name(m, where, "tailgate"),
            fields.plate(m, where),
            fields.vehicleClass(m, where));
      default:
        fields.only(m, where, EXIT);
        boolean backOff = fields.bool(m, where, "backOff", false);
        Step.Pay pay =
            m.entries().containsKey("pay")
                ? fields.word(m, where, "pay", Step.Pay.class)
                : backOff ? Step.Pay.NONE : Step.Pay.CASH;
        Long tendered = null;
        if (m.entries().containsKey("tendered")) {
          if (pay != Step.Pay.CASH) {
            throw fields.fail(
                Fields.keyLine(m, "tendered"),
                where + ".tendered",
                "only a cash payment is tendered");
          }
          tendered = site.amount(m, where, "tendered");
        }
        String reference = null;
        if (m.entries().containsKey("reference")) {
          if (pay != Step.Pay.CARD && pay != Step.Pay.MOBILE) {
            throw fields.fail(
                Fields.keyLine(m, "reference"),
                where + ".reference",
                "only a card or mobile payment has a reference");
          }
          reference = fields.text(m, where, "reference");
          Step.Pay p = pay;
          var problem =
              (p == Step.Pay.CARD ? org.parkgate.api.Tender.CARD : org.parkgate.api.Tender.MOBILE)
                  .referenceProblem(reference);
          if (problem.isPresent()) {
            throw fields.fail(
                Fields.keyLine(m, "reference"), where + ".reference", english(problem.get()));
          }
        }
        if (m.entries().containsKey("reason") && pay != Step.Pay.FREE_PASS) {
          throw fields.fail(
              Fields.keyLine(m, "reason"), where + ".reason", "only a free pass has a reason");
        }
        if (backOff && pay != Step.Pay.NONE) {
          throw fields.fail(
              Fields.keyLine(m, "pay"), where + ".pay", "a vehicle that backs off pays nothing");
        }
        return new Step.Exit(
            at,
            m.line(),
            vehicle,
            site.lane(m, where, "exit", "exit"),
            pay,
            tendered,
            reference,
            pay == Step.Pay.FREE_PASS ? reason(m, where, "driver's complaint accepted") : null,
            fields.bool(m, where, "lostCard", false),
            backOff);
    }
  }

  Step cashier(Located.Mapping m, String where, Duration at) throws ScenarioException {
    String what = fields.text(m, where, "cashier");
    switch (what) {
      case "login":
        fields.only(m, where, LOGIN);
        return new Step.Login(
            at, m.line(), fields.name(m, where, "user"), fields.text(m, where, "password"));
      case "open-shift":
        fields.only(m, where, OPEN);
        return new Step.OpenShift(at, m.line(), site.count(m, where, "float", true));
      case "close-shift":
        fields.only(m, where, CLOSE);
        return new Step.CloseShift(at, m.line(), site.count(m, where, "counted", false));
      case "reverse":
        fields.only(m, where, REVERSE);
        return new Step.Reverse(
            at, m.line(), fields.name(m, where, "of"), reason(m, where, "payment taken in error"));
      case "hand-over":
        fields.only(m, where, HAND_OVER);
        return new Step.HandOver(
            at,
            m.line(),
            fields.name(m, where, "to"),
            fields.text(m, where, "password"),
            site.count(m, where, "counted", false));
      default:
        throw fields.fail(
            Fields.keyLine(m, "cashier"),
            where + ".cashier",
            "'" + what + "' is not one of login, open-shift, close-shift, hand-over, reverse");
    }
  }

  /** A person's reason, 1-200 characters; {@code otherwise} when the step gives none. */
  private String reason(Located.Mapping m, String where, String otherwise)
      throws ScenarioException {
    if (!m.entries().containsKey("reason")) {
      return otherwise;
    }
    String t = fields.text(m, where, "reason").strip();
    if (t.isEmpty() || t.length() > 200) {
      throw fields.fail(
          Fields.keyLine(m, "reason"), where + ".reason", "a reason is 1-200 characters");
    }
    return t;
  }

  /** The English half of a "中文 · English" sentence. */
  private static String english(String said) {
    int dot = said.lastIndexOf(" · ");
    return dot < 0 ? said : said.substring(dot + 3);
  }
}
