package org.parkgate.device.escpos;

import java.util.Optional;

/** QR code error correction level, {@code GS ( k ... 49 69 n} with n = 48-51. */
public enum QrLevel {
  L(48),
  M(49),
  Q(50),
  H(51);

  private final int code;

  QrLevel(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<QrLevel> from(int n) {
    for (QrLevel l : values()) {
      if (l.code == n) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
