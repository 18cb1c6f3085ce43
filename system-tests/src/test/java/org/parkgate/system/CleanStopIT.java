package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller stopped as a site stops it (SIGTERM, Ctrl-C) and started again: its lanes lost no
 * power, and the incident list a cashier must answer for holds nothing about it.
 */
class CleanStopIT {
  @TempDir Path dir;

  @Test
  void aCleanStopAndStartRecordsNoPowerLostOrRestored() throws Exception {
    try (SystemFixture system = new SystemFixture(dir, "demo-hourly.yaml")) {
      system.simulator();
      for (int run = 1; run <= 2; run++) {
        RunningProcess controller = system.controller();
        awaitBarriersAnswering(system);
        controller.close();
        assertEquals(
            List.of(),
            incidents(system),
            "after clean stop " + run + ", see " + system.dir + " for the controller's log");
      }
    }
  }

  @Test
  void aControllerKilledDuringAnEntryNamesTheStayAtItsNextStart() throws Exception {
    try (SystemFixture system = new SystemFixture(dir, "demo-hourly.yaml")) {
      RunningProcess controller = system.simulatorAndController();
      awaitBarriersAnswering(system);
      // A car drives in as usual: its passage is recorded.
      system.awaitLane("entry-1", "barrier closed", l -> SystemFixture.barrier(l).equals("closed"));
      system.sim("POST", "/lanes/entry-1/vehicle/arrive", null);
      system.awaitLane(
          "entry-1", "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
      system.sim("POST", "/lanes/entry-1/card/take", null);
      system.awaitLane("entry-1", "barrier open", l -> SystemFixture.barrier(l).equals("open"));
      system.sim("POST", "/lanes/entry-1/vehicle/drive", "{\"wait\": true}");
      awaitPassages(system, 1);

      // The next takes its card; the controller is killed with the arm up, and the car backs away.
      system.awaitLane("entry-1", "barrier closed", l -> SystemFixture.barrier(l).equals("closed"));
      system.sim("POST", "/lanes/entry-1/vehicle/arrive", null);
      system.awaitLane(
          "entry-1", "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
      String card = system.sim("POST", "/lanes/entry-1/card/take", null).path("card").asText();
      system.awaitLane("entry-1", "barrier open", l -> SystemFixture.barrier(l).equals("open"));
      controller.kill9();
      system.sim("POST", "/lanes/entry-1/vehicle/leave", null);

      controller = system.controller();
      awaitBarriersAnswering(system);
      List<String> named =
          incidents(system).stream().filter(i -> i.startsWith("ENTRY_NOT_PASSED")).toList();
      assertEquals(1, named.size(), "the stay the kill left: " + incidents(system));
      assertTrue(
          named.get(0).contains("entry-1") && named.get(0).contains("reset its card"),
          named.get(0));
      assertEquals(
          card,
          system.text("SELECT card FROM incidents WHERE kind = 'ENTRY_NOT_PASSED'"),
          "named with its card, for the supervisor to reset");
      controller.close();
      controller = system.controller();
      awaitBarriersAnswering(system);
      assertEquals(
          1,
          system.number("SELECT COUNT(*) FROM incidents WHERE kind = 'ENTRY_NOT_PASSED'"),
          "named once, not at every start");
      controller.close();
    }
  }

  private static void awaitPassages(SystemFixture system, long n) throws Exception {
    long until = System.nanoTime() + 10_000_000_000L;
    while (system.number("SELECT COUNT(*) FROM entry_passages") < n) {
      if (System.nanoTime() > until) {
        throw new AssertionError("no passage recorded for the car that drove in");
      }
      Thread.sleep(50);
    }
  }

  /** Both barrier modules online: each lane's display shows its idle text. */
  private static void awaitBarriersAnswering(SystemFixture system) throws Exception {
    for (String lane : List.of("entry-1", "exit-1")) {
      system.awaitLane(
          lane,
          "the controller polling the barrier",
          l -> l.path("barrier").path("link").path("framesIn").asLong() > 5);
    }
  }

  private static List<String> incidents(SystemFixture system) throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:file:" + system.ledger + "?mode=ro");
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT kind, lane, detail FROM incidents")) {
      while (r.next()) {
        found.add(r.getString(1) + " " + r.getString(2) + ": " + r.getString(3));
      }
    }
    return found;
  }
}
