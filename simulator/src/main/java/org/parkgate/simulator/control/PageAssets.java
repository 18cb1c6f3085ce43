package org.parkgate.simulator.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The lane page's files, read once from the classpath ({@code /lanepage/}). Only the paths listed
 * here are served, so no request can reach any other resource.
 */
final class PageAssets {
  private static final String HTML = "text/html; charset=utf-8";

  /** Request path to file name and content type. */
  private static final Map<String, String[]> PATHS =
      Map.of(
          "/", new String[] {"lanes.html", HTML},
          "/lanes.html", new String[] {"lanes.html", HTML},
          "/assets/lanes.js", new String[] {"lanes.js", "text/javascript; charset=utf-8"},
          "/assets/lanes.css", new String[] {"lanes.css", "text/css; charset=utf-8"},
          "/favicon.ico", new String[] {"favicon.svg", "image/svg+xml"},
          "/assets/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});

  private final Map<String, Asset> assets;

  PageAssets() {
    Map<String, Asset> read = new java.util.HashMap<>();
    PATHS.forEach((path, file) -> read.put(path, new Asset(file[1], read("/lanepage/" + file[0]))));
    assets = Map.copyOf(read);
  }

  Optional<Asset> get(String path) {
    return Optional.ofNullable(assets.get(path));
  }

  private static byte[] read(String path) {
    try (InputStream in = PageAssets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("lane page file missing from the classpath: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Asset(String contentType, byte[] body) {}
}
