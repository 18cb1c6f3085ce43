package org.parkgate.device.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.parkgate.device.modbus.ModbusRequest.ReadCoils;
import org.parkgate.device.modbus.ModbusRequest.ReadDiscreteInputs;
import org.parkgate.device.modbus.ModbusRequest.ReadHoldingRegisters;
import org.parkgate.device.modbus.ModbusRequest.WriteMultipleCoils;
import org.parkgate.device.modbus.ModbusRequest.WriteMultipleRegisters;
import org.parkgate.device.modbus.ModbusRequest.WriteSingleCoil;
import org.parkgate.device.modbus.ModbusRequest.WriteSingleRegister;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.Parse;

class RtuRequestParserTest {
  private final RtuRequestParser parser = new RtuRequestParser();

  static Stream<Arguments> frames() {
    return Stream.of(
        Arguments.of("01 02 00 00 00 05 B8 09", new RtuRequest(1, new ReadDiscreteInputs(0, 5))),
        Arguments.of("11 01 00 13 00 25 0E 84", new RtuRequest(0x11, new ReadCoils(0x13, 0x25))),
        Arguments.of(
            "11 03 00 6B 00 03 76 87", new RtuRequest(0x11, new ReadHoldingRegisters(0x6B, 3))),
        Arguments.of("01 05 00 00 FF 00 8C 3A", new RtuRequest(1, new WriteSingleCoil(0, true))),
        Arguments.of("01 05 00 00 00 00 CD CA", new RtuRequest(1, new WriteSingleCoil(0, false))),
        Arguments.of("01 06 00 01 00 03 98 0B", new RtuRequest(1, new WriteSingleRegister(1, 3))),
        Arguments.of(
            "01 0F 00 00 00 02 01 01 1F 57",
            new RtuRequest(1, new WriteMultipleCoils(0, new boolean[] {true, false}))),
        Arguments.of(
            "01 10 00 00 00 02 04 00 0A 01 02 53 FC",
            new RtuRequest(1, new WriteMultipleRegisters(0, new int[] {10, 0x102}))));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void decodesRealFramesInEveryChunkingAndEncodesThemBack(String frame, RtuRequest expected) {
    assertDecodesInEveryChunking(parser, hex(frame), List.of(expected));
    assertEquals(frame, org.parkgate.wire.FrameTesting.hex(RtuCodec.encode(expected)));
  }

  @Test
  void backToBackFramesWithGarbageBeforeAndBetween() {
    byte[] stream =
        concat(
            hex("FF 00 13"),
            hex("01 02 00 00 00 05 B8 09"),
            hex("F8 F9"),
            hex("01 05 00 01 FF 00 DD FA"));
    LinkCounters c =
        countersAfter(
            parser,
            stream,
            List.of(
                new RtuRequest(1, new ReadDiscreteInputs(0, 5)),
                new RtuRequest(1, new WriteSingleCoil(1, true))));
    assertEquals(2, c.framesIn());
    assertEquals(2, c.badFrames());
    assertEquals(5, c.droppedBytes());
  }

  @Test
  void aFrameWithABadCrcIsDroppedAndTheNextOneIsRead() {
    byte[] stream = concat(hex("01 02 00 00 00 05 B8 0A"), hex("01 02 00 00 00 05 B8 09"));
    LinkCounters c =
        countersAfter(parser, stream, List.of(new RtuRequest(1, new ReadDiscreteInputs(0, 5))));
    assertEquals(1, c.badFrames());
    assertEquals(8, c.droppedBytes());
    Parse<RtuRequest> bad = parser.parse(Unpooled.wrappedBuffer(hex("01 02 00 00 00 05 B8 0A")));
    assertEquals(
        "bad CRC 0AB8, expected 09B8", assertInstanceOf(Parse.Invalid.class, bad).reason());
  }

  @Test
  void aByteCountThatDoesNotMatchTheQuantityIsRejectedBeforeWaitingForIt() {
    // 2 coils need 1 byte, not 200: reject at once rather than wait for 200 bytes.
    Parse<RtuRequest> r = parser.parse(Unpooled.wrappedBuffer(hex("01 0F 00 00 00 02 C8")));
    assertInstanceOf(Parse.Invalid.class, r);
    Parse<RtuRequest> tooMany = parser.parse(Unpooled.wrappedBuffer(hex("01 10 00 00 00 7C F8")));
    assertEquals(
        "quantity 124 is outside 1-123 for WRITE_MULTIPLE_REGISTERS",
        assertInstanceOf(Parse.Invalid.class, tooMany).reason());
  }

  @Test
  void unknownFunctionCodesAndUnitsAbove247CannotStartAFrame() {
    assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(hex("01 2B 0E 01"))));
    assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(hex("F8 02 00 00"))));
  }

  @Test
  void aPartialFrameNeedsMore() {
    assertInstanceOf(
        Parse.NeedMore.class, parser.parse(Unpooled.wrappedBuffer(hex("01 02 00 00 00 05 B8"))));
  }

  @Test
  void aCoilValueOtherThanFf00Or0000IsInvalid() {
    byte[] frame = RtuCodec.encode(new RtuRequest(1, new WriteSingleCoil(0, true)));
    frame[4] = 0x12;
    int crc = Crc16.compute(frame, 0, 6);
    frame[6] = (byte) crc;
    frame[7] = (byte) (crc >> 8);
    assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(frame)));
  }

  @Test
  void theLargestMultipleWriteRoundTrips() {
    int[] values = new int[123];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 500;
    }
    RtuRequest big = new RtuRequest(247, new WriteMultipleRegisters(65535 - 122, values));
    byte[] frame = RtuCodec.encode(big);
    assertEquals(255, frame.length);
    assertDecodesInEveryChunking(parser, frame, List.of(big));
  }
}
