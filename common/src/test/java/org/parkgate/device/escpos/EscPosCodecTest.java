package org.parkgate.device.escpos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.wire.FrameTesting.assertDecodesInEveryChunking;
import static org.parkgate.wire.FrameTesting.concat;
import static org.parkgate.wire.FrameTesting.countersAfter;
import static org.parkgate.wire.FrameTesting.hex;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.wire.LinkCounters;

class EscPosCodecTest {
  private final EscPosParser parser = new EscPosParser();

  @Test
  void eachCommandHasItsEpsonBytes() {
    assertEquals("1B 40", hex(EscPosCodec.encode(new EscPosCommand.Initialize())));
    assertEquals("1C 26", hex(EscPosCodec.encode(new EscPosCommand.ChineseMode(true))));
    assertEquals("1C 2E", hex(EscPosCodec.encode(new EscPosCommand.ChineseMode(false))));
    assertEquals("1B 61 01", hex(EscPosCodec.encode(new EscPosCommand.Align(Alignment.CENTER))));
    assertEquals("1D 21 11", hex(EscPosCodec.encode(new EscPosCommand.CharacterSize(2, 2))));
    assertEquals("1D 21 10", hex(EscPosCodec.encode(new EscPosCommand.CharacterSize(2, 1))));
    assertEquals("1B 45 01", hex(EscPosCodec.encode(new EscPosCommand.Emphasis(true))));
    assertEquals("1B 64 03", hex(EscPosCodec.encode(new EscPosCommand.FeedLines(3))));
    assertEquals(
        "1D 28 6B 04 00 31 41 32 00", hex(EscPosCodec.encode(new EscPosCommand.QrModel(2))));
    assertEquals("1D 28 6B 03 00 31 43 06", hex(EscPosCodec.encode(new EscPosCommand.QrSize(6))));
    assertEquals(
        "1D 28 6B 03 00 31 45 31",
        hex(EscPosCodec.encode(new EscPosCommand.QrErrorLevel(QrLevel.M))));
    assertEquals(
        "1D 28 6B 06 00 31 50 30 41 42 43",
        hex(EscPosCodec.encode(new EscPosCommand.QrStore("ABC".getBytes()))));
    assertEquals("1D 28 6B 03 00 31 51 30", hex(EscPosCodec.encode(new EscPosCommand.QrPrint())));
    assertEquals("1D 56 01", hex(EscPosCodec.encode(new EscPosCommand.Cut(true))));
    assertEquals(
        "1B 70 00 32 64", hex(EscPosCodec.encode(new EscPosCommand.DrawerPulse(2, 100, 200))));
    assertEquals(
        "10 04 01", hex(EscPosCodec.encode(new EscPosCommand.StatusRequest(StatusKind.PRINTER))));
  }

  @Test
  void chineseTextIsGb18030() {
    byte[] bytes = new EscPosWriter().line("收据 No.7").bytes();
    // ESC @, FS &, then 收 (CA D5) 据 (BE DD) in GB18030, the ASCII, LF.
    assertEquals("1B 40 1C 26 CA D5 BE DD 20 4E 6F 2E 37 0A", hex(bytes));
  }

  @Test
  void everyCommandComesBackInEveryChunking() {
    List<EscPosCommand> commands =
        List.of(
            new EscPosCommand.Initialize(),
            new EscPosCommand.ChineseMode(true),
            new EscPosCommand.Align(Alignment.RIGHT),
            new EscPosCommand.CharacterSize(3, 2),
            new EscPosCommand.Emphasis(true),
            new EscPosCommand.Text(
                "停车费 12.00".getBytes(java.nio.charset.Charset.forName("GB18030"))),
            new EscPosCommand.LineFeed(),
            new EscPosCommand.FeedLines(2),
            new EscPosCommand.QrModel(2),
            new EscPosCommand.QrSize(5),
            new EscPosCommand.QrErrorLevel(QrLevel.Q),
            new EscPosCommand.QrStore("https://x/7?v=AB12".getBytes(StandardCharsets.UTF_8)),
            new EscPosCommand.QrPrint(),
            new EscPosCommand.DrawerPulse(5, 50, 500),
            new EscPosCommand.StatusRequest(StatusKind.PAPER),
            new EscPosCommand.Cut(false),
            new EscPosCommand.ChineseMode(false));
    assertDecodesInEveryChunking(parser, EscPosCodec.encode(commands), commands);
  }

  @Test
  void garbageAndUnknownCommandsAreDroppedAndCounted() {
    byte[] bytes =
        concat(
            hex("00 07 1B FF"), // NUL, BEL, ESC with an unknown byte
            EscPosCodec.encode(new EscPosCommand.Cut(true)));
    // 0xFF after the unknown ESC is taken as text, as a printer would print it.
    LinkCounters counters =
        countersAfter(
            parser,
            bytes,
            List.of(new EscPosCommand.Text(new byte[] {(byte) 0xFF}), new EscPosCommand.Cut(true)));
    assertTrue(counters.badFrames() >= 1, "the bad bytes are counted");
  }

  @Test
  void aTooLongQrLengthIsRefusedAndTheStreamResynchronises() {
    byte[] bytes = concat(hex("1D 28 6B FF FF"), hex("0A"));
    List<Object> out =
        org.parkgate.wire.FrameTesting.decode(parser, new LinkCounters(), bytes, bytes.length);
    // The bad header is skipped a byte at a time; the "(k" and the length bytes print as text.
    assertEquals(new EscPosCommand.LineFeed(), out.get(out.size() - 1));
  }

  @Test
  void longTextComesInBoundedRuns() {
    byte[] text = "A".repeat(EscPosParser.MAX_TEXT + 10).getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = concat(text, hex("0A"));
    List<Object> out =
        org.parkgate.wire.FrameTesting.decode(parser, new LinkCounters(), bytes, bytes.length);
    assertEquals(3, out.size());
    assertEquals(EscPosParser.MAX_TEXT, ((EscPosCommand.Text) out.get(0)).bytes().length);
  }

  @Test
  void textWithAControlCharacterIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EscPosWriter().text("a\nb"));
    assertThrows(
        IllegalArgumentException.class,
        () -> EscPosCodec.encode(new EscPosCommand.Text(new byte[] {'a', 0x1B})));
  }
}
