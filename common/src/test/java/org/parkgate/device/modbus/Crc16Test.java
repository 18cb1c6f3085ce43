package org.parkgate.device.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parkgate.wire.FrameTesting.hex;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Crc16Test {
  // The first two are the examples of the Modbus over Serial Line specification; the CRCs of
  // the rest were checked with an independent bit-by-bit implementation.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "11 03 00 6B 00 03 76 87",
        "11 01 00 13 00 25 0E 84",
        "01 03 00 00 00 0A C5 CD",
        "01 02 00 00 00 05 B8 09",
        "01 05 00 00 FF 00 8C 3A",
      })
  void matchesKnownFramesLowByteFirst(String frame) {
    byte[] bytes = hex(frame);
    int crc = (bytes[bytes.length - 2] & 0xFF) | (bytes[bytes.length - 1] & 0xFF) << 8;
    assertEquals(crc, Crc16.compute(bytes, 0, bytes.length - 2));
    assertEquals(crc, Crc16.compute(Unpooled.wrappedBuffer(bytes), 0, bytes.length - 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"11 03 00 6B 00 03 76 87", "01 02 01 05 61 8B"})
  void aWholeFrameIncludingItsCrcChecksToZero(String frame) {
    assertEquals(0, Crc16.compute(hex(frame)));
  }
}
