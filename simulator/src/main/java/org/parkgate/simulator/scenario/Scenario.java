package org.parkgate.simulator.scenario;

import java.nio.file.Path;
import java.util.Currency;
import java.util.List;

/**
 * A scenario file as read: the site it runs on (the demo site unless it or {@code --site} names
 * another), an optional tariff that replaces the site's, and its timeline, in the order of the
 * offsets (steps at the same offset in file order), the time it runs on and how fast its arms and
 * vehicles move.
 */
record Scenario(
    Path file,
    String name,
    Path site,
    Path tariff,
    Currency currency,
    List<Step> steps,
    ScenarioTime time,
    ScenarioPace pace) {
  Scenario {
    steps = List.copyOf(steps);
  }

  /** The steps that act, in time order. */
  List<Step> timeline() {
    return steps.stream().filter(s -> !(s instanceof Step.Expect)).toList();
  }

  List<Step.Expect> expectations() {
    return steps.stream()
        .filter(Step.Expect.class::isInstance)
        .map(Step.Expect.class::cast)
        .toList();
  }
}
