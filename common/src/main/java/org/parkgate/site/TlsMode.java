package org.parkgate.site;

import java.util.Locale;

/** Whether the controller serves the console API over TLS ({@code controller.tls}). */
public enum TlsMode {
  /** TLS unless bound to loopback, where the demo and a console on the same PC need none. */
  AUTO,
  ON,
  OFF;

  /** {@code auto}, {@code on} or {@code off}; YAML's {@code true}/{@code false} mean on and off. */
  public static TlsMode parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "on", "true" -> ON;
      case "off", "false" -> OFF;
      default -> throw new IllegalArgumentException(text);
    };
  }
}
