package org.parkgate.wire;

import io.netty.buffer.ByteBuf;

/**
 * The XOR of a run of bytes written as two upper-case hex characters, the check used by STX-framed
 * card readers and our lane display protocol.
 */
public final class XorCheck {
  private static final byte[] HEX =
      "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private XorCheck() {}

  public static int compute(ByteBuf buf, int index, int length) {
    int x = 0;
    for (int i = index; i < index + length; i++) {
      x ^= buf.getUnsignedByte(i);
    }
    return x;
  }

  public static int compute(byte[] bytes, int offset, int length) {
    int x = 0;
    for (int i = offset; i < offset + length; i++) {
      x ^= bytes[i] & 0xFF;
    }
    return x;
  }

  /** Writes {@code value} (0-255) as two upper-case hex characters at {@code offset}. */
  public static void writeHex(int value, byte[] to, int offset) {
    to[offset] = HEX[(value >> 4) & 0xF];
    to[offset + 1] = HEX[value & 0xF];
  }

  /** The value of two hex characters (either case) at {@code index}, or -1 if they are not hex. */
  public static int readHex(ByteBuf buf, int index) {
    int hi = hexDigit(buf.getUnsignedByte(index));
    int lo = hexDigit(buf.getUnsignedByte(index + 1));
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  public static int hexDigit(int b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }
}
