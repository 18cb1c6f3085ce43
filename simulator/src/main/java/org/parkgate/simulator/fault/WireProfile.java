package org.parkgate.simulator.fault;

import java.util.function.IntPredicate;
import org.parkgate.wire.XorCheck;

/**
 * What faults look like on one protocol: how a frame is damaged so that it fails its check, and
 * which bytes line noise is made of.
 */
public enum WireProfile {
  /** Modbus RTU: a changed CRC high byte; noise is any byte. */
  MODBUS_RTU(b -> true) {
    @Override
    byte[] damage(byte[] frame, DeviceFaults random) {
      frame[frame.length - 1] ^= (byte) (1 + random.nextInt(255));
      return frame;
    }
  },
  /** STX card frames: the two check characters name a different, wrong, value. */
  STX_CARD(b -> true) {
    @Override
    byte[] damage(byte[] frame, DeviceFaults random) {
      int check = frame.length - 3;
      int value =
          (XorCheck.hexDigit(frame[check]) << 4 | XorCheck.hexDigit(frame[check + 1]))
              ^ (1 + random.nextInt(255));
      XorCheck.writeHex(value, frame, check);
      return frame;
    }
  },
  /**
   * ASCII card lines have no check, so a "bad check" is one character of the number garbled into a
   * byte that is not a letter or digit, and the controller drops the line. Noise avoids letters,
   * digits and line ends for the same reason: noise that could pass for part of a card number would
   * forge a different card, which tests the tariff rather than the link.
   */
  ASCII_LINE(b -> !(Character.isLetterOrDigit(b) && b < 0x80) && b != '\r' && b != '\n') {
    @Override
    byte[] damage(byte[] frame, DeviceFaults random) {
      int text = frame.length - 2; // the number, then CR LF
      frame[random.nextInt(text)] = (byte) noiseByte(random);
      return frame;
    }
  },
  /**
   * Plate camera frames: one of the four CRC characters before ETX names another hex digit. Noise
   * is any byte: a stray STX cannot hold a real frame back, as the real frame's own STX is a
   * control byte the parser refuses inside a payload.
   */
  CAMERA(b -> true) {
    @Override
    byte[] damage(byte[] frame, DeviceFaults random) {
      int at = frame.length - 5 + random.nextInt(4);
      int digit = (XorCheck.hexDigit(frame[at]) + 1 + random.nextInt(15)) & 0xF;
      frame[at] = (byte) "0123456789ABCDEF".charAt(digit);
      return frame;
    }
  },
  /** A display sends nothing, so nothing of its own is damaged. */
  NONE(b -> true) {
    @Override
    byte[] damage(byte[] frame, DeviceFaults random) {
      return frame;
    }
  };

  static final int MAX_NOISE = 8;
  private final IntPredicate noise;

  WireProfile(IntPredicate noise) {
    this.noise = noise;
  }

  /** Damages {@code frame} in place so that the receiver refuses it, and returns it. */
  abstract byte[] damage(byte[] frame, DeviceFaults random);

  /** A burst of 1-8 noise bytes. */
  byte[] noiseBurst(DeviceFaults random) {
    byte[] burst = new byte[1 + random.nextInt(MAX_NOISE)];
    for (int i = 0; i < burst.length; i++) {
      burst[i] = (byte) noiseByte(random);
    }
    return burst;
  }

  int noiseByte(DeviceFaults random) {
    int b;
    do {
      b = random.nextInt(256);
    } while (!noise.test(b));
    return b;
  }
}
