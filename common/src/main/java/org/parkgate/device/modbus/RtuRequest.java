package org.parkgate.device.modbus;

/** A request addressed to one slave on an RTU bus; unit 0 is broadcast (writes only). */
public record RtuRequest(int unit, ModbusRequest request) {
  public RtuRequest {
    if (unit < 0 || unit > 247) {
      throw new IllegalArgumentException("unit " + unit + " is outside 0-247");
    }
  }
}
