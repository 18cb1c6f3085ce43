package org.parkgate.simulator.control;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parkgate.simulator.device.DeviceLink;
import org.parkgate.simulator.device.LaneDevices;
import org.parkgate.simulator.lane.Barrier;
import org.parkgate.simulator.lane.SimLane;

/** The JSON view of a lane's devices, as GET /lanes/{lane} shows it (docs/simulator.md). */
final class LaneJson {
  private LaneJson() {}

  static Map<String, Object> of(LaneDevices devices) {
    SimLane lane = devices.lane();
    Barrier barrier = lane.barrier();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", lane.id());
    json.put("kind", lane.config().kind().name().toLowerCase());
    json.put("name", lane.config().name());

    Map<String, Object> b = new LinkedHashMap<>();
    b.put("position", barrier.position().name().toLowerCase());
    b.put("openLimit", barrier.openLimit());
    b.put("closedLimit", barrier.closedLimit());
    b.put("fault", barrier.fault());
    b.put("heldByHand", barrier.held());
    b.put("coils", Map.of("open", barrier.openCoil(), "close", barrier.closeCoil()));
    b.put(
        "openCommandAt",
        barrier.openCommandAt() == null ? null : barrier.openCommandAt().toString());
    b.put("openFraction", Math.round(barrier.openFraction() * 1000) / 1000.0);
    b.put("travelMs", barrier.travel().toMillis());
    b.put("unit", lane.config().barrierUnit());
    b.put("link", link(devices.barrier()));
    b.put("faults", devices.barrier().faults().current().toMap());
    json.put("barrier", b);

    Map<String, Object> loops = new LinkedHashMap<>();
    loops.put("arming", lane.armingLoop());
    loops.put("safety", lane.safetyLoop());
    json.put("loops", loops);
    json.put("plate", lane.plate().orElse(null));
    json.put(
        "vehicle",
        lane.vehicle()
            .map(
                v -> {
                  Map<String, Object> vehicle = new LinkedHashMap<>();
                  vehicle.put("plate", v.plate());
                  vehicle.put("class", v.vehicleClass().wire());
                  vehicle.put("colour", v.colour().wire());
                  return vehicle;
                })
            .orElse(null));
    json.put("safetyViolations", lane.safetyViolations());

    Map<String, Object> card = new LinkedHashMap<>();
    card.put("protocol", lane.config().cardProtocol().name().toLowerCase());
    card.put("dispenser", lane.cardUnit().dispenser());
    card.put("cardAtMouth", lane.cardUnit().atMouth().orElse(null));
    card.put("issued", lane.cardUnit().issued());
    card.put("link", link(devices.cardUnit()));
    card.put("faults", devices.cardUnit().faults().current().toMap());
    json.put("cardUnit", card);

    Map<String, Object> display = new LinkedHashMap<>();
    display.put("rows", lane.display().rows());
    display.put("link", link(devices.display()));
    display.put("faults", devices.display().faults().current().toMap());
    json.put("display", display);
    json.put("camera", devices.camera() == null ? null : camera(devices));
    return json;
  }

  private static Map<String, Object> camera(LaneDevices devices) {
    SimLane lane = devices.lane();
    Map<String, Object> camera = new LinkedHashMap<>();
    camera.put("id", lane.config().camera().id());
    camera.put("recognitions", lane.recognitions());
    camera.put(
        "last",
        lane.lastRecognition()
            .map(
                r -> {
                  Map<String, Object> read = new LinkedHashMap<>();
                  read.put("plate", r.plate());
                  read.put("class", r.vehicleClass().wire());
                  read.put("colour", r.colour().wire());
                  read.put("confidence", r.confidence());
                  read.put("time", r.time() == null ? null : r.time().toString());
                  return read;
                })
            .orElse(null));
    camera.put("link", link(devices.camera()));
    camera.put("faults", devices.camera().faults().current().toMap());
    return camera;
  }

  private static Map<String, Object> link(DeviceLink link) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("address", link.address());
    json.put("controllerConnected", link.controllerConnected());
    json.put("clients", link.clientCount());
    json.put("framesIn", link.counters().framesIn());
    json.put("framesOut", link.counters().framesOut());
    json.put("badFrames", link.counters().badFrames());
    json.put("droppedBytes", link.counters().droppedBytes());
    return json;
  }
}
