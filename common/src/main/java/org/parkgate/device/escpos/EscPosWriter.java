package org.parkgate.device.escpos;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a printout as ESC/POS commands: text is encoded in GB18030 while Chinese mode is on (so 中文
 * and ASCII print alike), in ASCII otherwise. Starts with {@code ESC @} and Chinese mode on.
 */
public final class EscPosWriter {
  private static final Charset CHINESE = Charset.forName("GB18030");

  private final List<EscPosCommand> commands = new ArrayList<>();
  private boolean chinese;

  public EscPosWriter() {
    commands.add(new EscPosCommand.Initialize());
    chinese(true);
  }

  public EscPosWriter chinese(boolean on) {
    chinese = on;
    commands.add(new EscPosCommand.ChineseMode(on));
    return this;
  }

  public EscPosWriter align(Alignment alignment) {
    commands.add(new EscPosCommand.Align(alignment));
    return this;
  }

  public EscPosWriter bold(boolean on) {
    commands.add(new EscPosCommand.Emphasis(on));
    return this;
  }

  public EscPosWriter size(int width, int height) {
    commands.add(new EscPosCommand.CharacterSize(width, height));
    return this;
  }

  /** Text on the current line; line breaks in it are not allowed (use {@link #line}). */
  public EscPosWriter text(String text) {
    if (!text.isEmpty()) {
      commands.add(new EscPosCommand.Text(encode(text)));
    }
    return this;
  }

  /** Text and a line feed. */
  public EscPosWriter line(String text) {
    text(text);
    commands.add(new EscPosCommand.LineFeed());
    return this;
  }

  public EscPosWriter feed(int lines) {
    commands.add(new EscPosCommand.FeedLines(lines));
    return this;
  }

  /** A QR code, model 2, of {@code payload} as UTF-8. */
  public EscPosWriter qr(String payload, int dots, QrLevel level) {
    commands.add(new EscPosCommand.QrModel(2));
    commands.add(new EscPosCommand.QrSize(dots));
    commands.add(new EscPosCommand.QrErrorLevel(level));
    commands.add(new EscPosCommand.QrStore(payload.getBytes(StandardCharsets.UTF_8)));
    commands.add(new EscPosCommand.QrPrint());
    return this;
  }

  public EscPosWriter cut() {
    commands.add(new EscPosCommand.Cut(true));
    return this;
  }

  /** The usual drawer kick: pin 2, 100 ms on, 200 ms off. */
  public EscPosWriter kickDrawer() {
    commands.add(new EscPosCommand.DrawerPulse(2, 100, 200));
    return this;
  }

  public List<EscPosCommand> commands() {
    return List.copyOf(commands);
  }

  public byte[] bytes() {
    return EscPosCodec.encode(commands);
  }

  private byte[] encode(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20 || text.charAt(i) == 0x7F) {
        throw new IllegalArgumentException("printed text holds a control character: " + text);
      }
    }
    CharsetEncoder encoder =
        (chinese ? CHINESE : StandardCharsets.US_ASCII)
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(new byte[] {'?'});
    try {
      ByteBuffer out = encoder.encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[out.remaining()];
      out.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing encoder cannot fail", e);
    }
  }
}
