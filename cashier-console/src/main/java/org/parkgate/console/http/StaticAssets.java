package org.parkgate.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The booth UI files, read once from the classpath ({@code /booth/}). Only the names listed here
 * are ever served, so no request path can reach any other resource.
 */
final class StaticAssets {
  private static final Map<String, String> TYPES =
      Map.of(
          "booth.html", "text/html; charset=utf-8",
          "login.html", "text/html; charset=utf-8",
          "booth.css", "text/css; charset=utf-8",
          "booth.js", "text/javascript; charset=utf-8",
          "lostcard.js", "text/javascript; charset=utf-8",
          "text.js", "text/javascript; charset=utf-8",
          "login.js", "text/javascript; charset=utf-8",
          "alarm.js", "text/javascript; charset=utf-8",
          "shift.js", "text/javascript; charset=utf-8",
          "favicon.svg", "image/svg+xml");

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  StaticAssets() {
    TYPES.forEach((name, type) -> assets.put(name, new Asset(type, read(name))));
  }

  Optional<Asset> get(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  String text(String name) {
    return new String(assets.get(name).body(), StandardCharsets.UTF_8);
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticAssets.class.getResourceAsStream("/booth/" + name)) {
      if (in == null) {
        throw new IllegalStateException("booth asset missing from the jar: /booth/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Asset(String contentType, byte[] body) {}
}
