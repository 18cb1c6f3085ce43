package org.parkgate.device.escpos;

import java.util.Optional;

/** What a real-time status request {@code DLE EOT n} asks for. */
public enum StatusKind {
  /** n=1: printer status (drawer kick-out connector pin 3, online or offline). */
  PRINTER(1),
  /** n=2: why the printer is offline (cover open, paper end, error). */
  OFFLINE_CAUSE(2),
  /** n=3: error status (cutter, unrecoverable, recoverable). */
  ERROR_CAUSE(3),
  /** n=4: roll paper sensors (near end, end). */
  PAPER(4);

  private final int code;

  StatusKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<StatusKind> from(int n) {
    for (StatusKind k : values()) {
      if (k.code == n) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
