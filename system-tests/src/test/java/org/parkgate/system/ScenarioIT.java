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
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.parkgate.simulator.scenario.ScenarioMain;

/**
 * Scenarios through {@code ./parking scenario}'s main. The shipped rush hour runs against real
 * simulator, controller and console processes, as {@code ./parking scenario run} runs it, with
 * every expectation holding and its money reconciled with the ledger; its copy with one wrong
 * expectation fails, exit 1, naming that expectation's line. The two run side by side, each on its
 * own ports and data folder, to keep the test near a minute and a half.
 */
class ScenarioIT {
  private static final Path SCENARIOS = SystemFixture.ROOT.resolve("config/scenarios");

  private record Outcome(int code, String out, String err) {}

  /**
   * The machine: the rush hour keeps its real-time timeline to itself; the stepped day and the
   * recording and replay, which wait on what the processes do rather than on the wall clock, share
   * it, side by side, to keep the test time down.
   */
  private static final String MACHINE = "scenario-machine";

  private static CompletableFuture<Outcome> run(String file) {
    return CompletableFuture.supplyAsync(
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          ByteArrayOutputStream err = new ByteArrayOutputStream();
          int code =
              ScenarioMain.run(
                  new String[] {"run", SCENARIOS.resolve(file).toString()},
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8));
          return new Outcome(
              code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        });
  }

  @Test
  @ResourceLock(value = MACHINE, mode = ResourceAccessMode.READ_WRITE)
  void theRushHourHoldsAndItsWrongCopyFailsNamingTheExpectation() throws Exception {
    CompletableFuture<Outcome> rush = run("rush-hour.yaml");
    CompletableFuture<Outcome> wrong = run("rush-hour-wrong-expectation.yaml");

    Outcome r = rush.get();
    String all = r.out() + r.err();
    assertEquals(0, r.code(), all);
    assertTrue(all.contains("vehicles: 13 in, 10 out"), all);
    assertTrue(
        all.contains(
            "money: expected 95.00 CNY, taken 95.00 CNY, ledger 95.00 CNY (payments 95.00,"
                + " reversals 0.00): reconciled"),
        all);
    assertTrue(all.contains("incidents: LEFT_UNPAID 1, LOST_CARD 1, TAILGATING 1"), all);
    assertTrue(all.contains("unsafe closes: 0"), all);
    assertTrue(all.contains("expectations: 10 held, 0 failed; steps failed: 0"), all);
    assertTrue(all.strip().endsWith("PASSED"), all);

    Outcome w = wrong.get();
    String said = w.out() + w.err();
    assertEquals(1, w.code(), said);
    List<String> lines = Files.readAllLines(SCENARIOS.resolve("rush-hour-wrong-expectation.yaml"));
    int line =
        1
            + lines.indexOf(
                lines.stream()
                    .filter(l -> l.contains("amount: \"7.00\""))
                    .findFirst()
                    .orElseThrow());
    assertTrue(
        said.contains(
            "EXPECTATION FAILED line "
                + line
                + " (expect fee of car-01): shown 5.00 CNY, expected 7.00 CNY"),
        said);
    assertTrue(said.contains("expectations: 9 held, 1 failed; steps failed: 0"), said);
    String kept = "scenario: the run's site, ledger and logs are kept in ";
    assertTrue(said.contains("FAILED\n" + kept), said);
    // A failed run's folder is kept for a person to look into; the test has looked.
    Path folder =
        Path.of(said.substring(said.indexOf(kept) + kept.length()).lines().findFirst().get());
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertTrue(!Files.exists(folder), folder.toString());
  }

  /**
   * A day and a night on a stepped clock the three processes share: 26 hours of site time in well
   * under a minute, long stays priced by the hour of the site's clock, shift changes with sessions
   * the controller ended while the clock jumped, and the business day of 7 December closed by the
   * controller itself after its midnight, with that day's three payments; and, beside it, the night
   * the clocks go back in London, priced by the hours stayed.
   */
  @Test
  @Execution(ExecutionMode.CONCURRENT)
  @ResourceLock(value = MACHINE, mode = ResourceAccessMode.READ)
  void aSteppedDayPricesLongStaysAndTheControllerClosesTheDay() throws Exception {
    // The night the clocks go back in London runs beside it: 13 hours charged for a stay whose
    // wall-clock times are 12 hours apart.
    CompletableFuture<Outcome> dst = run("dst-london.yaml");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int code =
        ScenarioMain.run(
            new String[] {"run", SCENARIOS.resolve("day-stepped.yaml").toString(), "--keep"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    long realSeconds = java.time.Duration.ofNanos(System.nanoTime() - t0).toSeconds();
    String all = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, all);
    assertTrue(
        all.contains("the site's clock ran from 2026-12-07T07:00+08:00 to 2026-12-08T08:45+08:00"),
        all);
    assertTrue(realSeconds < 300, realSeconds + " s for a stepped day\n" + all);
    assertTrue(all.contains("scenario day-stepped.yaml: ran 1d 1h 45min"), all);
    assertTrue(
        all.contains(
            "money: expected 112.00 CNY, taken 112.00 CNY, reversed at the booth -17.00 CNY,"
                + " ledger 95.00 CNY (payments 112.00, reversals -17.00): reconciled"),
        all);
    assertTrue(all.contains("vehicles: 6 in, 6 out"), all);
    assertTrue(all.contains("business days closed by the controller: 1 (Z-reports)"), all);
    assertTrue(all.contains("expectations: 12 held, 0 failed; steps failed: 0"), all);

    Outcome london = dst.get();
    String said = london.out() + london.err();
    assertEquals(0, london.code(), said);
    assertTrue(
        said.contains("the site's clock ran from 2026-10-24T20:00+01:00 to 2026-10-25T09:15Z"),
        said);
    assertTrue(
        said.contains(
            "money: expected 28.00 GBP, taken 28.00 GBP, ledger 28.00 GBP (payments 28.00,"
                + " reversals 0.00): reconciled"),
        said);
    assertTrue(said.contains("expectations: 5 held, 0 failed; steps failed: 0"), said);

    String kept = "scenario: the run's site, ledger and logs are kept in ";
    Path folder =
        Path.of(all.substring(all.indexOf(kept) + kept.length()).lines().findFirst().get());
    try (var db =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:file:" + folder.resolve("data/ledger.db") + "?mode=ro");
        var q =
            db.prepareStatement(
                "SELECT business_day, payments, net_minor, closed_at, reversals FROM zreports");
        var r = q.executeQuery()) {
      assertTrue(r.next(), "no Z-report");
      assertEquals("2026-12-07", r.getString(1));
      assertEquals(3, r.getInt(2)); // shopper, visitor, commuter; the overnight car paid on the 8th
      assertEquals(1, r.getInt(5)); // the visitor's, reversed by the supervisor
      assertEquals(5_00 + 17_00 + 39_00 - 17_00, r.getLong(3));
      // Closed on the site's clock, after its midnight (16:00 UTC), not on the machine's.
      java.time.Instant closed = java.time.Instant.parse(r.getString(4));
      assertTrue(
          closed.isAfter(java.time.Instant.parse("2026-12-07T16:01:00Z"))
              && closed.isBefore(java.time.Instant.parse("2026-12-08T01:00:00Z")),
          closed.toString());
      // The late shift was handed over at 15:00 and the free pass asked by its cashier.
      try (var shifts =
              db.prepareStatement("SELECT cashier, opened_at FROM shifts WHERE shift_no = 2")
                  .executeQuery();
          var pass =
              db.prepareStatement("SELECT asked_by, fee_minor FROM free_passes").executeQuery()) {
        assertTrue(shifts.next(), "no second shift");
        assertEquals("cashier2", shifts.getString(1));
        assertTrue(shifts.getString(2).startsWith("2026-12-07T07:00:0"), shifts.getString(2));
        assertTrue(pass.next(), "no free pass");
        assertEquals("cashier2", pass.getString(1));
        assertEquals(7_00, pass.getLong(2));
      }
    } finally {
      try (var files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static final Path REPLAY_SHORT = SCENARIOS.resolve("replay-short.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Outcome scenario(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = ScenarioMain.run(args, both, both);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), "");
  }

  private static CompletableFuture<Outcome> replay(Path recording) {
    return CompletableFuture.supplyAsync(() -> scenario("replay", recording.toString()));
  }

  /**
   * A shipped scenario recorded against real processes replays to the same ledger totals; a copy of
   * the recording with one payment's amount changed replays to a difference that names the payments
   * it changed; a damaged line is refused naming the file and line. The two replays run side by
   * side, each on its own ports and data folder.
   */
  @Test
  @Execution(ExecutionMode.CONCURRENT)
  @ResourceLock(value = MACHINE, mode = ResourceAccessMode.READ)
  void aRecordedRunReplaysToTheSameLedgerTotalsAndATamperedOneToANamedDifference(@TempDir Path dir)
      throws Exception {
    Path recording = dir.resolve("recording");
    Outcome recorded = scenario("run", REPLAY_SHORT.toString(), "--record", recording.toString());
    assertEquals(0, recorded.code(), recorded.out());
    assertTrue(recorded.out().contains("scenario: recorded in " + recording), recorded.out());

    JsonNode manifest = JSON.readTree(recording.resolve("manifest.json").toFile());
    assertEquals(1, manifest.path("format").asInt());
    assertEquals("replay-short", manifest.path("scenario").asText());
    assertEquals(
        Files.readString(REPLAY_SHORT), Files.readString(recording.resolve("scenario.yaml")));
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

    // The tampered copy: the first cash payment asks 4.00 where 5.00 was due, in each time the
    // booth sent it (a payment that reaches the controller before its lane took the fee is sent
    // again, and the replay's first sending may be taken where the recording's was not).
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
    int payStep = JSON.readTree(actions.get(pay)).path("step").asInt();
    // From the step's first sending: one the controller refused before the lane took the fee is
    // matched with the replay's first, which may come after it and be taken.
    for (int i = 0; i < actions.size(); i++) {
      JsonNode a = JSON.readTree(actions.get(i));
      if (a.path("method").asText().equals("record-cash-payment")
          && a.path("step").asInt() == payStep) {
        actions.set(
            i, actions.get(i).replace("\"amount\":{\"minor\":500,", "\"amount\":{\"minor\":400,"));
      }
    }
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
