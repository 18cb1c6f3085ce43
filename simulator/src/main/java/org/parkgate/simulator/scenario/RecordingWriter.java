package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** Writes a recording's folder around a run: the files it ran before, what it did after. */
final class RecordingWriter {
  private RecordingWriter() {}

  /** Copies the scenario, site and tariff files the run uses into {@code dir}. */
  static void copyInputs(Scenario scenario, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.copy(scenario.file(), dir.resolve(Recording.SCENARIO));
    Files.copy(scenario.site(), dir.resolve(Recording.SITE));
    Files.copy(
        SiteCopy.tariffOf(scenario.site(), scenario.tariff()), dir.resolve(Recording.TARIFF));
  }

  static Recording.Manifest manifest(
      Scenario scenario, long cardSeed, Instant startedAt, Path root) {
    return new Recording.Manifest(
        Recording.FORMAT,
        scenario.name(),
        Recording.SCENARIO,
        Recording.SITE,
        Recording.TARIFF,
        cardSeed,
        trafficSeeds(scenario.file()),
        startedAt == null ? null : startedAt.toString(),
        product(root));
  }

  /** Each traffic block's seed, as its parser reads it (1 when the block names none). */
  private static List<Long> trafficSeeds(Path scenario) {
    List<Long> seeds = new ArrayList<>();
    try {
      for (JsonNode block :
          new ObjectMapper(new YAMLFactory()).readTree(scenario.toFile()).path("traffic")) {
        seeds.add(block.path("seed").asLong(1));
      }
    } catch (IOException e) {
      // The run read this file a moment ago; a recording without its seeds still replays.
    }
    return seeds;
  }

  /** The version of the simulator jar the run started, as its manifest gives it. */
  static String product(Path root) {
    Path jar = root.resolve("simulator/target/simulator.jar");
    try (JarFile j = new JarFile(jar.toFile())) {
      String v =
          j.getManifest() == null
              ? null
              : j.getManifest().getMainAttributes().getValue("Implementation-Version");
      return "parkgate " + (v == null ? "(version not in " + jar.getFileName() + ")" : v);
    } catch (IOException e) {
      return "parkgate (no " + jar + ")";
    }
  }

  /**
   * The simulator's wire log as the recording's device traffic: each frame with its offset from the
   * timeline's start in place of its wall-clock time. The number of frames.
   */
  static long deviceTraffic(Path wireLog, Instant start, Path out) throws IOException {
    long frames = 0;
    long startMs = start.toEpochMilli();
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      if (!Files.isRegularFile(wireLog)) {
        return 0;
      }
      try (BufferedReader r = Files.newBufferedReader(wireLog, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          JsonNode f;
          try {
            f = Recording.JSON.readTree(line);
          } catch (IOException e) {
            continue; // a last line cut short as the simulator stopped
          }
          if (f == null || !f.path("epochMs").isIntegralNumber()) {
            continue;
          }
          w.write(
              Recording.line(
                  new Recording.Frame(
                      f.path("epochMs").asLong() - startMs,
                      f.path("lane").asText(),
                      f.path("device").asText(),
                      f.path("dir").asText(),
                      f.path("hex").asText())));
          w.write('\n');
          frames++;
        }
      }
    }
    return frames;
  }

  /** The run's summary as printed, its ledger totals, and last the manifest. */
  static void finish(Path dir, Recording.Manifest manifest, LedgerTotals totals, String summary)
      throws IOException {
    if (summary != null) {
      Files.writeString(dir.resolve(Recording.SUMMARY), summary, StandardCharsets.UTF_8);
    }
    if (totals != null) {
      Recording.write(dir.resolve(Recording.TOTALS), totals);
    }
    Recording.write(dir.resolve(Recording.MANIFEST), manifest);
  }
}
