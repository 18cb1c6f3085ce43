package org.parkgate.simulator.device;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parkgate.simulator.lane.SimLane;

/** A simulated lane and the links to its devices; {@code camera} is null on a lane without one. */
public record LaneDevices(
    SimLane lane, DeviceLink barrier, DeviceLink cardUnit, DeviceLink display, DeviceLink camera) {

  public static LaneDevices of(SimLane lane) {
    String id = lane.id();
    LaneDevices devices =
        new LaneDevices(
            lane,
            new DeviceLink(id + " barrier I/O module", lane.config().barrier().toString()),
            new DeviceLink(id + " card unit", lane.config().cardReader().toString()),
            new DeviceLink(id + " display", lane.config().display().toString()),
            lane.config().hasCamera()
                ? new DeviceLink(id + " camera", lane.config().camera().address().toString())
                : null);
    lane.connectCardOutput(devices.cardUnit()::send);
    if (devices.camera() != null) {
      lane.connectCameraOutput(devices.camera()::send);
    }
    return devices;
  }

  /** The links by the names the control interface uses: barrier, cardUnit, display, camera. */
  public Map<String, DeviceLink> links() {
    Map<String, DeviceLink> links = new LinkedHashMap<>();
    links.put("barrier", barrier);
    links.put("cardUnit", cardUnit);
    links.put("display", display);
    if (camera != null) {
      links.put("camera", camera);
    }
    return links;
  }
}
