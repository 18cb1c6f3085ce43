package org.parkgate.device.card;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.Parse;
import org.parkgate.wire.XorCheck;

/**
 * The STX-framed reader protocol (as on common 125 kHz readers): STX (0x02), ten hex characters of
 * card number, two hex characters of the XOR of those ten characters' bytes, ETX (0x03). The card
 * number is reported as received.
 */
public final class StxCardParser implements FrameParser<CardRead> {
  static final int STX = 0x02;
  static final int ETX = 0x03;
  static final int DIGITS = 10;
  static final int LENGTH = 1 + DIGITS + 2 + 1;

  @Override
  public Parse<CardRead> parse(ByteBuf in) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (in.getUnsignedByte(start) != STX) {
      return Parse.invalid("no STX");
    }
    // Reject a non-hex character as soon as it arrives rather than after 14 bytes.
    for (int i = 1; i < Math.min(available, 1 + DIGITS + 2); i++) {
      if (XorCheck.hexDigit(in.getUnsignedByte(start + i)) < 0) {
        return Parse.invalid(
            String.format(
                "byte 0x%02X at %d is not a hex character", in.getUnsignedByte(start + i), i));
      }
    }
    if (available < LENGTH) {
      return Parse.needMore();
    }
    if (in.getUnsignedByte(start + LENGTH - 1) != ETX) {
      return Parse.invalid("no ETX after the check");
    }
    int expected = XorCheck.compute(in, start + 1, DIGITS);
    int received = XorCheck.readHex(in, start + 1 + DIGITS);
    if (expected != received) {
      return Parse.invalid(String.format("bad check %02X, expected %02X", received, expected));
    }
    String number = in.toString(start + 1, DIGITS, StandardCharsets.US_ASCII);
    return Parse.frame(new CardRead(number), LENGTH);
  }

  @Override
  public int maxFrameLength() {
    return LENGTH;
  }

  /** The frame a reader sends for {@code card}, whose number must be ten hex characters. */
  public static byte[] encode(CardRead card) {
    byte[] digits = card.cardNumber().getBytes(StandardCharsets.US_ASCII);
    if (digits.length != DIGITS || !card.cardNumber().matches("[0-9A-Fa-f]{10}")) {
      throw new IllegalArgumentException(
          "STX readers send ten hex characters, not '" + card.cardNumber() + "'");
    }
    byte[] frame = new byte[LENGTH];
    frame[0] = STX;
    System.arraycopy(digits, 0, frame, 1, DIGITS);
    XorCheck.writeHex(XorCheck.compute(digits, 0, DIGITS), frame, 1 + DIGITS);
    frame[LENGTH - 1] = ETX;
    return frame;
  }
}
