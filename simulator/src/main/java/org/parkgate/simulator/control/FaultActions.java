package org.parkgate.simulator.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.simulator.device.DeviceLink;
import org.parkgate.simulator.device.LaneDevices;
import org.parkgate.simulator.fault.Faults;
import org.parkgate.simulator.lane.EventLog;
import org.parkgate.simulator.lane.LaneEvent;

/**
 * Reads, sets and clears the faults of one device of a lane (docs/simulator.md, "Fault injection").
 * A POST body is the whole fault set: fields left out are off. The body is checked in full before
 * anything changes.
 */
final class FaultActions {
  private static final List<String> ALL =
      List.of(
          "noise", "split", "merge", "badCheck", "drop", "delayMs", "silent", "disconnect", "seed");

  /** A display answers nothing, so only faults on what it receives, or on the link, apply. */
  private static final List<String> DISPLAY = List.of("drop", "silent", "disconnect", "seed");

  private FaultActions() {}

  static DeviceLink device(LaneDevices lane, String device) {
    DeviceLink link = lane.links().get(device);
    if (link == null) {
      throw new ApiError(
          404,
          "no device '" + device + "' (devices: " + String.join(", ", lane.links().keySet()) + ")");
    }
    return link;
  }

  static Map<String, Object> view(LaneDevices lane, String device) {
    DeviceLink link = device(lane, device);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("lane", lane.lane().id());
    json.put("device", device);
    json.put("faults", link.faults().current().toMap());
    json.put("seed", link.faults().seed());
    return json;
  }

  static Map<String, Object> set(LaneDevices lane, String device, InputStream in, EventLog events)
      throws IOException {
    DeviceLink link = device(lane, device);
    List<String> fields = device.equals("display") ? DISPLAY : ALL;
    RequestBody body = RequestBody.read(in, Set.copyOf(ALL));
    for (String field : ALL) {
      if (body.has(field) && !fields.contains(field)) {
        throw new ApiError(
            400,
            "'"
                + field
                + "' does not apply to the display, which sends nothing (its faults: "
                + String.join(", ", new TreeSet<>(fields))
                + ")");
      }
    }
    Faults faults =
        new Faults(
            body.fraction("noise").orElse(0.0),
            body.bool("split").orElse(false),
            body.bool("merge").orElse(false),
            body.fraction("badCheck").orElse(0.0),
            body.fraction("drop").orElse(0.0),
            body.integer("delayMs", 0, Faults.MAX_DELAY_MS).orElse(0L),
            body.bool("silent").orElse(false),
            body.bool("disconnect").orElse(false));
    Long seed = body.integer("seed", 0, Long.MAX_VALUE).orElse(null);
    apply(link, faults);
    if (seed != null) {
      link.faults().reseed(seed);
    }
    events.add(
        lane.lane().id(),
        faults.any() ? LaneEvent.Kind.FAULTS_SET : LaneEvent.Kind.FAULTS_CLEARED,
        "device",
        device,
        "faults",
        switchedOn(faults));
    return view(lane, device);
  }

  static Map<String, Object> clear(LaneDevices lane, String device, EventLog events) {
    apply(device(lane, device), Faults.NONE);
    events.add(lane.lane().id(), LaneEvent.Kind.FAULTS_CLEARED, "device", device);
    return view(lane, device);
  }

  /** The faults that are on, for the event log: a fraction above 0, a delay, a flag set. */
  private static Map<String, Object> switchedOn(Faults faults) {
    Map<String, Object> on = new LinkedHashMap<>();
    faults
        .toMap()
        .forEach(
            (name, value) -> {
              boolean off =
                  Boolean.FALSE.equals(value)
                      || (value instanceof Number n && n.doubleValue() == 0);
              if (!off) {
                on.put(name, value);
              }
            });
    return on;
  }

  /** Every device of the lane, for GET /lanes/{lane}/faults. */
  static Map<String, Object> all(LaneDevices lane) {
    Map<String, Object> json = new LinkedHashMap<>();
    lane.links().keySet().forEach(device -> json.put(device, view(lane, device)));
    return json;
  }

  private static void apply(DeviceLink link, Faults faults) {
    try {
      link.applyFaults(faults);
    } catch (Exception e) {
      throw new ApiError(
          503,
          link.name()
              + " cannot listen again on "
              + link.address()
              + ": "
              + e.getMessage()
              + "; it stays disconnected");
    }
  }
}
