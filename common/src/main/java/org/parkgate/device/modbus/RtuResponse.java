package org.parkgate.device.modbus;

/** A slave's response on an RTU bus. */
public record RtuResponse(int unit, ModbusResponse response) {
  public RtuResponse {
    if (unit < 1 || unit > 247) {
      throw new IllegalArgumentException("unit " + unit + " is outside 1-247");
    }
  }
}
