package org.parkgate.device.modbus;

import java.util.Optional;

/** Modbus exception codes a slave returns instead of a normal response. */
public enum ExceptionCode {
  ILLEGAL_FUNCTION(0x01),
  ILLEGAL_DATA_ADDRESS(0x02),
  ILLEGAL_DATA_VALUE(0x03),
  SLAVE_DEVICE_FAILURE(0x04),
  ACKNOWLEDGE(0x05),
  SLAVE_DEVICE_BUSY(0x06),
  GATEWAY_PATH_UNAVAILABLE(0x0A),
  GATEWAY_TARGET_FAILED_TO_RESPOND(0x0B);

  private final int code;

  ExceptionCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<ExceptionCode> from(int code) {
    for (ExceptionCode e : values()) {
      if (e.code == code) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
