package org.parkgate.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a lane device is reached: {@code tcp://host:port} (a serial device server or the
 * simulator) or {@code serial:/dev/ttyUSB0?baud=9600&parity=none} (a local serial port).
 */
public sealed interface DeviceAddress {

  record Tcp(String host, int port) implements DeviceAddress {
    @Override
    public String toString() {
      return "tcp://" + host + ":" + port;
    }
  }

  record Serial(String device, Map<String, String> options) implements DeviceAddress {
    public Serial {
      options = Map.copyOf(options);
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
        throw new IllegalArgumentException("'" + text + "' needs a host and a port 1-65535, e.g. tcp://10.0.0.5:4001");
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
        throw new IllegalArgumentException("'" + text + "' names no serial device, e.g. serial:/dev/ttyUSB0");
      }
      Map<String, String> options = new LinkedHashMap<>();
      if (q >= 0) {
        for (String pair : rest.substring(q + 1).split("&")) {
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("'" + text + "': option '" + pair + "' is not key=value");
          }
          options.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      return new Serial(device, options);
    }
    throw new IllegalArgumentException("'" + text + "' is neither tcp://host:port nor serial:/dev/...");
  }
}
