package org.parkgate.device.modbus;

/** Limits of Modbus RTU fields, shared by the records and the parsers. */
final class Fields {
  /** An RTU frame: address, PDU of at most 253 bytes, CRC. */
  static final int MAX_RTU_FRAME = 256;

  static final int MAX_READ_BITS = 2000;
  static final int MAX_READ_REGISTERS = 125;
  static final int MAX_WRITE_COILS = 1968;
  static final int MAX_WRITE_REGISTERS = 123;

  private Fields() {}

  static void check16(String name, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(name + " " + value + " is outside 0-65535");
    }
  }

  static String bits(boolean[] values) {
    StringBuilder s = new StringBuilder(values.length);
    for (boolean b : values) {
      s.append(b ? '1' : '0');
    }
    return s.toString();
  }
}
