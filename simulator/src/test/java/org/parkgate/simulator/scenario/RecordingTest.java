package org.parkgate.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording's folder: what a run writes reads back the same, and a damaged or foreign folder is
 * refused with the file and line that is wrong.
 */
class RecordingTest {
  @TempDir Path dir;

  private static final LedgerTotals TOTALS =
      new LedgerTotals(
          "CNY",
          new LedgerTotals.Tally(4, 7000),
          new LedgerTotals.Tally(0, 0),
          Map.of("cash", new LedgerTotals.Tally(3, 6500), "card", new LedgerTotals.Tally(1, 500)),
          5,
          5,
          Map.of("LOST_CARD", 1L, "LEFT_UNPAID", 1L));

  private static Step.Exit exit() {
    return new Step.Exit(
        Duration.ofSeconds(10),
        22,
        "car-01",
        "exit-1",
        Step.Pay.CASH,
        null,
        null,
        null,
        false,
        false);
  }

  /** Writes a whole recording as a run does: files, actions, device traffic, totals, manifest. */
  private Path record() throws Exception {
    Path rec = dir.resolve("rec");
    Files.createDirectories(rec);
    for (String f : List.of(Recording.SCENARIO, Recording.SITE, Recording.TARIFF)) {
      Files.writeString(rec.resolve(f), "# " + f + "\n");
    }
    try (Recorder recorder = new Recorder(rec.resolve(Recording.ACTIONS))) {
      recorder.start(Pacer.realTime());
      StepContext.during(
          exit(),
          () -> {
            Calls.Call present =
                new Calls.Call(
                    Calls.SIMULATOR,
                    "POST",
                    "/lanes/exit-1/card/present",
                    Recording.JSON.readTree("{\"card\":\"A98A669089\"}"));
            recorder.sending(present);
            recorder.answered(present, 200, null, Recording.JSON.readTree("{\"sent\":true}"));
            Calls.Call pay =
                new Calls.Call(
                    Calls.CONTROLLER,
                    "record-cash-payment",
                    "/console",
                    Recording.JSON.readTree(
                        "{\"type\":\"record-cash-payment\",\"requestId\":\"r1\",\"stayId\":1,"
                            + "\"amount\":{\"minor\":500,\"currency\":\"CNY\"}}"));
            recorder.sending(pay);
            recorder.answered(pay, null, "NOT_NOW: amount does not match", null);
          });
      Calls.Call look = new Calls.Call(Calls.SIMULATOR, "GET", "/lanes", null);
      recorder.sending(look);
      recorder.answered(look, 200, null, Recording.JSON.readTree("{\"lanes\":[]}"));
    }
    Instant start = Instant.parse("2026-12-07T05:00:00Z");
    Path wire = dir.resolve("wire.jsonl");
    Files.writeString(
        wire,
        "{\"epochMs\":"
            + (start.toEpochMilli() - 20)
            + ",\"lane\":\"entry-1\",\"device\":\"barrier\",\"dir\":\"in\",\"hex\":\"010200000005b809\"}\n"
            + "{\"epochMs\":"
            + (start.toEpochMilli() + 1500)
            + ",\"lane\":\"entry-1\",\"device\":\"cardUnit\",\"dir\":\"out\",\"hex\":\"0d0a\"}\n"
            + "{\"epochMs\":17,\"lane\":\"entry-1\",\"dev",
        StandardCharsets.UTF_8);
    assertEquals(2, RecordingWriter.deviceTraffic(wire, start, rec.resolve(Recording.TRAFFIC)));
    RecordingWriter.finish(
        rec,
        new Recording.Manifest(
            Recording.FORMAT,
            "replay-short",
            Recording.SCENARIO,
            Recording.SITE,
            Recording.TARIFF,
            42,
            List.of(17L),
            start.toString(),
            "parkgate 0.1.0"),
        TOTALS,
        "PASSED\n");
    return rec;
  }

  @Test
  void whatARunWritesReadsBackTheSame() throws Exception {
    Recording r = Recording.read(record());
    assertEquals("replay-short", r.manifest().scenario());
    assertEquals(42, r.manifest().cardSeed());
    assertEquals(List.of(17L), r.manifest().trafficSeeds());
    assertEquals(TOTALS, r.totals());
    assertEquals(2, r.frames());
    assertEquals(3, r.actions().size());

    Recording.Action present = r.actions().get(0);
    assertEquals(22, present.step());
    assertEquals("car-01 exits at exit-1", present.does());
    assertEquals("car-01", present.vehicle());
    assertEquals("POST /lanes/exit-1/card/present", present.method() + " " + present.path());
    assertEquals("A98A669089", present.body().path("card").asText());
    assertEquals(200, present.status());
    assertNull(present.refused());
    assertTrue(present.offsetMs() >= 0 && present.offsetMs() < 5000, "" + present.offsetMs());

    Recording.Action pay = r.actions().get(1);
    assertEquals(500, pay.body().path("amount").path("minor").asLong());
    assertEquals("NOT_NOW: amount does not match", pay.refused());
    assertNull(pay.answer());

    Recording.Action look = r.actions().get(2);
    assertNull(look.step(), "a call outside any step has none");
    assertNull(look.body());

    List<String> frames = Files.readAllLines(r.dir().resolve(Recording.TRAFFIC));
    JsonNode before = Recording.JSON.readTree(frames.get(0));
    assertEquals(-20, before.path("offsetMs").asLong(), "before the timeline's start: negative");
    assertEquals(1500, Recording.JSON.readTree(frames.get(1)).path("offsetMs").asLong());
  }

  private static void damage(Path file, int line, String text) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(line - 1, text);
    Files.write(file, lines);
  }

  @Test
  void aDamagedActionLineIsRefusedNamingFileAndLine() throws Exception {
    Path rec = record();
    Path actions = rec.resolve(Recording.ACTIONS);
    String good = Files.readAllLines(actions).get(1);
    damage(actions, 2, good.substring(0, good.length() / 2));
    BadRecording e = assertThrows(BadRecording.class, () -> Recording.read(rec));
    assertTrue(
        e.getMessage().startsWith(actions + ":2: damaged line: not valid JSON"), e.getMessage());

    damage(actions, 2, good.replace("\"offsetMs\":", "\"offsetMs\":\"soon\",\"was\":"));
    e = assertThrows(BadRecording.class, () -> Recording.read(rec));
    assertEquals(
        actions + ":2: damaged line: offsetMs is not a whole number of ms", e.getMessage());

    damage(actions, 2, good.replace("\"to\":\"controller\"", "\"to\":\"printer\""));
    e = assertThrows(BadRecording.class, () -> Recording.read(rec));
    assertEquals(
        actions + ":2: damaged line: to 'printer' is neither simulator nor controller",
        e.getMessage());
  }

  @Test
  void aDamagedTrafficLineIsRefusedNamingFileAndLine() throws Exception {
    Path rec = record();
    Path traffic = rec.resolve(Recording.TRAFFIC);
    damage(traffic, 2, Files.readAllLines(traffic).get(1).replace("0d0a", "0d0"));
    BadRecording e = assertThrows(BadRecording.class, () -> Recording.read(rec));
    assertEquals(traffic + ":2: damaged line: hex is not pairs of hex digits", e.getMessage());
  }

  @Test
  void anotherFormatOrAMissingFileIsRefused() throws Exception {
    Path rec = record();
    Path manifest = rec.resolve(Recording.MANIFEST);
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.replace("\"format\" : 1", "\"format\" : 2"));
    BadRecording e = assertThrows(BadRecording.class, () -> Recording.read(rec));
    assertEquals(manifest + ": format 2; this version reads format 1", e.getMessage());

    Files.writeString(manifest, text);
    Files.delete(rec.resolve(Recording.TOTALS));
    e = assertThrows(BadRecording.class, () -> Recording.read(rec));
    assertEquals(
        rec.resolve(Recording.TOTALS) + ": no such file (the recorded run did not finish)",
        e.getMessage());

    Files.delete(rec.resolve(Recording.TARIFF));
    e = assertThrows(BadRecording.class, () -> Recording.read(rec));
    assertEquals(rec.resolve(Recording.TARIFF) + ": no such file", e.getMessage());

    Files.delete(manifest);
    e = assertThrows(BadRecording.class, () -> Recording.read(rec));
    assertEquals(manifest + ": no such file (is " + rec + " a recording?)", e.getMessage());

    e = assertThrows(BadRecording.class, () -> Recording.read(dir.resolve("none")));
    assertEquals(dir.resolve("none") + ": no such folder", e.getMessage());
  }

  @Test
  void aFolderToRecordIntoMustBeNewOrEmpty() throws Exception {
    Recording.refuseUnlessEmpty(dir.resolve("new"));
    Recording.refuseUnlessEmpty(dir);
    Files.writeString(dir.resolve("x"), "");
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> Recording.refuseUnlessEmpty(dir));
    assertEquals(
        "--record " + dir + ": the folder is not empty; name a new or empty folder",
        e.getMessage());
    e = assertThrows(ScenarioException.class, () -> Recording.refuseUnlessEmpty(dir.resolve("x")));
    assertEquals("--record " + dir.resolve("x") + ": is a file, not a folder", e.getMessage());
  }

  @Test
  void ledgerTotalsNameEachDifferenceLineByLine() {
    assertEquals(List.of(), LedgerTotals.differences(TOTALS, TOTALS));
    LedgerTotals replayed =
        new LedgerTotals(
            "CNY",
            new LedgerTotals.Tally(3, 6500),
            new LedgerTotals.Tally(0, 0),
            Map.of("cash", new LedgerTotals.Tally(2, 6000), "card", new LedgerTotals.Tally(1, 500)),
            5,
            4,
            Map.of("LOST_CARD", 1L, "LEFT_UNPAID", 1L, "TAILGATING", 1L));
    assertEquals(
        List.of(
            "payments: recorded 4 totalling 70.00 CNY, replayed 3 totalling 65.00 CNY",
            "payments by cash: recorded 3 totalling 65.00 CNY, replayed 2 totalling 60.00 CNY",
            "exits: recorded 5, replayed 4",
            "incidents TAILGATING: recorded 0, replayed 1"),
        LedgerTotals.differences(TOTALS, replayed));
  }

  @Test
  void aReplayResendsTheRecordedValuesWithItsOwnIdentifiers() throws Exception {
    Path rec = record();
    // The recorded entry took card A98A669089; the replay's lane issues 0000000001 for it.
    Step.Enter enter =
        new Step.Enter(Duration.ofSeconds(1), 16, "car-01", "entry-1", null, "car", false, false);
    List<Recording.Action> actions = new ArrayList<>(Recording.read(rec).actions());
    actions.add(
        new Recording.Action(
            0,
            16,
            enter.describe(),
            "car-01",
            Calls.SIMULATOR,
            "POST",
            "/lanes/entry-1/card/take",
            null,
            200,
            null,
            Recording.JSON.readTree("{\"card\":\"A98A669089\"}")));
    try (Recorder own = new Recorder(dir.resolve("replayed.jsonl"))) {
      own.start(Pacer.realTime());
      Replayer replayer = new Replayer(actions, own);
      List<JsonNode> sent = new ArrayList<>();
      StepContext.during(
          enter,
          () -> {
            Calls.Call take =
                new Calls.Call(Calls.SIMULATOR, "POST", "/lanes/entry-1/card/take", null);
            sent.add(replayer.sending(take));
            replayer.answered(
                take, 200, null, Recording.JSON.readTree("{\"card\":\"0000000001\"}"));
          });
      StepContext.during(
          exit(),
          () -> {
            Calls.Call present =
                new Calls.Call(
                    Calls.SIMULATOR,
                    "POST",
                    "/lanes/exit-1/card/present",
                    Recording.JSON.readTree("{\"card\":\"0000000001\"}"));
            sent.add(replayer.sending(present));
            replayer.answered(present, 200, null, null);
            Calls.Call pay =
                new Calls.Call(
                    Calls.CONTROLLER,
                    "record-cash-payment",
                    "/console",
                    Recording.JSON.readTree(
                        "{\"type\":\"record-cash-payment\",\"requestId\":\"r9\",\"stayId\":7,"
                            + "\"amount\":{\"minor\":900,\"currency\":\"CNY\"}}"));
            sent.add(replayer.sending(pay));
            replayer.answered(pay, null, null, null);
            Calls.Call leave =
                new Calls.Call(Calls.SIMULATOR, "POST", "/lanes/exit-1/vehicle/leave", null);
            replayer.sending(leave);
            replayer.answered(leave, 200, null, null);
          });
      assertNull(sent.get(0));
      assertEquals("0000000001", sent.get(1).path("card").asText(), "the card as issued now");
      JsonNode pay = sent.get(2);
      assertEquals(500, pay.path("amount").path("minor").asLong(), "the recorded amount");
      assertEquals("r9", pay.path("requestId").asText(), "the replay's own request");
      assertEquals(7, pay.path("stayId").asLong(), "the replay's own stay");
      assertEquals(1, replayer.cardsRenumbered());
      assertEquals(
          List.of(
              "line 22 (car-01 exits at exit-1): the replay made POST /lanes/exit-1/vehicle/leave,"
                  + " which the recording has not"),
          replayer.divergences());
    }
  }
}
