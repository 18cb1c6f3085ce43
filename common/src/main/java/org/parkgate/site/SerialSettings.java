package org.parkgate.site;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a serial port is set up: the options of a {@code serial:} device address. Defaults are the
 * usual ones for Modbus RTU I/O modules and card readers: 9600 baud, 8 data bits, no parity, one
 * stop bit (8N1).
 */
public record SerialSettings(int baud, Parity parity, int dataBits, StopBits stopBits) {

  /** Rates that UARTs, USB adapters and serial device servers all support. */
  public static final List<Integer> BAUD_RATES =
      List.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400);

  // After BAUD_RATES: the constructor checks against it.
  public static final SerialSettings DEFAULT =
      new SerialSettings(9600, Parity.NONE, 8, StopBits.ONE);

  static final Set<String> KEYS = Set.of("baud", "parity", "dataBits", "stopBits");

  public enum Parity {
    NONE,
    ODD,
    EVEN,
    MARK,
    SPACE
  }

  public enum StopBits {
    ONE("1"),
    ONE_AND_HALF("1.5"),
    TWO("2");

    private final String text;

    StopBits(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  public SerialSettings {
    if (!BAUD_RATES.contains(baud)) {
      throw new IllegalArgumentException("baud " + baud + " is not one of " + BAUD_RATES);
    }
    if (dataBits < 5 || dataBits > 8) {
      throw new IllegalArgumentException("dataBits " + dataBits + " is not 5-8");
    }
  }

  /**
   * Reads the options of a serial address; the message of the exception names the option and what
   * is wrong with it.
   */
  public static SerialSettings from(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown option '" + key + "' (known: baud, parity, dataBits, stopBits)");
      }
    }
    int baud = number(options, "baud", DEFAULT.baud);
    if (!BAUD_RATES.contains(baud)) {
      throw new IllegalArgumentException(
          "baud=" + options.get("baud") + " is not one of " + BAUD_RATES);
    }
    Parity parity = DEFAULT.parity;
    if (options.containsKey("parity")) {
      String p = options.get("parity");
      try {
        parity = Parity.valueOf(p.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "parity=" + p + " is not one of none, odd, even, mark, space");
      }
    }
    int dataBits = number(options, "dataBits", DEFAULT.dataBits);
    if (dataBits < 5 || dataBits > 8) {
      throw new IllegalArgumentException("dataBits=" + options.get("dataBits") + " is not 5-8");
    }
    StopBits stop = DEFAULT.stopBits;
    if (options.containsKey("stopBits")) {
      String s = options.get("stopBits");
      stop =
          java.util.Arrays.stream(StopBits.values())
              .filter(b -> b.text.equals(s))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalArgumentException("stopBits=" + s + " is not 1, 1.5 or 2"));
    }
    return new SerialSettings(baud, parity, dataBits, stop);
  }

  private static int number(Map<String, String> options, String key, int fallback) {
    String text = options.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + text + " is not a number");
    }
  }

  /** Bits on the line per character: start bit, data bits, parity bit if any, stop bits. */
  public double bitsPerCharacter() {
    double stop =
        switch (stopBits) {
          case ONE -> 1;
          case ONE_AND_HALF -> 1.5;
          case TWO -> 2;
        };
    return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stop;
  }

  /** How long {@code bytes} characters take on the wire at this baud rate. */
  public long wireNanos(int bytes) {
    return Math.round(bytes * bitsPerCharacter() * 1e9 / baud);
  }

  /**
   * The silence that must separate two Modbus RTU frames: 3.5 character times, or 1.75 ms above
   * 19200 baud, as Modbus over Serial Line V1.02 section 2.5.1.1 fixes it.
   */
  public long interFrameGapNanos() {
    return baud > 19200 ? 1_750_000 : Math.round(3.5 * bitsPerCharacter() * 1e9 / baud);
  }
}
