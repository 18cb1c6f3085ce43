package org.parkgate.device.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parkgate.wire.FrameTesting.assertDecodesInEveryChunking;
import static org.parkgate.wire.FrameTesting.concat;
import static org.parkgate.wire.FrameTesting.countersAfter;
import static org.parkgate.wire.FrameTesting.hex;

import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parkgate.device.modbus.ModbusResponse.ReadBits;
import org.parkgate.device.modbus.ModbusResponse.ReadRegisters;
import org.parkgate.device.modbus.ModbusResponse.WriteMultipleEcho;
import org.parkgate.device.modbus.ModbusResponse.WriteSingleCoilEcho;
import org.parkgate.device.modbus.ModbusResponse.WriteSingleRegisterEcho;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.Parse;

class RtuResponseParserTest {
  private final RtuResponseParser parser = new RtuResponseParser();

  private static boolean[] bits(String ones) {
    boolean[] b = new boolean[ones.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = ones.charAt(i) == '1';
    }
    return b;
  }

  static Stream<Arguments> frames() {
    return Stream.of(
        // inputs 0 and 2 on: arming loop occupied, barrier at its open limit
        Arguments.of(
            "01 02 01 05 61 8B",
            new RtuResponse(1, new ReadBits(FunctionCode.READ_DISCRETE_INPUTS, bits("10100000")))),
        // the specification's example: coils 20-56 of slave 17
        Arguments.of(
            "11 01 05 CD 6B B2 0E 1B 45 E6",
            new RtuResponse(
                0x11,
                new ReadBits(
                    FunctionCode.READ_COILS, bits("1011001111010110010011010111000011011000")))),
        Arguments.of(
            "01 03 04 00 0A 01 02 5A 60",
            new RtuResponse(1, new ReadRegisters(new int[] {10, 0x102}))),
        Arguments.of(
            "01 05 00 00 FF 00 8C 3A", new RtuResponse(1, new WriteSingleCoilEcho(0, true))),
        Arguments.of(
            "01 06 00 01 00 03 98 0B", new RtuResponse(1, new WriteSingleRegisterEcho(1, 3))),
        Arguments.of(
            "01 0F 00 00 00 02 D4 0A",
            new RtuResponse(1, new WriteMultipleEcho(FunctionCode.WRITE_MULTIPLE_COILS, 0, 2))),
        Arguments.of(
            "01 10 00 00 00 02 41 C8",
            new RtuResponse(1, new WriteMultipleEcho(FunctionCode.WRITE_MULTIPLE_REGISTERS, 0, 2))),
        Arguments.of(
            "01 82 02 C1 61",
            new RtuResponse(
                1,
                new ModbusResponse.Exception(
                    FunctionCode.READ_DISCRETE_INPUTS, ExceptionCode.ILLEGAL_DATA_ADDRESS))));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void decodesRealFramesInEveryChunkingAndEncodesThemBack(String frame, RtuResponse expected) {
    assertDecodesInEveryChunking(parser, hex(frame), List.of(expected));
    assertEquals(frame, org.parkgate.wire.FrameTesting.hex(RtuCodec.encode(expected)));
  }

  @Test
  void garbagePrefixAndBadCrcAreDroppedThenTheGoodFrameIsRead() {
    byte[] stream = concat(hex("00 FF 55"), hex("01 02 01 05 61 8C"), hex("01 02 01 05 61 8B"));
    LinkCounters c =
        countersAfter(
            parser,
            stream,
            List.of(
                new RtuResponse(
                    1, new ReadBits(FunctionCode.READ_DISCRETE_INPUTS, bits("10100000")))));
    assertEquals(1, c.badFrames());
    assertEquals(9, c.droppedBytes());
  }

  @Test
  void oversizedAndOddByteCountsAreRejectedAtOnce() {
    assertEquals(
        "byte count 251 is outside 1-250",
        assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(hex("01 01 FB"))))
            .reason());
    assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(hex("01 03 03"))));
    assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(hex("01 03 00"))));
  }

  @Test
  void encodingPadsBitsToWholeBytes() {
    byte[] frame =
        RtuCodec.encode(
            new RtuResponse(1, new ReadBits(FunctionCode.READ_DISCRETE_INPUTS, bits("101"))));
    assertEquals("01 02 01 05 61 8B", org.parkgate.wire.FrameTesting.hex(frame));
  }

  @Test
  void recordsRefuseValuesTheWireCannotCarry() {
    assertThrows(IllegalArgumentException.class, () -> new ReadRegisters(new int[126]));
    assertThrows(IllegalArgumentException.class, () -> new ReadRegisters(new int[] {70000}));
    assertThrows(
        IllegalArgumentException.class, () -> new RtuResponse(0, new WriteSingleCoilEcho(0, true)));
  }
}
