package org.parkgate.device.display;

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
import org.parkgate.wire.FrameTesting;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.Parse;

class DisplayParserTest {
  private final DisplayParser parser = new DisplayParser();

  static Stream<Arguments> frames() {
    return Stream.of(
        Arguments.of(
            "02 44 30 30 30 39 46 65 65 20 31 32 2E 30 30 30 36 03",
            new DisplayText(0, "Fee 12.00")),
        // "please pay at the booth": 7 characters, 21 bytes of UTF-8
        Arguments.of(
            "02 44 31 30 32 31 E8 AF B7 E5 88 B0 E6 94 B6 E8 B4 B9 E4 BA AD E7 BC B4 E8 B4 B9 42 33 03",
            new DisplayText(1, "请到收费亭缴费")),
        Arguments.of("02 44 32 30 30 30 34 36 03", new DisplayText(2, "")));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void decodesRealFramesInEveryChunkingAndEncodesThemBack(String frame, DisplayText expected) {
    assertDecodesInEveryChunking(parser, hex(frame), List.of(expected));
    assertEquals(frame, FrameTesting.hex(DisplayCodec.encode(expected)));
  }

  @Test
  void garbageAndABadCheckAreDroppedThenTheNextRowIsRead() {
    byte[] bad = DisplayCodec.encode(new DisplayText(0, "Thank you"));
    bad[7] ^= 0x01;
    byte[] good = DisplayCodec.encode(new DisplayText(0, "谢谢 Thank you"));
    LinkCounters c =
        countersAfter(
            parser,
            concat(hex("00 02 02 44 FF"), bad, good),
            List.of(new DisplayText(0, "谢谢 Thank you")));
    assertEquals(1, c.badFrames());
    assertEquals(5 + bad.length, c.droppedBytes());
  }

  @Test
  void anOversizedLengthIsRejectedWithoutWaitingForIt() {
    Parse<DisplayText> r = parser.parse(Unpooled.wrappedBuffer(hex("02 44 30 39 39 39")));
    assertEquals(
        "text length 999 is more than 120", assertInstanceOf(Parse.Invalid.class, r).reason());
  }

  @Test
  void invalidUtf8AndControlCharactersAreRejected() {
    byte[] frame = DisplayCodec.encode(new DisplayText(0, "ab"));
    frame[6] = (byte) 0xC3; // a lead byte followed by 'b' is not UTF-8
    frame[8] = '5';
    frame[9] = '9'; // keep the check right so only the text is wrong: 'D'^'0'^'0'^'0'^'2'^C3^'b'
    int check = 'D' ^ '0' ^ '0' ^ '0' ^ '2' ^ 0xC3 ^ 'b';
    org.parkgate.wire.XorCheck.writeHex(check, frame, 8);
    assertEquals(
        "display text is not valid UTF-8",
        assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(frame)))
            .reason());
    assertInstanceOf(
        Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(hex("02 44 30 30 30 32 61 0A"))));
  }

  @Test
  void fitCutsLongTextAtACharacterBoundary() {
    DisplayText t = DisplayText.fit(3, "停".repeat(50) + "\n");
    assertEquals("停".repeat(40), t.text());
    assertThrows(IllegalArgumentException.class, () -> new DisplayText(0, "停".repeat(41)));
    assertThrows(IllegalArgumentException.class, () -> new DisplayText(10, "x"));
    assertThrows(IllegalArgumentException.class, () -> new DisplayText(0, "a\tb"));
  }
}
