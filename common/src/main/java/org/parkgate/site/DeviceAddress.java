package org.parkgate.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a lane device is reached: {@code tcp://host:port} (a serial device server or the
 * simulator), {@code serial:/dev/ttyUSB0?baud=9600&parity=none} (a local serial port) or {@code
 * local:name} (an in-process link, for tests). See {@code docs/hardware.md}.
 */
public sealed interface DeviceAddress {

  record Tcp(String host, int port) implements DeviceAddress {
    @Override
    public String toString() {
      return "tcp://" + host + ":" + port;
    }
  }

  /**
   * A serial port; the options are checked when the address is made (see {@link SerialSettings}).
   */
  record Serial(String device, Map<String, String> options) implements DeviceAddress {
    public Serial {
      options = Map.copyOf(options);
      SerialSettings.from(options);
    }

    public SerialSettings settings() {
      return SerialSettings.from(options);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("serial:").append(device);
      String sep = "?";
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(options).entrySet()) {
        s.append(sep).append(e.getKey()).append('=').append(e.getValue());
        sep = "&";
      }
      return s.toString();
    }
  }

  /**
   * An in-process Netty {@code LocalChannel} link, so tests run the real pipelines without sockets.
   */
  record Local(String name) implements DeviceAddress {
    @Override
    public String toString() {
      return "local:" + name;
    }
  }

  /** Parses an address; the exception message says what is wrong with it. */
  static DeviceAddress parse(String text) {
    if (text.startsWith("tcp://")) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("'" + text + "' is not a valid tcp:// address");
      }
      if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
        throw new IllegalArgumentException(
            "'" + text + "' needs a host and a port 1-65535, e.g. tcp://10.0.0.5:4001");
      }
      if (uri.getPath() != null && !uri.getPath().isEmpty()) {
        throw new IllegalArgumentException("'" + text + "' must not have a path");
      }
      return new Tcp(uri.getHost(), uri.getPort());
    }
    if (text.startsWith("serial:")) {
      String rest = text.substring("serial:".length());
      int q = rest.indexOf('?');
      String device = q < 0 ? rest : rest.substring(0, q);
      if (device.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + text + "' names no serial device, e.g. serial:/dev/ttyUSB0");
      }
      if (!device.startsWith("/")) {
        throw new IllegalArgumentException(
            "'" + text + "': the serial device must be an absolute path, e.g. serial:/dev/ttyUSB0");
      }
      Map<String, String> options = new LinkedHashMap<>();
      if (q >= 0) {
        for (String pair : rest.substring(q + 1).split("&")) {
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException(
                "'" + text + "': option '" + pair + "' is not key=value");
          }
          if (options.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
            throw new IllegalArgumentException(
                "'" + text + "': option '" + pair.substring(0, eq) + "' is given twice");
          }
        }
      }
      try {
        return new Serial(device, options);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
      }
    }
    if (text.startsWith("local:") && text.length() > "local:".length()) {
      return new Local(text.substring("local:".length()));
    }
    throw new IllegalArgumentException(
        "'" + text + "' is neither tcp://host:port nor serial:/dev/... (nor local:name)");
  }
}
