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
  private static final String HTML = "text/html; charset=utf-8";
  private static final String SCRIPT = "text/javascript; charset=utf-8";
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("booth.html", HTML),
          Map.entry("login.html", HTML),
          Map.entry("booth.css", "text/css; charset=utf-8"),
          Map.entry("booth.js", SCRIPT),
          Map.entry("lostcard.js", SCRIPT),
          Map.entry("text.js", SCRIPT),
          Map.entry("login.js", SCRIPT),
          Map.entry("alarm.js", SCRIPT),
          Map.entry("shift.js", SCRIPT),
          Map.entry("vouchers.js", SCRIPT),
          Map.entry("favicon.svg", "image/svg+xml"));

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
