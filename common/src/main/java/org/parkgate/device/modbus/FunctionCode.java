package org.parkgate.device.modbus;

import java.util.Optional;

/** The Modbus function codes a barrier I/O module link uses. */
public enum FunctionCode {
  READ_COILS(0x01),
  READ_DISCRETE_INPUTS(0x02),
  READ_HOLDING_REGISTERS(0x03),
  WRITE_SINGLE_COIL(0x05),
  WRITE_SINGLE_REGISTER(0x06),
  WRITE_MULTIPLE_COILS(0x0F),
  WRITE_MULTIPLE_REGISTERS(0x10);

  private final int code;

  FunctionCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<FunctionCode> from(int code) {
    for (FunctionCode fc : values()) {
      if (fc.code == code) {
        return Optional.of(fc);
      }
    }
    return Optional.empty();
  }
}
