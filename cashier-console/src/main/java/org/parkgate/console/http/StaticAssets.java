package org.parkgate.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The booth UI files, read once from the classpath ({@code /booth/}), and the chart library of the
 * finance page from its WebJar (uPlot, pinned in the parent pom). Only the names listed here are
 * ever served, so no request path can reach any other resource.
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
          Map.entry("finance.html", HTML),
          Map.entry("finance.js", SCRIPT),
          Map.entry("finance.css", "text/css; charset=utf-8"),
          Map.entry("favicon.svg", "image/svg+xml"));

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  /** The WebJar's files served under our own names: {@code /assets/uplot.js} and its CSS. */
  private static final Map<String, String> CHARTS =
      Map.of("uplot.js", "dist/uPlot.iife.min.js", "uplot.css", "dist/uPlot.min.css");

  private static final String UPLOT = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

  StaticAssets() {
    TYPES.forEach((name, type) -> assets.put(name, new Asset(type, read("/booth/" + name))));
    // How a report's cells read, as on head office's finance page: common's, served by both.
    assets.put("report-cells.js", new Asset(SCRIPT, read("/org/parkgate/report/report-cells.js")));
    String root = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/";
    assets.put("uplot.js", new Asset(SCRIPT, read(root + CHARTS.get("uplot.js"))));
    assets.put(
        "uplot.css", new Asset("text/css; charset=utf-8", read(root + CHARTS.get("uplot.css"))));
  }

  /** The uPlot WebJar's version, as its own pom.properties says, so the pom names it once. */
  private static String uplotVersion() {
    java.util.Properties p = new java.util.Properties();
    try (InputStream in = StaticAssets.class.getResourceAsStream("/" + UPLOT)) {
      if (in == null) {
        throw new IllegalStateException("the uPlot WebJar is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  Optional<Asset> get(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  String text(String name) {
    return new String(assets.get(name).body(), StandardCharsets.UTF_8);
  }

  private static byte[] read(String path) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("booth asset missing from the classpath: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Asset(String contentType, byte[] body) {}
}
