package org.parkgate.device.escpos;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One ESC/POS command as it travels to a receipt printer. {@link EscPosCodec} writes each as bytes
 * and {@link EscPosParser} finds each again in a byte stream; {@link PrintedReader} folds a stream
 * of them into what the paper shows.
 */
public sealed interface EscPosCommand {

  /** {@code ESC @}: clears the print buffer and resets every mode. */
  record Initialize() implements EscPosCommand {}

  /**
   * Printable bytes (each 0x20 or above) in the printer's current character mode: ASCII, or GB18030
   * while Chinese mode is on.
   */
  record Text(byte[] bytes) implements EscPosCommand {
    public Text {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Text t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Text[" + HexFormat.ofDelimiter(" ").formatHex(bytes) + "]";
    }
  }

  /** {@code LF}: prints the line and feeds one line. */
  record LineFeed() implements EscPosCommand {}

  /** {@code ESC d n}: prints the line and feeds {@code lines} lines. */
  record FeedLines(int lines) implements EscPosCommand {}

  /** {@code ESC a n}. */
  record Align(Alignment alignment) implements EscPosCommand {}

  /** {@code GS ! n}: character size, 1-8 times wide and high. */
  record CharacterSize(int width, int height) implements EscPosCommand {
    public CharacterSize {
      if (width < 1 || width > 8 || height < 1 || height > 8) {
        throw new IllegalArgumentException("character size is 1-8, not " + width + "x" + height);
      }
    }
  }

  /** {@code ESC E n}: emphasised (bold) on or off. */
  record Emphasis(boolean on) implements EscPosCommand {}

  /** {@code FS &} (on) and {@code FS .} (off): two-byte Chinese characters, GB18030. */
  record ChineseMode(boolean on) implements EscPosCommand {}

  /** {@code GS ( k 4 0 49 65 n1 0}: QR model 1 or 2. */
  record QrModel(int model) implements EscPosCommand {}

  /** {@code GS ( k 3 0 49 67 n}: module size in dots, 1-16. */
  record QrSize(int dots) implements EscPosCommand {}

  /** {@code GS ( k 3 0 49 69 n}: error correction level. */
  record QrErrorLevel(QrLevel level) implements EscPosCommand {}

  /** {@code GS ( k pL pH 49 80 48 data}: stores the symbol's data. */
  record QrStore(byte[] data) implements EscPosCommand {
    public QrStore {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof QrStore s && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "QrStore[" + new String(data, java.nio.charset.StandardCharsets.UTF_8) + "]";
    }
  }

  /** {@code GS ( k 3 0 49 81 48}: prints the stored symbol. */
  record QrPrint() implements EscPosCommand {}

  /** {@code GS V m}: cuts the paper, partially (one point left) or fully. */
  record Cut(boolean partial) implements EscPosCommand {}

  /**
   * {@code ESC p m t1 t2}: a pulse on drawer kick-out connector pin 2 or 5, on for {@code onMillis}
   * and off for {@code offMillis} (2 ms units on the wire).
   */
  record DrawerPulse(int pin, int onMillis, int offMillis) implements EscPosCommand {
    public DrawerPulse {
      if (pin != 2 && pin != 5) {
        throw new IllegalArgumentException("the drawer pulse pin is 2 or 5, not " + pin);
      }
      if (onMillis < 0 || onMillis > 510 || offMillis < 0 || offMillis > 510) {
        throw new IllegalArgumentException("pulse times are 0-510 ms");
      }
    }
  }

  /** {@code DLE EOT n}: a real-time status request, answered with one byte. */
  record StatusRequest(StatusKind kind) implements EscPosCommand {}

  /**
   * A command of known length that a receipt does not need (code pages, line spacing, other
   * barcodes): recognised so its parameter bytes are never taken for text, and otherwise ignored.
   */
  record Ignored(String what) implements EscPosCommand {}
}
