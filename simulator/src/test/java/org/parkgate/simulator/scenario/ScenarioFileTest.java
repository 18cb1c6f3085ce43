package org.parkgate.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario file is checked whole before anything runs; each problem is one line naming it. */
class ScenarioFileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DEMO = ROOT.resolve("config/sites/demo.yaml");

  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private String problem(String yaml) throws Exception {
    Path f = file(yaml);
    return assertThrows(ScenarioException.class, () -> ScenarioFile.read(f, DEMO)).getMessage();
  }

  private static final String GOOD =
      """
      name: small
      steps:
        - {at: 0s, cashier: login, user: cashier1, password: cashier1-demo}
        - {at: 0s, cashier: open-shift, float: {"100.00": 1}}
        - {at: 2s, vehicle: car-1, enter: entry-1, plate: 沪A10001, class: van}
        - {at: 2s, vehicle: car-2, tailgate: car-1}
        - at: 1min
          vehicle: car-1
          exit: exit-1
          pay: card
          reference: "600123456789"
        - {at: 70s, vehicle: car-2, exit: exit-1, lostCard: true, pay: cash, tendered: "100"}
        - {at: 5s, fault: {lane: exit-1, device: display, drop: 0.5}}
        - {at: 6s, fault: {lane: exit-1, device: mechanism, on: true}}
        - {expect: fee, vehicle: car-1, amount: "5.00"}
        - {expect: incidents, kind: tailgating, atLeast: 1}
        - {expect: money-reconciled}
      """;

  @Test
  void aGoodFileGivesItsStepsInTimeOrderAndItsExpectationsApart() throws Exception {
    Scenario s = ScenarioFile.read(file(GOOD), DEMO);
    assertEquals("small", s.name());
    assertEquals("CNY", s.currency().getCurrencyCode());
    List<Step> timeline = s.timeline();
    assertEquals(8, timeline.size());
    assertEquals(Duration.ofSeconds(5), timeline.get(4).at(), "the fault at 5s after the 2s steps");
    Step.Exit exit = (Step.Exit) timeline.get(6);
    assertEquals(Step.Pay.CARD, exit.pay());
    assertEquals(7, exit.line(), "a block step is on the line of its first key");
    Step.Exit lost = (Step.Exit) timeline.get(7);
    assertEquals(10000L, lost.tenderedMinor());
    assertTrue(lost.lostCard());
    assertEquals(3, s.expectations().size());
    assertEquals(500L, s.expectations().get(0).amountMinor());
    assertEquals("TAILGATING", s.expectations().get(1).incident());
  }

  @Test
  void aMisspeltKeyNamesTheFileLineAndKey() throws Exception {
    String p = problem(GOOD.replace("pay: card", "pai: card"));
    assertTrue(
        p.endsWith(
            "s.yaml:10: steps[4].pai: unknown key (known here: at, backOff,"
                + " exit, lostCard, pay, reason, reference, tendered, vehicle)"),
        p);
    assertEquals(1, p.lines().count());
  }

  @Test
  void badValuesNameTheirLineAndSayWhatIsWanted() throws Exception {
    assertTrue(
        problem(GOOD.replace("pay: card", "pay: chash"))
            .endsWith(
                ":10: steps[4].pay: 'chash' is not one of cash, card, mobile, owing, free-pass,"
                    + " none"));
    assertTrue(
        problem(GOOD.replace("at: 1min", "at: soon"))
            .endsWith(":7: steps[4].at: 'soon' is not an offset like 0s, 45s, 2min, 1h"));
    assertTrue(
        problem(GOOD.replace("class: van", "class: tank"))
            .contains(":5: steps[2].class: 'tank' is not one of car, van, bus"));
    assertTrue(
        problem(GOOD.replace("amount: \"5.00\"", "amount: \"5.001\""))
            .contains(":15: steps[8].amount: '5.001' is not an amount of CNY"));
    assertTrue(
        problem(GOOD.replace("drop: 0.5", "drop: 2"))
            .contains(":13: steps[6].fault.drop: '2' is not a fraction 0-1"));
    assertTrue(
        problem(GOOD.replace("\"600123456789\"", "\"12AB\""))
            .contains("steps[4].reference: a card terminal reference is 6-12 digits"));
    assertTrue(
        problem(GOOD.replace("kind: tailgating", "kind: speeding"))
            .contains(":16: steps[9].kind: 'speeding' is not an incident kind"));
    assertTrue(
        problem(GOOD.replace("\"100.00\": 1", "\"3.00\": 1"))
            .contains(":4: steps[1].float.3.00: no CNY note or coin of 3.00"));
  }

  @Test
  void lanesAndVehiclesMustMakeSenseOnTheSite() throws Exception {
    assertTrue(
        problem(GOOD.replace("enter: entry-1", "enter: entry-9"))
            .contains("steps[2].enter: no lane 'entry-9' on the site (lanes: entry-1, exit-1)"));
    assertTrue(
        problem(GOOD.replace("enter: entry-1", "enter: exit-1"))
            .contains("steps[2].enter: exit-1 is an exit lane, not an entry"));
    assertTrue(
        problem(GOOD.replace("at: 1min", "at: 1s"))
            .contains(":7: at: car-1 exits before it enters (line 5)"));
    assertTrue(
        problem(GOOD.replace("{at: 2s, vehicle: car-2", "{at: 3s, vehicle: car-2"))
            .contains("a tailgater follows its lead: give it the lead's at (2s, line 5)"));
    assertTrue(
        problem(GOOD.replace("vehicle: car-1, amount", "vehicle: car-7, amount"))
            .contains(":15: vehicle: car-7 never exits, so shows no fee"));
  }

  @Test
  void aStepDoesOneThing() throws Exception {
    assertTrue(
        problem(GOOD.replace("{at: 5s, fault:", "{at: 5s, cashier: login, fault:"))
            .contains(":13: steps[6]: a step does one thing, not cashier and fault"));
    assertTrue(
        problem(GOOD.replace("cashier: open-shift", "cashier: open-shfit"))
            .contains(":4: steps[1].cashier: 'open-shfit' is not one of login, open-shift,"));
    assertTrue(problem("steps: []\n").contains("steps: a list of one or more steps needed"));
    assertTrue(problem("steps: [\n").contains("not valid YAML"));
    assertTrue(
        problem("steps:\n  - {at: 0s, at: 1s, cashier: close-shift}\n")
            .contains(":2: at: written twice"));
  }

  @Test
  void aBadFileRunsNothingAndExitsTwo() throws Exception {
    Path f = file(GOOD.replace("pay: card", "pai: card"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ScenarioMain.run(
            new String[] {"run", f.toString(), "--site", DEMO.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing started");
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, said.lines().count(), said);
    assertTrue(said.startsWith("scenario: " + f + ":10: steps[4].pai: unknown key"), said);
    assertEquals(
        2,
        ScenarioMain.run(
            new String[] {"walk", f.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  @Test
  void aRunIsInRealTimeUnlessItAsksForASteppedClockFromAGivenStart() throws Exception {
    assertEquals(ScenarioTime.REAL, ScenarioFile.read(file(GOOD), DEMO).time());
    Scenario stepped =
        ScenarioFile.read(
            file(
                GOOD.replace(
                    "name: small", "name: small\ntime: stepped\nstart: 2026-10-25T01:30:00+01:00")),
            DEMO);
    assertEquals(
        new ScenarioTime(true, java.time.Instant.parse("2026-10-25T00:30:00Z"), 1), stepped.time());
    assertEquals(
        new ScenarioTime(true, null, 60),
        ScenarioFile.read(
                file(GOOD.replace("name: small", "name: small\ntime: stepped\nrate: 60")), DEMO)
            .time());
  }

  @Test
  void aPaceOutsideItsBoundsIsNamed() throws Exception {
    assertEquals(ScenarioPace.SITE, ScenarioFile.read(file(GOOD), DEMO).pace());
    assertTrue(
        problem(GOOD.replace("name: small", "name: small\npace: {barrierTravel: 10ms}"))
            .endsWith(":2: pace.barrierTravel: '10ms' is not between 100ms and 10000ms"));
    assertTrue(
        problem(GOOD.replace("name: small", "name: small\npace: {dwell: quick}"))
            .endsWith(":2: pace.dwell: 'quick' is not a duration like 200ms, 1s"));
    assertTrue(
        problem(GOOD.replace("name: small", "name: small\npace: {speed: 2}"))
            .contains(":2: pace.speed: unknown key"));
  }

  @Test
  void cashiersHandOverReverseAndAskFreePasses() throws Exception {
    Scenario s =
        ScenarioFile.read(
            file(
                GOOD.replace(
                        "  - {at: 70s, vehicle: car-2",
                        "  - {at: 80s, cashier: reverse, of: car-1, reason: charged twice}\n"
                            + "  - {at: 90s, cashier: hand-over, to: cashier2, password:"
                            + " cashier2-demo}\n"
                            + "  - {at: 70s, vehicle: car-2")
                    .replace(
                        "lostCard: true, pay: cash, tendered: \"100\"",
                        "pay: free-pass, reason: arm touched the roof")),
            DEMO);
    assertTrue(
        s.timeline()
            .contains(
                new Step.Reverse(java.time.Duration.ofSeconds(80), 12, "car-1", "charged twice")),
        s.timeline().toString());
    assertTrue(
        s.timeline().stream()
            .anyMatch(
                x ->
                    x instanceof Step.HandOver h
                        && h.to().equals("cashier2")
                        && h.password().equals("cashier2-demo")
                        && h.counted() == null));
    assertTrue(
        s.timeline().stream()
            .anyMatch(
                x ->
                    x instanceof Step.Exit e
                        && e.pay() == Step.Pay.FREE_PASS
                        && e.reason().equals("arm touched the roof")));
    assertTrue(
        problem(GOOD.replace("lostCard: true, pay: cash", "lostCard: true, reason: why, pay: cash"))
            .contains(":12: steps[5].reason: only a free pass has a reason"));
    assertTrue(
        problem(GOOD.replace("cashier: open-shift", "cashier: count-drawer"))
            .contains(
                "'count-drawer' is not one of login, open-shift, close-shift, hand-over, reverse"));
  }

  @Test
  void aBadRateIsNamed() throws Exception {
    assertTrue(
        problem(GOOD.replace("name: small", "name: small\ntime: stepped\nrate: 0"))
            .endsWith(":3: rate: '0' is not a whole number from 1 to 3600"));
    assertTrue(
        problem(GOOD.replace("name: small", "name: small\nrate: 60"))
            .endsWith(":2: rate: a rate needs time: stepped (a real-time run is real time)"));
  }

  @Test
  void aBadClockIsNamed() throws Exception {
    assertTrue(
        problem(GOOD.replace("name: small", "name: small\ntime: fast"))
            .endsWith(":2: time: 'fast' is not one of real, stepped"));
    assertTrue(
        problem(GOOD.replace("name: small", "name: small\nstart: 2026-10-25T01:30:00+01:00"))
            .endsWith(":2: start: a start time needs time: stepped (a real-time run starts now)"));
    assertTrue(
        problem(GOOD.replace("name: small", "name: small\ntime: stepped\nstart: 2026-10-25T01:30"))
            .endsWith(
                ":3: start: '2026-10-25T01:30' is not a date and time with its offset, e.g."
                    + " 2026-10-24T22:00:00+02:00"));
  }

  @Test
  void theShippedScenariosAreValid() throws Exception {
    assertTrue(
        ScenarioFile.read(ROOT.resolve("config/scenarios/day-stepped.yaml"), null)
            .time()
            .stepped());
    Scenario month = ScenarioFile.read(ROOT.resolve("config/scenarios/month.yaml"), null);
    assertEquals(
        new ScenarioPace(java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(100)),
        month.pace());
    assertTrue(month.timeline().size() > 600, "a month of traffic");
    assertEquals(
        "GBP",
        ScenarioFile.read(ROOT.resolve("config/scenarios/dst-london.yaml"), null)
            .currency()
            .getCurrencyCode());
    // The benchmark's scenario too, though it runs only as a benchmark.
    Scenario busy =
        ScenarioFile.read(ROOT.resolve("benchmarks/scenarios/twenty-lanes-day.yaml"), null);
    assertEquals(100, busy.time().rate());
    assertTrue(busy.timeline().size() > 3000, "a busy day on 20 lanes");
    for (String name : List.of("rush-hour.yaml", "rush-hour-wrong-expectation.yaml")) {
      Scenario s = ScenarioFile.read(ROOT.resolve("config/scenarios/" + name), null);
      assertEquals(DEMO, s.site().toAbsolutePath().normalize(), name);
      assertTrue(s.timeline().size() > 20, name);
    }
  }

  @Test
  void theWorkedExampleInTheDocsIsAValidScenario() throws Exception {
    String doc = Files.readString(ROOT.resolve("docs/simulator.md"));
    int section = doc.indexOf("### The file");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));
    Path f = ROOT.resolve("config/scenarios").resolve(dir.getFileName() + "-doc.yaml");
    Files.writeString(f, yaml);
    try {
      Scenario s = ScenarioFile.read(f, null);
      assertEquals("rush-hour", s.name());
      assertEquals(8, s.timeline().size());
      assertEquals(3, s.expectations().size());
    } finally {
      Files.delete(f);
    }
  }
}
