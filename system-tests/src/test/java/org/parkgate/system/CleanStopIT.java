package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
