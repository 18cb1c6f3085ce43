package org.parkgate.device.escpos;

import java.util.Optional;

/** Justification set with {@code ESC a n}. */
public enum Alignment {
  LEFT(0),
  CENTER(1),
  RIGHT(2);

  private final int code;

  Alignment(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Printers take both 0-2 and the ASCII digits '0'-'2'. */
  public static Optional<Alignment> from(int n) {
    int code = n >= '0' ? n - '0' : n;
    for (Alignment a : values()) {
      if (a.code == code) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
