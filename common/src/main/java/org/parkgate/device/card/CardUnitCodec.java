package org.parkgate.device.card;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.LineScanner;
import org.parkgate.wire.Parse;

/**
 * Controller-to-card-unit commands: one upper-case ASCII word per line, ended by CR, LF or CRLF
 * ({@code ISSUE\r\n}). The card unit's answers are card lines ({@link CardLineParser}).
 */
public final class CardUnitCodec implements FrameParser<CardUnitCommand> {
  private static final LineScanner LINE =
      new LineScanner(16, b -> b >= 'A' && b <= 'Z', "an upper-case letter");

  @Override
  public Parse<CardUnitCommand> parse(ByteBuf in) {
    Parse<String> line = LINE.scan(in);
    if (line instanceof Parse.Frame<String> f) {
      if (f.frame().equals("ISSUE")) {
        return Parse.frame(new CardUnitCommand.Issue(), f.length());
      }
      return Parse.invalid("unknown command '" + f.frame() + "'", f.length());
    }
    return line instanceof Parse.Invalid<String> i
        ? Parse.invalid(i.reason(), i.skip())
        : Parse.needMore();
  }

  @Override
  public int maxFrameLength() {
    return LINE.maxFrameLength();
  }

  public static byte[] encode(CardUnitCommand command) {
    if (command instanceof CardUnitCommand.Issue) {
      return "ISSUE\r\n".getBytes(StandardCharsets.US_ASCII);
    }
    throw new IllegalArgumentException("no encoding for " + command);
  }
}
