package org.parkgate.device.card;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.LineScanner;
import org.parkgate.wire.Parse;

/**
 * The common reader protocol: each card number as an ASCII line ended by CR, LF or CRLF. A
 * character other than a letter or digit, or a line longer than 32 characters, is invalid.
 */
public final class CardLineParser implements FrameParser<CardRead> {
  private static final LineScanner LINE =
      new LineScanner(32, CardLineParser::isCardChar, "a letter or digit");

  @Override
  public Parse<CardRead> parse(ByteBuf in) {
    Parse<String> line = LINE.scan(in);
    if (line instanceof Parse.Frame<String> f) {
      return Parse.frame(new CardRead(f.frame()), f.length());
    }
    return line instanceof Parse.Invalid<String> i
        ? Parse.invalid(i.reason(), i.skip())
        : Parse.needMore();
  }

  @Override
  public int maxFrameLength() {
    return LINE.maxFrameLength();
  }

  /** The line a reader sends for {@code card}: the number then CR LF. */
  public static byte[] encode(CardRead card) {
    return (card.cardNumber() + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  static boolean isCardChar(int b) {
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
  }
}
