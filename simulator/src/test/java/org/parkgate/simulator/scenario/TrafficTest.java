package org.parkgate.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated traffic: the rates, stays and shares asked for, the same vehicles for the same seed.
 */
class TrafficTest {
  private static final Path DEMO =
      Path.of("..").toAbsolutePath().normalize().resolve("config/sites/demo.yaml");

  @TempDir Path dir;

  private Scenario read(String yaml) throws Exception {
    Path f = dir.resolve("t.yaml");
    Files.writeString(f, yaml);
    return ScenarioFile.read(f, DEMO);
  }

  private static final String BUSY =
      """
      steps:
        - {at: 0s, cashier: login, user: cashier1, password: cashier1-demo}
      traffic:
        - entry: entry-1
          exit: exit-1
          from: 0s
          to: 10h
          perHour: 360
          stay: {min: 20min, max: 40min}
          lostCards: 0.1
          seasonCards: 0.2
          pay: {cash: 3, card: 1}
          classes: {car: 0.9, van: 0.1}
          seed: 7
      """;

  @Test
  void arrivalsComeAtTheRateAskedAndStayAsLongAsAsked() throws Exception {
    Scenario s = read(BUSY);
    List<Step.Enter> in =
        s.timeline().stream()
            .filter(Step.Enter.class::isInstance)
            .map(Step.Enter.class::cast)
            .toList();
    List<Step.Exit> out =
        s.timeline().stream()
            .filter(Step.Exit.class::isInstance)
            .map(Step.Exit.class::cast)
            .toList();
    // 360 an hour for 10 h: 3600 on average; a Poisson count is within 5% of it.
    assertTrue(in.size() > 3420 && in.size() < 3780, "arrivals: " + in.size());
    assertEquals(in.size(), out.size(), "every vehicle leaves");
    for (Step.Exit x : out) {
      Step.Enter e =
          in.stream().filter(v -> v.vehicle().equals(x.vehicle())).findFirst().orElseThrow();
      Duration stay = x.at().minus(e.at());
      assertTrue(
          stay.compareTo(Duration.ofMinutes(20)) >= 0
              && stay.compareTo(Duration.ofMinutes(40)) <= 0,
          x.vehicle() + " stays " + stay);
      assertEquals(4, x.line(), "a generated step names its traffic block's line");
    }
    long season = in.stream().filter(Step.Enter::season).count();
    assertTrue(season > in.size() * 0.17 && season < in.size() * 0.23, "season cards: " + season);
    // A tenth of the others lose their card: 8% of all; a season holder never does here.
    long lost = out.stream().filter(Step.Exit::lostCard).count();
    assertTrue(lost > out.size() * 0.055 && lost < out.size() * 0.105, "lost cards: " + lost);
    long card = out.stream().filter(x -> x.pay() == Step.Pay.CARD).count();
    assertTrue(card > out.size() * 0.21 && card < out.size() * 0.29, "by card: " + card);
    long vans = in.stream().filter(e -> e.vehicleClass().equals("van")).count();
    assertTrue(vans > in.size() * 0.07 && vans < in.size() * 0.13, "vans: " + vans);
  }

  @Test
  void theSameSeedGivesTheSameVehiclesAndAnotherSeedOthers() throws Exception {
    assertEquals(read(BUSY).timeline(), read(BUSY).timeline());
    assertTrue(!read(BUSY).timeline().equals(read(BUSY.replace("seed: 7", "seed: 8")).timeline()));
  }

  @Test
  void badTrafficNamesItsLineAndKey() throws Exception {
    Path f = dir.resolve("t.yaml");
    Files.writeString(f, BUSY.replace("perHour: 360", "perHour: lots"));
    String p = assertThrows(ScenarioException.class, () -> ScenarioFile.read(f, DEMO)).getMessage();
    assertTrue(p.endsWith("t.yaml:8: traffic[0].perHour: 'lots' is not a number 0.001-36000.0"), p);
    Files.writeString(f, BUSY.replace("pay: {cash: 3, card: 1}", "pay: {cash: 3, cheque: 1}"));
    p = assertThrows(ScenarioException.class, () -> ScenarioFile.read(f, DEMO)).getMessage();
    assertTrue(p.contains("traffic[0].pay.cheque: not one of cash, card, mobile, owing"), p);
    Files.writeString(f, BUSY.replace("exit: exit-1", "exit: entry-1"));
    p = assertThrows(ScenarioException.class, () -> ScenarioFile.read(f, DEMO)).getMessage();
    assertTrue(p.contains(":5: traffic[0].exit: entry-1 is an entry lane, not an exit"), p);
    Files.writeString(f, BUSY.replace("seed: 7", "sead: 7"));
    p = assertThrows(ScenarioException.class, () -> ScenarioFile.read(f, DEMO)).getMessage();
    assertTrue(p.contains(":14: traffic[0].sead: unknown key"), p);
  }
}
