package org.parkgate.tls;

import java.util.Locale;

/**
 * Whether a host as written in a site file is the loopback interface. Only {@code localhost} and
 * loopback address literals count: a name is never looked up, since what it resolves to can change
 * after the check.
 */
public final class Loopback {
  private Loopback() {}

  public static boolean is(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }
}
