package org.parkgate.device.modbus;

import io.netty.buffer.ByteBuf;

/** Checks shared by the RTU request and response parsers. */
final class RtuFrames {
  private RtuFrames() {}

  /**
   * Null if the CRC of the {@code length}-byte frame at the reader index is right, else why not.
   */
  static String crcProblem(ByteBuf in, int length) {
    int start = in.readerIndex();
    int computed = Crc16.compute(in, start, length - 2);
    int received = in.getUnsignedShortLE(start + length - 2);
    return computed == received
        ? null
        : String.format("bad CRC %04X, expected %04X", received, computed);
  }
}
