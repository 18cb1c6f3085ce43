package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.simulator.scenario.ScenarioMain;

/**
 * A shipped scenario recorded against real simulator, controller and console processes replays to
 * the same ledger totals; a copy of the recording with one payment's amount changed replays to a
 * difference that names the payments it changed; a damaged line is refused naming the file and
 * line. The two replays run side by side, each on its own ports and data folder.
 */
class ScenarioReplayIT {
  private static final Path SCENARIO =
      SystemFixture.ROOT.resolve("config/scenarios/replay-short.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Outcome(int code, String out) {}

  private static Outcome scenario(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = ScenarioMain.run(args, both, both);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8));
  }

  private static CompletableFuture<Outcome> replay(Path recording) {
    return CompletableFuture.supplyAsync(() -> scenario("replay", recording.toString()));
  }

  @Test
  void aRecordedRunReplaysToTheSameLedgerTotalsAndATamperedOneToANamedDifference()
      throws Exception {
    Path recording = dir.resolve("recording");
    Outcome recorded = scenario("run", SCENARIO.toString(), "--record", recording.toString());
    assertEquals(0, recorded.code(), recorded.out());
    assertTrue(recorded.out().contains("scenario: recorded in " + recording), recorded.out());

    JsonNode manifest = JSON.readTree(recording.resolve("manifest.json").toFile());
    assertEquals(1, manifest.path("format").asInt());
    assertEquals("replay-short", manifest.path("scenario").asText());
    assertEquals(Files.readString(SCENARIO), Files.readString(recording.resolve("scenario.yaml")));
    JsonNode totals = JSON.readTree(recording.resolve("totals.json").toFile());
    assertEquals(4, totals.path("payments").path("count").asLong(), totals.toString());
    assertEquals(7000, totals.path("payments").path("minor").asLong(), totals.toString());
    assertEquals(1, totals.path("incidents").path("LOST_CARD").asLong(), totals.toString());
    assertTrue(
        Files.readString(recording.resolve("summary.txt")).strip().endsWith("PASSED"),
        "summary.txt");
    List<String> frames = Files.readAllLines(recording.resolve("device-traffic.jsonl"));
    for (String device : List.of("barrier", "cardUnit", "display", "printer")) {
      assertTrue(
          frames.stream().anyMatch(f -> f.contains("\"device\":\"" + device + "\"")),
          "no " + device + " frames recorded");
    }

    // The tampered copy: the first cash payment asks 4.00 where 5.00 was due.
    Path tampered = dir.resolve("tampered");
    try (Stream<Path> files = Files.list(recording)) {
      Files.createDirectories(tampered);
      for (Path f : files.toList()) {
        Files.copy(f, tampered.resolve(f.getFileName()));
      }
    }
    List<String> actions = new ArrayList<>(Files.readAllLines(tampered.resolve("actions.jsonl")));
    int pay = -1;
    for (int i = 0; i < actions.size() && pay < 0; i++) {
      JsonNode a = JSON.readTree(actions.get(i));
      if (a.path("method").asText().equals("record-cash-payment")
          && a.path("body").path("tender").asText().equals("CASH")
          && a.path("refused").isNull()) {
        pay = i;
      }
    }
    assertTrue(pay >= 0, "no cash payment recorded");
    actions.set(
        pay, actions.get(pay).replace("\"amount\":{\"minor\":500,", "\"amount\":{\"minor\":400,"));
    Files.write(tampered.resolve("actions.jsonl"), actions);

    CompletableFuture<Outcome> same = replay(recording);
    CompletableFuture<Outcome> changed = replay(tampered);

    Outcome s = same.get();
    assertEquals(0, s.code(), s.out());
    assertTrue(s.out().strip().endsWith("replay matches the recording"), s.out());

    Outcome c = changed.get();
    assertEquals(1, c.code(), c.out());
    assertTrue(
        c.out()
            .contains(
                "replay differs from the recording:\n"
                    + "  payments: recorded 4 totalling 70.00 CNY, replayed 3 totalling 65.00 CNY\n"
                    + "  payments by cash: recorded 3 totalling 65.00 CNY, replayed 2 totalling"
                    + " 60.00 CNY\n"
                    + "  exits: recorded 5, replayed 4"),
        c.out());
    assertTrue(c.out().contains("amount 4.00 CNY does not match the 5.00 CNY due"), c.out());
    deleteKeptFolder(c.out());

    // A damaged line: refused before anything starts, naming the file and the line.
    actions.set(pay, actions.get(pay).substring(0, 40));
    Files.write(tampered.resolve("actions.jsonl"), actions);
    Outcome d = scenario("replay", tampered.toString());
    assertEquals(2, d.code(), d.out());
    assertTrue(
        d.out()
            .startsWith(
                "scenario: replay: "
                    + tampered.resolve("actions.jsonl")
                    + ":"
                    + (pay + 1)
                    + ": damaged line: not valid JSON"),
        d.out());
  }

  /** A replay that differs keeps its folder for a person to look into; the test has looked. */
  private static void deleteKeptFolder(String out) throws Exception {
    String kept = "scenario: the run's site, ledger and logs are kept in ";
    assertTrue(out.contains(kept), out);
    Path folder =
        Path.of(out.substring(out.indexOf(kept) + kept.length()).lines().findFirst().get());
    assertTrue(Files.isRegularFile(folder.resolve("actions.jsonl")), "the replay's own actions");
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
