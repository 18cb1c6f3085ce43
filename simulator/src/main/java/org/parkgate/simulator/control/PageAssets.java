package org.parkgate.simulator.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lane page's files, read once from the classpath ({@code /lanepage/}). Only the paths listed
 * here are served, so no request can reach any other resource.
 */
final class PageAssets {
  private static final String HTML = "text/html; charset=utf-8";

  private static final String ICON = "image/svg+xml";

  /** A file of the page and how it is sent. */
  private record PageFile(String name, String contentType) {}

  /** Request path to the file it serves. */
  private static final Map<String, PageFile> PATHS =
      Map.of(
          "/", new PageFile("lanes.html", HTML),
          "/lanes.html", new PageFile("lanes.html", HTML),
          "/assets/lanes.js", new PageFile("lanes.js", "text/javascript; charset=utf-8"),
          "/assets/lanes.css", new PageFile("lanes.css", "text/css; charset=utf-8"),
          "/favicon.ico", new PageFile("favicon.svg", ICON),
          "/assets/favicon.svg", new PageFile("favicon.svg", ICON));

  private final Map<String, Asset> assets;

  PageAssets() {
    Map<String, Asset> read = new HashMap<>();
    PATHS.forEach(
        (path, file) ->
            read.put(path, new Asset(file.contentType(), read("/lanepage/" + file.name()))));
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
