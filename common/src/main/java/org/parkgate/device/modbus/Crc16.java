package org.parkgate.device.modbus;

import io.netty.buffer.ByteBuf;

/**
 * The Modbus RTU CRC-16 (polynomial 0xA001 reflected, initial value 0xFFFF). On the wire the low
 * byte goes first.
 */
public final class Crc16 {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private Crc16() {}

  public static int compute(byte[] bytes) {
    return compute(bytes, 0, bytes.length);
  }

  public static int compute(byte[] bytes, int offset, int length) {
    int crc = 0xFFFF;
    for (int i = offset; i < offset + length; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xFF];
    }
    return crc;
  }

  /** The CRC of {@code length} bytes from absolute {@code index}, not moving any index. */
  public static int compute(ByteBuf buf, int index, int length) {
    int crc = 0xFFFF;
    for (int i = index; i < index + length; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ buf.getByte(i)) & 0xFF];
    }
    return crc;
  }
}
