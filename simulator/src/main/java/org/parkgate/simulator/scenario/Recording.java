package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A recorded run's folder, file by file (docs/simulator.md, "Recording and replay"): the manifest,
 * the scenario, site and tariff files it ran, the actions the runner carried out, the frames on the
 * device links, and the run's summary and ledger totals. Reading one checks every file and line;
 * the first problem names the file and line.
 */
record Recording(
    Path dir, Manifest manifest, List<Action> actions, long frames, LedgerTotals totals) {
  /** The format this version writes and reads. */
  static final int FORMAT = 1;

  static final String MANIFEST = "manifest.json";
  static final String SCENARIO = "scenario.yaml";
  static final String SITE = "site.yaml";
  static final String TARIFF = "tariff.yaml";
  static final String ACTIONS = "actions.jsonl";
  static final String TRAFFIC = "device-traffic.jsonl";
  static final String SUMMARY = "summary.txt";
  static final String TOTALS = "totals.json";

  static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  Recording {
    actions = List.copyOf(actions);
  }

  /**
   * What the run was: the scenario's name, its files as copied in, the card-number seed the
   * simulator ran with and each traffic block's seed, when it started and what product ran it.
   */
  record Manifest(
      int format,
      String scenario,
      String scenarioFile,
      String siteFile,
      String tariffFile,
      long cardSeed,
      List<Long> trafficSeeds,
      String startedAt,
      String product) {}

  /**
   * One call the runner made, as it was carried out: when (ms from the timeline's start), for which
   * step (its line and words) and vehicle, to which process, what was sent, and what came back (the
   * simulator's HTTP status; the refusal in words, null when done; the answer).
   */
  record Action(
      long offsetMs,
      Integer step,
      String does,
      String vehicle,
      String to,
      String method,
      String path,
      JsonNode body,
      Integer status,
      String refused,
      JsonNode answer) {
    Action {
      // JSON's null reads as a NullNode: no body is no body.
      body = body == null || body.isNull() ? null : body;
      answer = answer == null || answer.isNull() ? null : answer;
    }

    boolean changes() {
      return !method.equals("GET");
    }
  }

  /** One frame on a device link: ms from the timeline's start (before it: negative). */
  record Frame(long offsetMs, String lane, String device, String dir, String hex) {}

  /** A value as one line of JSON. */
  static String line(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value, e);
    }
  }

  /** Writes {@code value} as indented JSON to {@code file}. */
  static void write(Path file, Object value) throws IOException {
    PRETTY.writeValue(file.toFile(), value);
  }

  /**
   * Refuses a folder to record into that is a file or holds anything: a recording never mixes with
   * another's files.
   */
  static void refuseUnlessEmpty(Path dir) throws ScenarioException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ScenarioException("--record " + dir + ": is a file, not a folder");
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> in = Files.list(dir)) {
        if (in.findAny().isPresent()) {
          throw new ScenarioException(
              "--record " + dir + ": the folder is not empty; name a new or empty folder");
        }
      } catch (IOException e) {
        throw new ScenarioException("--record " + dir + ": cannot be read: " + e.getMessage());
      }
    }
  }

  /** Reads and checks the recording in {@code dir}. */
  static Recording read(Path dir) throws BadRecording {
    if (!Files.isDirectory(dir)) {
      throw new BadRecording(dir + ": no such folder");
    }
    Manifest manifest = manifest(dir);
    for (String f :
        List.of(manifest.scenarioFile(), manifest.siteFile(), manifest.tariffFile(), ACTIONS)) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new BadRecording(dir.resolve(f) + ": no such file");
      }
    }
    List<Action> actions = new ArrayList<>();
    eachLine(dir.resolve(ACTIONS), (node, where) -> actions.add(action(node, where)));
    long[] frames = {0};
    if (Files.isRegularFile(dir.resolve(TRAFFIC))) {
      eachLine(
          dir.resolve(TRAFFIC),
          (node, where) -> {
            frame(node, where);
            frames[0]++;
          });
    }
    Path totals = dir.resolve(TOTALS);
    if (!Files.isRegularFile(totals)) {
      throw new BadRecording(totals + ": no such file (the recorded run did not finish)");
    }
    LedgerTotals t;
    try {
      t = JSON.readValue(totals.toFile(), LedgerTotals.class);
    } catch (IOException e) {
      throw new BadRecording(totals + ": not valid ledger totals: " + firstLine(e));
    }
    return new Recording(dir, manifest, actions, frames[0], t);
  }

  private static Manifest manifest(Path dir) throws BadRecording {
    Path file = dir.resolve(MANIFEST);
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new BadRecording(file + ": no such file (is " + dir + " a recording?)");
    } catch (IOException e) {
      throw new BadRecording(file + ": not valid JSON: " + firstLine(e));
    }
    if (node == null || !node.path("format").isInt()) {
      throw new BadRecording(file + ": no format number");
    }
    if (node.path("format").asInt() != FORMAT) {
      throw new BadRecording(
          file
              + ": format "
              + node.path("format").asInt()
              + "; this version reads format "
              + FORMAT);
    }
    try {
      Manifest m = JSON.treeToValue(node, Manifest.class);
      for (String f : new String[] {m.scenarioFile(), m.siteFile(), m.tariffFile()}) {
        if (f == null || f.isBlank() || Path.of(f).isAbsolute() || f.contains("..")) {
          throw new BadRecording(file + ": a file of the recording is missing or outside it");
        }
      }
      return m;
    } catch (JsonProcessingException e) {
      throw new BadRecording(file + ": " + firstLine(e));
    }
  }

  private interface LineReader {
    void read(JsonNode node, String where) throws BadRecording;
  }

  /** Each line of a JSON-lines file as a JSON object; a damaged one is named by file and line. */
  private static void eachLine(Path file, LineReader reader) throws BadRecording {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int n = 0;
      while ((text = in.readLine()) != null) {
        n++;
        String where = file + ":" + n;
        if (text.isBlank()) {
          throw new BadRecording(where + ": damaged line: empty");
        }
        JsonNode node;
        try {
          node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          throw new BadRecording(where + ": damaged line: not valid JSON (" + firstLine(e) + ")");
        }
        if (node == null || !node.isObject()) {
          throw new BadRecording(where + ": damaged line: not a JSON object");
        }
        reader.read(node, where);
      }
    } catch (IOException e) {
      throw new BadRecording(file + ": cannot be read: " + e.getMessage());
    }
  }

  private static Action action(JsonNode node, String where) throws BadRecording {
    need(node, where, "offsetMs", JsonNode::isIntegralNumber, "a whole number of ms");
    for (String key : List.of("to", "method", "path")) {
      need(node, where, key, JsonNode::isTextual, "text");
    }
    String to = node.path("to").asText();
    if (!to.equals(Calls.SIMULATOR) && !to.equals(Calls.CONTROLLER)) {
      throw new BadRecording(
          where + ": damaged line: to '" + to + "' is neither simulator nor controller");
    }
    try {
      return JSON.treeToValue(node, Action.class);
    } catch (JsonProcessingException e) {
      throw new BadRecording(where + ": damaged line: " + firstLine(e));
    }
  }

  private static void frame(JsonNode node, String where) throws BadRecording {
    need(node, where, "offsetMs", JsonNode::isIntegralNumber, "a whole number of ms");
    for (String key : List.of("lane", "device", "dir", "hex")) {
      need(node, where, key, JsonNode::isTextual, "text");
    }
    if (!node.path("hex").asText().matches("([0-9a-f]{2})*")) {
      throw new BadRecording(where + ": damaged line: hex is not pairs of hex digits");
    }
  }

  private static void need(
      JsonNode node,
      String where,
      String key,
      java.util.function.Predicate<JsonNode> ok,
      String what)
      throws BadRecording {
    if (!node.has(key) || !ok.test(node.get(key))) {
      throw new BadRecording(where + ": damaged line: " + key + " is not " + what);
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
