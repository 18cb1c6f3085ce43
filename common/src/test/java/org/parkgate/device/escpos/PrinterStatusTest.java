package org.parkgate.device.escpos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrinterStatusTest {

  @Test
  void aReadyPrinterAnswersTheFixedPattern() {
    for (StatusKind kind : StatusKind.values()) {
      assertEquals(0x12, PrinterStatus.READY.reply(kind), kind.name());
    }
  }

  @Test
  void epsonBitsForEachFault() {
    PrinterStatus paperOut = new PrinterStatus(true, false, true, false, false, false);
    assertEquals(0x1A, paperOut.reply(StatusKind.PRINTER));
    assertEquals(0x32, paperOut.reply(StatusKind.OFFLINE_CAUSE));
    assertEquals(0x7E, paperOut.reply(StatusKind.PAPER));
    PrinterStatus drawer = new PrinterStatus(false, false, false, false, false, true);
    assertEquals(0x16, drawer.reply(StatusKind.PRINTER));
    PrinterStatus cover = new PrinterStatus(true, true, false, false, false, false);
    assertEquals(0x16, cover.reply(StatusKind.OFFLINE_CAUSE));
  }

  @Test
  void repliesReadBackToTheSameState() {
    PrinterStatus[] states = {
      PrinterStatus.READY,
      new PrinterStatus(true, false, true, true, false, false),
      new PrinterStatus(true, true, false, false, false, true),
      new PrinterStatus(false, false, false, true, false, false),
    };
    for (PrinterStatus s : states) {
      PrinterStatus read = PrinterStatus.READY;
      for (StatusKind kind : StatusKind.values()) {
        read = read.with(kind, s.reply(kind));
      }
      assertEquals(s, read);
    }
    assertTrue(PrinterStatus.READY.canPrint());
    assertFalse(states[1].canPrint());
  }

  @Test
  void aByteOutsideThePatternIsNoReply() {
    assertFalse(PrinterStatus.isReply(0x41));
    assertThrows(
        IllegalArgumentException.class, () -> PrinterStatus.READY.with(StatusKind.PRINTER, 0x00));
  }
}
