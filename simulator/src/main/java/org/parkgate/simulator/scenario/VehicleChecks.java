package org.parkgate.simulator.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks the vehicles of a whole scenario against each other once every step is read. */
final class VehicleChecks {
  private final Fields fields;

  VehicleChecks(Fields fields) {
    this.fields = fields;
  }

  /** Each vehicle enters once, before it exits; a tailgater follows a vehicle that enters. */
  void check(List<Step> steps) throws ScenarioException {
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
          throw fields.fail(x.line(), "vehicle", x.vehicle() + " exits but never enters");
        }
        if (in instanceof Step.Enter e && e.backOff()) {
          throw fields.fail(
              x.line(), "vehicle", x.vehicle() + " backed off at the entry: it is not inside");
        }
        if (x.at().compareTo(in.at()) <= 0) {
          throw fields.fail(
              x.line(), "at", x.vehicle() + " exits before it enters (line " + in.line() + ")");
        }
      } else if (s instanceof Step.Tailgate t) {
        Step lead = entered.get(t.lead());
        if (!(lead instanceof Step.Enter e) || e.backOff()) {
          throw fields.fail(t.line(), "tailgate", t.lead() + " never drives in through an entry");
        }
        if (!e.at().equals(t.at())) {
          throw fields.fail(
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
          throw fields.fail(x.line(), "vehicle", x.vehicle() + " never exits, so shows no fee");
        }
      }
    }
  }

  private void once(Map<String, Step> seen, String vehicle, Step s, String verb)
      throws ScenarioException {
    Step before = seen.putIfAbsent(vehicle, s);
    if (before != null) {
      throw fields.fail(
          s.line(), "vehicle", vehicle + " already " + verb + " on line " + before.line());
    }
  }

  private void platesUnique(Map<String, String> plates, String plate, String vehicle, Step s)
      throws ScenarioException {
    if (plate == null) {
      return;
    }
    String other = plates.putIfAbsent(plate, vehicle);
    if (other != null) {
      throw fields.fail(s.line(), "plate", "plate " + plate + " is already " + other + "'s");
    }
  }
}
