package org.parkgate.device.display;

import java.nio.charset.StandardCharsets;
import org.parkgate.wire.XorCheck;

/**
 * Lane display frames, one per row (see docs/protocols.md):
 *
 * <pre>
 * STX 'D' row(1 digit) length(3 digits, UTF-8 bytes) text check(2 hex) ETX
 * </pre>
 *
 * The check is the XOR of every byte from 'D' to the end of the text. Text never holds control
 * characters, so STX and ETX inside a frame can only be framing, which makes resync reliable.
 */
public final class DisplayCodec {
  static final int STX = 0x02;
  static final int ETX = 0x03;
  static final int SET_ROW = 'D';

  /** STX, command, row, three length digits. */
  static final int HEADER = 6;

  /** Check and ETX. */
  static final int TRAILER = 3;

  private DisplayCodec() {}

  public static byte[] encode(DisplayText line) {
    byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[HEADER + text.length + TRAILER];
    frame[0] = STX;
    frame[1] = SET_ROW;
    frame[2] = (byte) ('0' + line.row());
    byte[] length = String.format("%03d", text.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(length, 0, frame, 3, 3);
    System.arraycopy(text, 0, frame, HEADER, text.length);
    int check = XorCheck.compute(frame, 1, HEADER - 1 + text.length);
    XorCheck.writeHex(check, frame, HEADER + text.length);
    frame[frame.length - 1] = ETX;
    return frame;
  }
}
