package org.parkgate.device.escpos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.wire.FrameTesting;
import org.parkgate.wire.LinkCounters;

class PrintedReaderTest {

  private static List<Printed> read(byte[] bytes, int chunk) {
    PrintedReader reader = new PrintedReader();
    List<Printed> out = new ArrayList<>();
    for (Object c : FrameTesting.decode(new EscPosParser(), new LinkCounters(), bytes, chunk)) {
      out.addAll(reader.accept((EscPosCommand) c));
    }
    return out;
  }

  @Test
  void aReceiptReadsBackTheSameSplitAtEveryByte() {
    byte[] bytes =
        new EscPosWriter()
            .align(Alignment.CENTER)
            .size(2, 2)
            .bold(true)
            .line("停车收据 RECEIPT")
            .size(1, 1)
            .bold(false)
            .align(Alignment.LEFT)
            .line("车牌 Plate: 粤B12345")
            .qr("AB12CD", 6, QrLevel.M)
            .feed(2)
            .cut()
            .kickDrawer()
            .bytes();
    List<Printed> expected =
        List.of(
            new Printed.Line("停车收据 RECEIPT", Alignment.CENTER, true, 2, 2),
            Printed.Line.plain("车牌 Plate: 粤B12345"),
            new Printed.QrCode("AB12CD"),
            Printed.Line.plain(""),
            Printed.Line.plain(""),
            new Printed.Cut(true),
            new Printed.DrawerPulse(2, 100, 200));
    for (int chunk = 1; chunk <= bytes.length; chunk++) {
      assertEquals(expected, read(bytes, chunk), "chunks of " + chunk);
    }
  }

  @Test
  void twoDocumentsMergedInOneWriteStaySeparate() {
    byte[] one = new EscPosWriter().line("one").cut().bytes();
    byte[] two = new EscPosWriter().line("two").cut().bytes();
    assertEquals(
        List.of(
            Printed.Line.plain("one"),
            new Printed.Cut(true),
            Printed.Line.plain("two"),
            new Printed.Cut(true)),
        read(FrameTesting.concat(one, two), 1000));
  }

  @Test
  void initializeDropsWhatWasNotPrinted() {
    byte[] bytes =
        FrameTesting.concat(FrameTesting.hex("41 42"), new EscPosWriter().line("fresh").bytes());
    assertEquals(List.of(Printed.Line.plain("fresh")), read(bytes, 1));
  }

  @Test
  void statusRequestsAreSeenInOrder() {
    byte[] bytes = FrameTesting.hex("10 04 01 10 04 04");
    assertEquals(
        List.of(
            new Printed.StatusAsked(StatusKind.PRINTER), new Printed.StatusAsked(StatusKind.PAPER)),
        read(bytes, 1));
  }
}
