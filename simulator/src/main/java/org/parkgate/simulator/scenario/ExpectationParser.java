package org.parkgate.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.parkgate.site.IncidentKind;

/** Reads a step's {@code expect}: what the run must show once its timeline is done. */
final class ExpectationParser {
  private final Fields fields;
  private final ScenarioSite site;

  ExpectationParser(Fields fields, ScenarioSite site) {
    this.fields = fields;
    this.site = site;
  }

  Step expect(Located.Mapping m, String where) throws ScenarioException {
    String word = fields.text(m, where, "expect");
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
      throw fields.fail(
          Fields.keyLine(m, "expect"),
          where + ".expect",
          "'" + word + "' is not one of " + String.join(", ", words));
    }
    Duration at = m.entries().containsKey("at") ? fields.at(m, where) : Duration.ZERO;
    switch (kind) {
      case FEE -> {
        fields.only(m, where, Set.of("at", "expect", "vehicle", "amount"));
        return new Step.Expect(
            at,
            m.line(),
            kind,
            fields.name(m, where, "vehicle"),
            site.amount(m, where, "amount"),
            null,
            null,
            null);
      }
      case MONEY_TAKEN -> {
        fields.only(m, where, Set.of("at", "expect", "amount"));
        return new Step.Expect(
            at, m.line(), kind, null, site.amount(m, where, "amount"), null, null, null);
      }
      case MONEY_RECONCILED -> {
        fields.only(m, where, Set.of("at", "expect"));
        return new Step.Expect(at, m.line(), kind, null, null, null, null, null);
      }
      case INCIDENTS -> {
        fields.only(m, where, Set.of("at", "expect", "kind", "count", "atLeast"));
        String k = fields.text(m, where, "kind").toUpperCase(Locale.ROOT).replace('-', '_');
        try {
          IncidentKind.valueOf(k);
        } catch (IllegalArgumentException e) {
          List<String> kinds = new ArrayList<>();
          for (IncidentKind i : IncidentKind.values()) {
            kinds.add(i.name());
          }
          throw fields.fail(
              Fields.keyLine(m, "kind"),
              where + ".kind",
              "'"
                  + fields.text(m, where, "kind")
                  + "' is not an incident kind ("
                  + String.join(", ", kinds)
                  + ")");
        }
        Long[] bounds = bounds(m, where);
        return new Step.Expect(at, m.line(), kind, null, null, k, bounds[0], bounds[1]);
      }
      default -> {
        fields.only(m, where, Set.of("at", "expect", "count", "atLeast"));
        Long[] bounds = bounds(m, where);
        return new Step.Expect(at, m.line(), kind, null, null, null, bounds[0], bounds[1]);
      }
    }
  }

  private Long[] bounds(Located.Mapping m, String where) throws ScenarioException {
    boolean count = m.entries().containsKey("count");
    boolean atLeast = m.entries().containsKey("atLeast");
    if (count == atLeast) {
      throw fields.fail(m.line(), where, "give count: N (exactly) or atLeast: N");
    }
    String key = count ? "count" : "atLeast";
    String t = fields.text(m, where, key);
    if (!t.matches("[0-9]{1,9}")) {
      throw fields.fail(
          Fields.keyLine(m, key), where + "." + key, "'" + t + "' is not a whole number");
    }
    long n = Long.parseLong(t);
    return count ? new Long[] {n, null} : new Long[] {null, n};
  }
}
