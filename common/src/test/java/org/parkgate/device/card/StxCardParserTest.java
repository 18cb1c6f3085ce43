package org.parkgate.device.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parkgate.wire.FrameTesting.assertDecodesInEveryChunking;
import static org.parkgate.wire.FrameTesting.concat;
import static org.parkgate.wire.FrameTesting.countersAfter;
import static org.parkgate.wire.FrameTesting.hex;

import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.wire.FrameTesting;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.Parse;

class StxCardParserTest {
  // STX "0A1B2C3D4E" "75" ETX: 0x75 is the XOR of the ten characters' ASCII codes.
  private static final String CARD_0A1B = "02 30 41 31 42 32 43 33 44 34 45 37 35 03";
  private static final String CARD_1234 = "02 31 32 33 34 35 36 37 38 39 30 30 31 03";

  private final StxCardParser parser = new StxCardParser();

  @Test
  void decodesRealFramesInEveryChunkingAndEncodesThemBack() {
    assertDecodesInEveryChunking(
        parser,
        concat(hex(CARD_0A1B), hex(CARD_1234)),
        List.of(new CardRead("0A1B2C3D4E"), new CardRead("1234567890")));
    assertEquals(CARD_0A1B, FrameTesting.hex(StxCardParser.encode(new CardRead("0A1B2C3D4E"))));
  }

  @Test
  void aBadCheckIsDroppedAndTheNextFrameRead() {
    byte[] bad = hex(CARD_0A1B);
    bad[12] = '4';
    LinkCounters c =
        countersAfter(
            parser,
            concat(hex("FF 0D 0A"), bad, hex(CARD_1234)),
            List.of(new CardRead("1234567890")));
    assertEquals(1, c.badFrames());
    assertEquals(3 + 14, c.droppedBytes());
    assertEquals(
        "bad check 74, expected 75",
        assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(bad))).reason());
  }

  @Test
  void aFrameCutShortByANewStxIsAbandonedAtOnce() {
    byte[] cut = hex("02 30 41 31 42");
    assertDecodesInEveryChunking(
        parser, concat(cut, hex(CARD_1234)), List.of(new CardRead("1234567890")));
  }

  @Test
  void aMissingEtxIsInvalid() {
    byte[] noEtx = hex(CARD_0A1B);
    noEtx[13] = 0x0D;
    assertInstanceOf(Parse.Invalid.class, parser.parse(Unpooled.wrappedBuffer(noEtx)));
  }

  @Test
  void onlyTenHexCharactersCanBeEncoded() {
    assertThrows(IllegalArgumentException.class, () -> StxCardParser.encode(new CardRead("12345")));
    assertThrows(
        IllegalArgumentException.class, () -> StxCardParser.encode(new CardRead("GGGGGGGGGG")));
  }
}
