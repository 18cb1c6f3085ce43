package org.parkgate.device.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parkgate.wire.FrameTesting.assertDecodesInEveryChunking;
import static org.parkgate.wire.FrameTesting.concat;
import static org.parkgate.wire.FrameTesting.countersAfter;
import static org.parkgate.wire.FrameTesting.hex;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parkgate.device.modbus.Crc16;
import org.parkgate.wire.FrameTesting;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.Parse;

class CameraParserTest {
  private final CameraParser parser = new CameraParser();

  private static final CameraMessage.Recognition SHANGHAI =
      new CameraMessage.Recognition(
          "cam1",
          "沪A12345",
          VehicleClass.CAR,
          PlateColour.BLUE,
          97,
          Instant.parse("2026-11-26T11:26:00Z"));

  static Stream<Arguments> frames() {
    return Stream.of(
        // "cam1|沪A12345|car|blue|97|2026-11-26T11:26:00Z": 47 bytes, 沪 is three of them
        Arguments.of(
            "02 52 30 34 37 63 61 6D 31 7C E6 B2 AA 41 31 32 33 34 35 7C 63 61 72 7C 62 6C 75 65"
                + " 7C 39 37 7C 32 30 32 36 2D 31 31 2D 32 36 54 31 31 3A 32 36 3A 30 30 5A"
                + " 43 32 30 31 03",
            SHANGHAI),
        // no camera clock: the time field is empty
        Arguments.of(
            "02 52 30 32 38 63 61 6D 31 7C 42 31 32 33 34 35 7C 74 72 75 63 6B 7C 79 65 6C 6C 6F"
                + " 77 7C 36 34 7C 32 30 44 33 03",
            new CameraMessage.Recognition(
                "cam1", "B12345", VehicleClass.TRUCK, PlateColour.YELLOW, 64, null)),
        Arguments.of(
            "02 48 30 30 34 63 61 6D 31 37 34 36 33 03", new CameraMessage.Heartbeat("cam1")),
        Arguments.of(
            "02 48 30 30 37 65 6E 74 72 79 2D 31 45 46 46 34 03",
            new CameraMessage.Heartbeat("entry-1")));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void decodesRealFramesInEveryChunkingAndEncodesThemBack(String frame, CameraMessage expected) {
    assertDecodesInEveryChunking(parser, hex(frame), List.of(expected));
    assertEquals(frame, FrameTesting.hex(CameraCodec.encode(expected)));
  }

  @Test
  void chinesePlatesOfEveryKindSurviveTheRoundTrip() {
    List<String> plates =
        List.of("沪A12345", "粤BD12345", "京A·F0236", "使014578", "云A1234学", "WJ01-12345", "无牌");
    List<CameraMessage> sent =
        plates.stream()
            .map(
                p ->
                    (CameraMessage)
                        new CameraMessage.Recognition(
                            "entry-cam", p, VehicleClass.CAR, PlateColour.GREEN, 88, null))
            .toList();
    byte[] stream = concat(sent.stream().map(CameraCodec::encode).toArray(byte[][]::new));
    assertDecodesInEveryChunking(parser, stream, sent);
  }

  @Test
  void garbageABadCheckAndATruncatedFrameAreDroppedThenTheNextFrameIsRead() {
    byte[] bad = CameraCodec.encode(SHANGHAI);
    bad[12] ^= 0x01; // one bit of the plate: the CRC no longer matches
    byte[] cut = CameraCodec.encode(new CameraMessage.Heartbeat("cam1"));
    byte[] truncated = java.util.Arrays.copyOf(cut, 9);
    byte[] good = CameraCodec.encode(SHANGHAI);
    LinkCounters c =
        countersAfter(
            parser, concat(hex("00 FF 02 02 52 41"), bad, truncated, good), List.of(SHANGHAI));
    assertEquals(1, c.badFrames(), "one loss of sync, however many bytes it took");
    assertEquals(6 + bad.length + truncated.length, c.droppedBytes());
  }

  @Test
  void aBadCheckSaysWhatWasExpected() {
    byte[] frame = hex("02 48 30 30 34 63 61 6D 31 37 34 36 34 03");
    assertEquals(
        "bad check 7464, expected 7463",
        assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(frame)))
            .reason());
  }

  @Test
  void anOversizedLengthIsRejectedWithoutWaitingForIt() {
    Parse<CameraMessage> r = parser.parse(Unpooled.wrappedBuffer(hex("02 52 39 39 39")));
    assertEquals(
        "payload length 999 is more than 240", assertInstanceOf(Parse.Invalid.class, r).reason());
    assertThrows(
        IllegalArgumentException.class,
        () -> CameraCodec.encode(new CameraMessage.Heartbeat("x".repeat(33))));
  }

  @Test
  void aWellFramedPayloadThatBreaksTheRulesIsRefusedWithItsReason() {
    assertEquals("unknown vehicle class 'tank'", reason("R", "cam1|沪A12345|tank|blue|97|"));
    assertEquals("unknown plate colour 'pink'", reason("R", "cam1|沪A12345|car|pink|97|"));
    assertEquals("confidence 101 is outside 0-100", reason("R", "cam1|沪A12345|car|blue|101|"));
    assertEquals("confidence '9x' is not a number 0-100", reason("R", "cam1|沪A12345|car|blue|9x|"));
    assertEquals(
        "time 'yesterday' is not an ISO-8601 instant",
        reason("R", "cam1|沪A12345|car|blue|97|yesterday"));
    assertEquals(
        "a recognition has 6 fields (camera|plate|class|colour|confidence|time), not 5",
        reason("R", "cam1|沪A12345|car|blue|97"));
    assertEquals(
        "plate '沪A 12345' holds a character that is not a letter or digit",
        reason("R", "cam1|沪A 12345|car|blue|97|"));
    assertEquals("plate is empty", reason("R", "cam1||car|blue|97|"));
    assertEquals(
        "heartbeat sender must be 1-32 letters, digits, '-' or '_', not 'cam 1'",
        reason("H", "cam 1"));
  }

  @Test
  void controlBytesInvalidUtf8AndUnknownTypesAreRefused() {
    assertEquals(
        "control byte 0x0A in the payload",
        invalid(hex("02 48 30 30 34 63 61 0A 31 37 34 36 33 03")));
    assertEquals("unknown camera frame type 0x51", invalid(hex("02 51 30 30 34")));
    // 0xE6 0xB2 starts a three-byte character that "A" does not finish
    byte[] body = {'H', '0', '0', '3', (byte) 0xE6, (byte) 0xB2, 'A'};
    assertEquals("payload is not valid UTF-8", invalid(framed(body)));
  }

  /** Frames {@code payload} correctly, so only the payload can be wrong. */
  private String reason(String type, String payload) {
    byte[] text = payload.getBytes(StandardCharsets.UTF_8);
    byte[] body =
        concat(
            (type + String.format("%03d", text.length)).getBytes(StandardCharsets.US_ASCII), text);
    return invalid(framed(body));
  }

  private static byte[] framed(byte[] body) {
    String check = String.format("%04X", Crc16.compute(body));
    return concat(new byte[] {2}, body, check.getBytes(StandardCharsets.US_ASCII), new byte[] {3});
  }

  private String invalid(byte[] frame) {
    return assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(frame)))
        .reason();
  }

  @Test
  void recordsRefuseWhatTheWireCannotCarry() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CameraMessage.Recognition(
                "cam1", "沪A|12345", VehicleClass.CAR, PlateColour.BLUE, 90, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CameraMessage.Recognition(
                "cam1", "A".repeat(17), VehicleClass.CAR, PlateColour.BLUE, 90, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CameraMessage.Recognition(
                "cam1", "沪A12345", VehicleClass.CAR, PlateColour.BLUE, -1, null));
    assertEquals(java.util.Optional.empty(), VehicleClass.fromWire("CAR"));
    assertEquals(java.util.Optional.of(FrameType.HEARTBEAT), FrameType.of('H'));
  }
}
