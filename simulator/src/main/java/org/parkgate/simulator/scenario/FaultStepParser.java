package org.parkgate.simulator.scenario;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a step's {@code fault}: a device link's faults, or a barrier or lane power failure. */
final class FaultStepParser {
  private static final Set<String> FAULT_STEP = Set.of("at", "fault");
  private static final Set<String> LINK_FAULTS =
      Set.of("noise", "split", "merge", "badCheck", "drop", "delayMs", "silent", "disconnect");
  private static final Set<String> DISPLAY_FAULTS = Set.of("drop", "silent", "disconnect");
  private static final Set<String> DEVICES =
      Set.of("barrier", "cardUnit", "display", "camera", "mechanism", "power");

  private final Fields fields;
  private final ScenarioSite site;

  FaultStepParser(Fields fields, ScenarioSite site) {
    this.fields = fields;
    this.site = site;
  }

  Step fault(Located.Mapping m, String where, Duration at) throws ScenarioException {
    fields.only(m, where, FAULT_STEP);
    String w = where + ".fault";
    if (!(m.entries().get("fault") instanceof Located.Mapping f)) {
      throw fields.fail(Fields.keyLine(m, "fault"), w, "a mapping: {lane, device, and the fault}");
    }
    String lane = site.lane(f, w, "lane", null);
    String device = fields.text(f, w, "device");
    if (!DEVICES.contains(device)) {
      throw fields.fail(
          Fields.keyLine(f, "device"),
          w + ".device",
          "'" + device + "' is not one of " + String.join(", ", new TreeSet<>(DEVICES)));
    }
    if (device.equals("camera") && !site.hasCamera(lane)) {
      throw fields.fail(
          Fields.keyLine(f, "device"), w + ".device", "lane " + lane + " has no camera");
    }
    if (device.equals("mechanism") || device.equals("power")) {
      fields.only(f, w, Set.of("lane", "device", "on"));
      if (!f.entries().containsKey("on")) {
        throw fields.fail(f.line(), w + ".on", "missing: on: true to fail, on: false to restore");
      }
      return new Step.Fault(
          at, m.line(), lane, device, Map.of(), false, fields.bool(f, w, "on", false));
    }
    if (f.entries().containsKey("clear")) {
      fields.only(f, w, Set.of("lane", "device", "clear"));
      if (!fields.bool(f, w, "clear", false)) {
        throw fields.fail(
            Fields.keyLine(f, "clear"), w + ".clear", "only clear: true means anything");
      }
      return new Step.Fault(at, m.line(), lane, device, Map.of(), true, null);
    }
    Set<String> known = device.equals("display") ? DISPLAY_FAULTS : LINK_FAULTS;
    Set<String> keys = new HashSet<>(known);
    keys.addAll(Set.of("lane", "device", "clear"));
    fields.only(f, w, keys);
    Map<String, Object> faults = new LinkedHashMap<>();
    for (String key : f.entries().keySet()) {
      if (!known.contains(key)) {
        continue;
      }
      switch (key) {
        case "noise", "badCheck", "drop" -> {
          String t = fields.text(f, w, key);
          double v;
          try {
            v = Double.parseDouble(t);
          } catch (NumberFormatException e) {
            v = -1;
          }
          if (!(v >= 0 && v <= 1)) {
            throw fields.fail(
                Fields.keyLine(f, key), w + "." + key, "'" + t + "' is not a fraction 0-1");
          }
          faults.put(key, v);
        }
        case "delayMs" -> {
          String t = fields.text(f, w, key);
          if (!t.matches("[0-9]{1,5}") || Long.parseLong(t) > 10_000) {
            throw fields.fail(
                Fields.keyLine(f, key), w + "." + key, "'" + t + "' is not 0-10000 milliseconds");
          }
          faults.put(key, Long.parseLong(t));
        }
        default -> faults.put(key, fields.bool(f, w, key, false));
      }
    }
    if (faults.isEmpty()) {
      throw fields.fail(
          f.line(),
          w,
          "name a fault (" + String.join(", ", new TreeSet<>(known)) + ") or clear: true");
    }
    return new Step.Fault(at, m.line(), lane, device, faults, false, null);
  }
}
