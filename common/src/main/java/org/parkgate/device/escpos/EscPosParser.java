package org.parkgate.device.escpos;

import static org.parkgate.device.escpos.EscPosCodec.DC4;
import static org.parkgate.device.escpos.EscPosCodec.DLE;
import static org.parkgate.device.escpos.EscPosCodec.EOT;
import static org.parkgate.device.escpos.EscPosCodec.ESC;
import static org.parkgate.device.escpos.EscPosCodec.FS;
import static org.parkgate.device.escpos.EscPosCodec.GS;
import static org.parkgate.device.escpos.EscPosCodec.LF;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.Parse;

/**
 * Finds ESC/POS commands ({@link EscPosCodec}) on a byte stream, as a printer reads them. Text runs
 * until the next control byte (GB18030 never uses bytes below 0x20), so a run is complete only when
 * that byte arrives, or at {@link #MAX_TEXT} bytes; whatever way the stream was split, the same
 * commands come out. A command with a length ({@code GS ( k}) is taken whole by its length. An
 * unknown command byte is dropped and the scan goes on, as a printer would print what follows.
 */
public final class EscPosParser implements FrameParser<EscPosCommand> {
  /** The longest text run returned as one command; longer runs come as several. */
  public static final int MAX_TEXT = 512;

  /** Commands of fixed length that receipts do not need: their total length in bytes. */
  private static final Map<Integer, Integer> IGNORED_ESC =
      Map.ofEntries(
          Map.entry((int) '!', 3), // print mode
          Map.entry((int) '-', 3), // underline
          Map.entry((int) '2', 2), // default line spacing
          Map.entry((int) '3', 3), // line spacing
          Map.entry((int) 'J', 3), // feed n dots
          Map.entry((int) 'M', 3), // font
          Map.entry((int) 'R', 3), // international character set
          Map.entry((int) 't', 3), // code page
          Map.entry((int) '{', 3)); // upside down

  private static final Map<Integer, Integer> IGNORED_GS =
      Map.ofEntries(
          Map.entry((int) 'B', 3), // reverse
          Map.entry((int) 'L', 4), // left margin
          Map.entry((int) 'W', 4), // print area width
          Map.entry((int) 'h', 3), // barcode height
          Map.entry((int) 'w', 3), // barcode width
          Map.entry((int) 'H', 3), // HRI position
          Map.entry((int) 'a', 3)); // automatic status back

  @Override
  public Parse<EscPosCommand> parse(ByteBuf in) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    int first = in.getUnsignedByte(start);
    if (first >= 0x20) {
      return text(in, start, available);
    }
    if (first == LF) {
      return Parse.frame(new EscPosCommand.LineFeed(), 1);
    }
    if (first == EscPosCodec.CR) {
      return Parse.frame(new EscPosCommand.Ignored("CR"), 1);
    }
    if (available < 2) {
      return first == ESC || first == GS || first == FS || first == DLE
          ? Parse.needMore()
          : Parse.invalid(String.format("control byte 0x%02X starts no command", first));
    }
    int second = in.getUnsignedByte(start + 1);
    if (first == ESC) {
      return esc(in, start, available, second);
    }
    if (first == GS) {
      return gs(in, start, available, second);
    }
    if (first == FS) {
      return switch (second) {
        case '&' -> Parse.frame(new EscPosCommand.ChineseMode(true), 2);
        case '.' -> Parse.frame(new EscPosCommand.ChineseMode(false), 2);
        case '!', '-' -> fixed(available, 3, "FS " + (char) second);
        default -> Parse.invalid(String.format("unknown command FS 0x%02X", second));
      };
    }
    if (first == DLE) {
      return dle(in, start, available, second);
    }
    return Parse.invalid(String.format("control byte 0x%02X starts no command", first));
  }

  private static Parse<EscPosCommand> text(ByteBuf in, int start, int available) {
    int end = Math.min(available, MAX_TEXT);
    for (int i = 1; i < end; i++) {
      if (in.getUnsignedByte(start + i) < 0x20) {
        return Parse.frame(new EscPosCommand.Text(bytes(in, start, i)), i);
      }
    }
    if (available >= MAX_TEXT) {
      return Parse.frame(new EscPosCommand.Text(bytes(in, start, MAX_TEXT)), MAX_TEXT);
    }
    return Parse.needMore();
  }

  private static Parse<EscPosCommand> esc(ByteBuf in, int start, int available, int second) {
    switch (second) {
      case '@':
        return Parse.frame(new EscPosCommand.Initialize(), 2);
      case 'd':
        if (available < 3) {
          return Parse.needMore();
        }
        return Parse.frame(new EscPosCommand.FeedLines(in.getUnsignedByte(start + 2)), 3);
      case 'a':
        if (available < 3) {
          return Parse.needMore();
        }
        int n = in.getUnsignedByte(start + 2);
        return Alignment.from(n)
            .<Parse<EscPosCommand>>map(a -> Parse.frame(new EscPosCommand.Align(a), 3))
            .orElseGet(() -> Parse.invalid("ESC a " + n + " is no alignment"));
      case 'E':
        if (available < 3) {
          return Parse.needMore();
        }
        return Parse.frame(new EscPosCommand.Emphasis((in.getUnsignedByte(start + 2) & 1) == 1), 3);
      case 'p':
        if (available < 5) {
          return Parse.needMore();
        }
        int m = in.getUnsignedByte(start + 2);
        if (m != 0 && m != 1 && m != '0' && m != '1') {
          return Parse.invalid("ESC p " + m + " names no drawer pin");
        }
        return Parse.frame(
            new EscPosCommand.DrawerPulse(
                (m & 1) == 0 ? 2 : 5,
                in.getUnsignedByte(start + 3) * 2,
                in.getUnsignedByte(start + 4) * 2),
            5);
      default:
        Integer length = IGNORED_ESC.get(second);
        if (length == null) {
          return Parse.invalid(String.format("unknown command ESC 0x%02X", second));
        }
        return fixed(available, length, "ESC " + (char) second);
    }
  }

  private static Parse<EscPosCommand> gs(ByteBuf in, int start, int available, int second) {
    if (second == '!') {
      if (available < 3) {
        return Parse.needMore();
      }
      int n = in.getUnsignedByte(start + 2);
      if ((n & 0x88) != 0) {
        return Parse.invalid("GS ! " + n + " is no character size");
      }
      return Parse.frame(new EscPosCommand.CharacterSize((n >> 4) + 1, (n & 7) + 1), 3);
    }
    if (second == 'V') {
      if (available < 3) {
        return Parse.needMore();
      }
      int m = in.getUnsignedByte(start + 2);
      return switch (m) {
        case 0, '0' -> Parse.frame(new EscPosCommand.Cut(false), 3);
        case 1, '1' -> Parse.frame(new EscPosCommand.Cut(true), 3);
        // Feed n then cut.
        case 65, 66 ->
            available < 4 ? Parse.needMore() : Parse.frame(new EscPosCommand.Cut(m == 66), 4);
        default -> Parse.invalid("GS V " + m + " is no cut");
      };
    }
    if (second == '(') {
      return functions(in, start, available);
    }
    Integer length = IGNORED_GS.get(second);
    if (length == null) {
      return Parse.invalid(String.format("unknown command GS 0x%02X", second));
    }
    return fixed(available, length, "GS " + (char) second);
  }

  /** {@code GS ( k pL pH cn fn ...}: the QR code functions; other symbols are skipped whole. */
  private static Parse<EscPosCommand> functions(ByteBuf in, int start, int available) {
    if (available < 5) {
      return Parse.needMore();
    }
    if (in.getUnsignedByte(start + 2) != 'k') {
      return Parse.invalid(String.format("unknown command GS ( 0x%02X", in.getByte(start + 2)));
    }
    int length = in.getUnsignedByte(start + 3) | in.getUnsignedByte(start + 4) << 8;
    if (length < 2 || length > EscPosCodec.MAX_QR_DATA + 3) {
      return Parse.invalid("GS ( k length " + length + " is out of range");
    }
    int total = 5 + length;
    if (available < total) {
      return Parse.needMore();
    }
    int cn = in.getUnsignedByte(start + 5);
    int fn = in.getUnsignedByte(start + 6);
    if (cn != 0x31) {
      return Parse.frame(new EscPosCommand.Ignored("2D symbol " + cn), total);
    }
    int p = start + 7;
    return switch (fn) {
      case 0x41 -> {
        int model = in.getUnsignedByte(p) - 48;
        yield length == 4 && (model == 1 || model == 2)
            ? Parse.frame(new EscPosCommand.QrModel(model), total)
            : Parse.invalid("bad QR model");
      }
      case 0x43 -> {
        int dots = in.getUnsignedByte(p);
        yield length == 3 && dots >= 1 && dots <= 16
            ? Parse.frame(new EscPosCommand.QrSize(dots), total)
            : Parse.invalid("bad QR module size");
      }
      case 0x45 ->
          length != 3
              ? Parse.invalid("bad QR error level")
              : QrLevel.from(in.getUnsignedByte(p))
                  .<Parse<EscPosCommand>>map(
                      l -> Parse.frame(new EscPosCommand.QrErrorLevel(l), total))
                  .orElseGet(() -> Parse.invalid("bad QR error level"));
      case 0x50 ->
          length < 4 || in.getUnsignedByte(p) != 0x30
              ? Parse.invalid("bad QR store")
              : Parse.frame(new EscPosCommand.QrStore(bytes(in, p + 1, length - 3)), total);
      case 0x51 ->
          length == 3
              ? Parse.frame(new EscPosCommand.QrPrint(), total)
              : Parse.invalid("bad QR print");
      default -> Parse.frame(new EscPosCommand.Ignored("QR function " + fn), total);
    };
  }

  private static Parse<EscPosCommand> dle(ByteBuf in, int start, int available, int second) {
    if (second == EOT) {
      if (available < 3) {
        return Parse.needMore();
      }
      int n = in.getUnsignedByte(start + 2);
      return StatusKind.from(n)
          .<Parse<EscPosCommand>>map(k -> Parse.frame(new EscPosCommand.StatusRequest(k), 3))
          .orElseGet(() -> Parse.invalid("DLE EOT " + n + " asks for no status"));
    }
    if (second == DC4) {
      // DLE DC4 1 m t: a real-time drawer pulse of t x 100 ms.
      if (available < 5) {
        return Parse.needMore();
      }
      int fn = in.getUnsignedByte(start + 2);
      int m = in.getUnsignedByte(start + 3);
      int t = in.getUnsignedByte(start + 4);
      if (fn != 1 || (m != 0 && m != 1) || t < 1 || t > 8) {
        return Parse.frame(new EscPosCommand.Ignored("DLE DC4 " + fn), 5);
      }
      int millis = Math.min(t * 100, 510);
      return Parse.frame(new EscPosCommand.DrawerPulse(m == 0 ? 2 : 5, millis, millis), 5);
    }
    if (second == 0x05) {
      return fixed(available, 3, "DLE ENQ");
    }
    return Parse.invalid(String.format("unknown command DLE 0x%02X", second));
  }

  private static Parse<EscPosCommand> fixed(int available, int length, String what) {
    return available < length
        ? Parse.needMore()
        : Parse.frame(new EscPosCommand.Ignored(what), length);
  }

  private static byte[] bytes(ByteBuf in, int index, int length) {
    byte[] out = new byte[length];
    in.getBytes(index, out);
    return out;
  }

  @Override
  public int maxFrameLength() {
    return 5 + EscPosCodec.MAX_QR_DATA + 3;
  }
}
