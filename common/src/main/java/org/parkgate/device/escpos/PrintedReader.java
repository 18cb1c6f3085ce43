package org.parkgate.device.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Follows a printer's modes through a stream of {@link EscPosCommand}s and says what each prints.
 * Text is kept as bytes until the line ends (or the character mode changes), so a Chinese character
 * split between two text runs still prints whole. Not thread-safe: one per connection.
 */
public final class PrintedReader {
  /** A line longer than this many bytes is printed as it stands and a new one begun. */
  public static final int MAX_LINE = 4096;

  /** Code page 437, the ASCII printers' default for bytes above 0x7F outside Chinese mode. */
  private static final Charset SINGLE_BYTE = Charset.forName("IBM437");

  private static final Charset CHINESE = Charset.forName("GB18030");

  private final StringBuilder line = new StringBuilder();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private Alignment alignment = Alignment.LEFT;
  private boolean bold;
  private int width = 1;
  private int height = 1;
  private boolean chinese;
  private byte[] qrData;

  /** What {@code command} prints or does, if anything. */
  public List<Printed> accept(EscPosCommand command) {
    if (command instanceof EscPosCommand.Text t) {
      byte[] bytes = t.bytes();
      if (pending.size() + bytes.length > MAX_LINE) {
        pending.writeBytes(bytes);
        return List.of(endLine());
      }
      pending.writeBytes(bytes);
      return List.of();
    } else if (command instanceof EscPosCommand.LineFeed) {
      return List.of(endLine());
    } else if (command instanceof EscPosCommand.FeedLines f) {
      if (f.lines() == 0 && line.length() == 0 && pending.size() == 0) {
        return List.of();
      }
      Printed.Line first = endLine();
      java.util.ArrayList<Printed> out = new java.util.ArrayList<>();
      out.add(first);
      for (int i = 1; i < f.lines(); i++) {
        out.add(endLine());
      }
      return out;
    } else if (command instanceof EscPosCommand.Initialize) {
      // ESC @ clears what was not printed yet and every mode.
      pending.reset();
      line.setLength(0);
      alignment = Alignment.LEFT;
      bold = false;
      width = 1;
      height = 1;
      chinese = false;
      qrData = null;
    } else if (command instanceof EscPosCommand.Align a) {
      alignment = a.alignment();
    } else if (command instanceof EscPosCommand.Emphasis e) {
      bold = e.on();
    } else if (command instanceof EscPosCommand.CharacterSize s) {
      width = s.width();
      height = s.height();
    } else if (command instanceof EscPosCommand.ChineseMode c) {
      flushText();
      chinese = c.on();
    } else if (command instanceof EscPosCommand.QrStore s) {
      qrData = s.data();
    } else if (command instanceof EscPosCommand.QrPrint) {
      if (qrData != null) {
        return List.of(new Printed.QrCode(new String(qrData, StandardCharsets.UTF_8)));
      }
    } else if (command instanceof EscPosCommand.Cut c) {
      // A cut prints what is left in the buffer first.
      Optional<Printed.Line> rest =
          line.length() > 0 || pending.size() > 0 ? Optional.of(endLine()) : Optional.empty();
      return rest.isPresent()
          ? List.of(rest.get(), new Printed.Cut(c.partial()))
          : List.of(new Printed.Cut(c.partial()));
    } else if (command instanceof EscPosCommand.DrawerPulse p) {
      return List.of(new Printed.DrawerPulse(p.pin(), p.onMillis(), p.offMillis()));
    } else if (command instanceof EscPosCommand.StatusRequest r) {
      return List.of(new Printed.StatusAsked(r.kind()));
    }
    return List.of();
  }

  private Printed.Line endLine() {
    flushText();
    Printed.Line printed = new Printed.Line(line.toString(), alignment, bold, width, height);
    line.setLength(0);
    return printed;
  }

  private void flushText() {
    if (pending.size() == 0) {
      return;
    }
    Charset charset = chinese ? CHINESE : SINGLE_BYTE;
    try {
      line.append(
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(pending.toByteArray())));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder cannot fail", e);
    }
    pending.reset();
  }
}
