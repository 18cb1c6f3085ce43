package org.parkgate.device.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parkgate.wire.FrameTesting.assertDecodesInEveryChunking;
import static org.parkgate.wire.FrameTesting.countersAfter;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.wire.FrameTesting;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.Parse;

class CardLineParserTest {
  private final CardLineParser parser = new CardLineParser();

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void crLfAndCrLfLineEndsAllWorkWithoutCountingAnythingAsNoise() {
    byte[] stream = ascii("0A1B2C3D4E\r\n12345\r77\nABCdef\r\n");
    LinkCounters c =
        countersAfter(
            parser,
            stream,
            List.of(
                new CardRead("0A1B2C3D4E"),
                new CardRead("12345"),
                new CardRead("77"),
                new CardRead("ABCdef")));
    assertEquals(4, c.framesIn());
    assertEquals(0, c.droppedBytes());
  }

  @Test
  void realFrameBytes() {
    assertDecodesInEveryChunking(
        parser,
        FrameTesting.hex("30 41 31 42 32 43 33 44 34 45 0D 0A"),
        List.of(new CardRead("0A1B2C3D4E")));
    assertEquals(
        "30 41 31 42 32 43 33 44 34 45 0D 0A",
        FrameTesting.hex(CardLineParser.encode(new CardRead("0A1B2C3D4E"))));
  }

  @Test
  void aLineIsReportedAsSoonAsItsCrArrives() {
    assertEquals(
        new CardRead("123"),
        assertInstanceOf(Parse.Frame.class, parser.parse(Unpooled.wrappedBuffer(ascii("123\r"))))
            .frame());
  }

  @Test
  void aLineWithABadCharacterIsDroppedWholeNotReadFromTheBadCharacterOn() {
    byte[] stream = ascii("12-34\r\nOK1\r\n");
    LinkCounters c = countersAfter(parser, stream, List.of(new CardRead("OK1")));
    assertEquals(1, c.badFrames());
    assertEquals(6, c.droppedBytes());
  }

  @Test
  void anOverlongLineIsDroppedWholeHoweverLongItIs() {
    for (int length : new int[] {33, 34, 35, 36, 80}) {
      byte[] stream = ascii("1".repeat(length) + "\r\nOK1\r\n");
      LinkCounters c = countersAfter(parser, stream, List.of(new CardRead("OK1")));
      assertEquals(1, c.badFrames(), "length " + length);
    }
  }

  @Test
  void noiseWithoutLineEndsIsBoundedAndLosesNoLaterCard() {
    byte[] noise = new byte[500];
    java.util.Arrays.fill(noise, (byte) 0xE5);
    assertDecodesInEveryChunking(
        parser, FrameTesting.concat(noise, ascii("\r\n55AA\r\n")), List.of(new CardRead("55AA")));
  }

  @Test
  void emptyLinesAreNoiseButDoNotLoseTheNextCard() {
    assertDecodesInEveryChunking(parser, ascii("\r\n\r\n\r\n99\r\n"), List.of(new CardRead("99")));
  }

  @Test
  void aCardNumberOfExactly32CharactersIsAccepted() {
    String max = "Z".repeat(32);
    assertDecodesInEveryChunking(parser, ascii(max + "\n"), List.of(new CardRead(max)));
    assertThrows(IllegalArgumentException.class, () -> new CardRead(max + "Z"));
    assertThrows(IllegalArgumentException.class, () -> new CardRead(""));
  }
}
