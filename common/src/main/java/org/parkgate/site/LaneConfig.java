package org.parkgate.site;

/**
 * One lane and the devices that serve it.
 *
 * @param barrierUnit the Modbus slave address of the lane's barrier I/O module (1-247)
 * @param camera the lane's plate camera, or null if it has none
 */
public record LaneConfig(
    String id,
    LaneKind kind,
    String name,
    DeviceAddress barrier,
    int barrierUnit,
    BarrierIoMap ioMap,
    DeviceAddress cardReader,
    CardProtocol cardProtocol,
    DeviceAddress display,
    CameraConfig camera) {

  public boolean hasCamera() {
    return camera != null;
  }
}
