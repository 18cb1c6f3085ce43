package org.parkgate.device.escpos;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * ESC/POS bytes of each {@link EscPosCommand}, as Epson-compatible receipt printers read them (see
 * docs/protocols.md):
 *
 * <pre>
 * ESC @          1B 40                  initialize
 * LF             0A                     print and feed a line
 * ESC d n        1B 64 n                print and feed n lines
 * ESC a n        1B 61 n                align: 0 left, 1 centre, 2 right
 * ESC E n        1B 45 n                emphasis off/on
 * GS ! n         1D 21 n                size: (width-1) &lt;&lt; 4 | (height-1)
 * FS &amp; / FS .    1C 26 / 1C 2E          Chinese (GB18030) mode on / off
 * GS ( k         1D 28 6B pL pH 31 fn … QR code: model (41), size (43), level (45),
 *                                       store (50 30 data), print (51 30)
 * GS V m         1D 56 m                cut: 0 full, 1 partial
 * ESC p m t1 t2  1B 70 m t1 t2          drawer pulse, pin 2 (m=0) or 5 (m=1), t in 2 ms
 * DLE EOT n      10 04 n                real-time status request, n = 1-4
 * </pre>
 */
public final class EscPosCodec {
  static final int LF = 0x0A;
  static final int CR = 0x0D;
  static final int ESC = 0x1B;
  static final int GS = 0x1D;
  static final int FS = 0x1C;
  static final int DLE = 0x10;
  static final int EOT = 0x04;
  static final int DC4 = 0x14;

  /** QR data the {@code GS ( k} store function takes at most (model 2, level L, bytes). */
  public static final int MAX_QR_DATA = 7089;

  private EscPosCodec() {}

  public static byte[] encode(List<? extends EscPosCommand> commands) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (EscPosCommand c : commands) {
      out.writeBytes(encode(c));
    }
    return out.toByteArray();
  }

  public static byte[] encode(EscPosCommand command) {
    if (command instanceof EscPosCommand.Initialize) {
      return bytes(ESC, '@');
    } else if (command instanceof EscPosCommand.Text t) {
      return text(t.bytes());
    } else if (command instanceof EscPosCommand.LineFeed) {
      return bytes(LF);
    } else if (command instanceof EscPosCommand.FeedLines f) {
      return bytes(ESC, 'd', checked(f.lines(), 0, 255, "lines"));
    } else if (command instanceof EscPosCommand.Align a) {
      return bytes(ESC, 'a', a.alignment().code());
    } else if (command instanceof EscPosCommand.CharacterSize s) {
      return bytes(GS, '!', (s.width() - 1) << 4 | (s.height() - 1));
    } else if (command instanceof EscPosCommand.Emphasis e) {
      return bytes(ESC, 'E', e.on() ? 1 : 0);
    } else if (command instanceof EscPosCommand.ChineseMode c) {
      return bytes(FS, c.on() ? '&' : '.');
    } else if (command instanceof EscPosCommand.QrModel m) {
      return qr(0x41, checked(m.model(), 1, 2, "QR model") + 48, 0);
    } else if (command instanceof EscPosCommand.QrSize s) {
      return qr(0x43, checked(s.dots(), 1, 16, "QR module size"));
    } else if (command instanceof EscPosCommand.QrErrorLevel l) {
      return qr(0x45, l.level().code());
    } else if (command instanceof EscPosCommand.QrStore s) {
      return qrStore(s.data());
    } else if (command instanceof EscPosCommand.QrPrint) {
      return qr(0x51, 0x30);
    } else if (command instanceof EscPosCommand.Cut c) {
      return bytes(GS, 'V', c.partial() ? 1 : 0);
    } else if (command instanceof EscPosCommand.DrawerPulse p) {
      return bytes(ESC, 'p', p.pin() == 2 ? 0 : 1, p.onMillis() / 2, p.offMillis() / 2);
    } else if (command instanceof EscPosCommand.StatusRequest r) {
      return bytes(DLE, EOT, r.kind().code());
    }
    throw new IllegalArgumentException(
        command.getClass().getSimpleName() + " has no bytes of its own");
  }

  private static byte[] text(byte[] text) {
    for (byte b : text) {
      if ((b & 0xFF) < 0x20) {
        throw new IllegalArgumentException(
            String.format("text holds control byte 0x%02X; use LineFeed and the commands", b));
      }
    }
    return text;
  }

  private static byte[] qr(int function, int... parameters) {
    int length = 2 + parameters.length;
    byte[] out = new byte[5 + length];
    out[0] = GS;
    out[1] = '(';
    out[2] = 'k';
    out[3] = (byte) length;
    out[4] = 0;
    out[5] = 0x31;
    out[6] = (byte) function;
    for (int i = 0; i < parameters.length; i++) {
      out[7 + i] = (byte) parameters[i];
    }
    return out;
  }

  private static byte[] qrStore(byte[] data) {
    if (data.length == 0 || data.length > MAX_QR_DATA) {
      throw new IllegalArgumentException(
          "QR data is 1-" + MAX_QR_DATA + " bytes, not " + data.length);
    }
    int length = data.length + 3;
    byte[] out = new byte[5 + length];
    out[0] = GS;
    out[1] = '(';
    out[2] = 'k';
    out[3] = (byte) (length & 0xFF);
    out[4] = (byte) (length >> 8);
    out[5] = 0x31;
    out[6] = 0x50;
    out[7] = 0x30;
    System.arraycopy(data, 0, out, 8, data.length);
    return out;
  }

  private static int checked(int value, int min, int max, String what) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " is " + min + "-" + max + ", not " + value);
    }
    return value;
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
