package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleEvent;

/**
 * Plate cameras on both lanes, as real processes: a plate the simulated camera reads reaches the
 * controller, a doubtful read does not, and the consoles see a hung camera go offline and return.
 */
class CameraIT {
  @TempDir Path dir;

  @Test
  void aPlateReadAtTheLaneReachesTheControllerAndAHungCameraIsReported() throws Exception {
    try (SystemFixture system = SystemFixture.withCameras(dir, "shanghai-indoor-1.yaml")) {
      RunningProcess controller = system.simulatorAndController();
      try (ConsoleApiClient console = system.api("camera-it", 0)) {
        controller.awaitLine("entry-1: camera online", Duration.ofSeconds(10));
        controller.awaitLine("exit-1: camera online", Duration.ofSeconds(10));

        // A Chinese plate, given in the URL, read as the car reaches the arming loop.
        system.awaitLane(
            "entry-1", "barrier closed and ready", l -> SystemFixture.barrier(l).equals("closed"));
        String plate = URLEncoder.encode("沪A12345", StandardCharsets.UTF_8);
        system.sim("POST", "/lanes/entry-1/vehicle/arrive?plate=" + plate + "&class=truck", null);
        controller.awaitLine(
            "entry-1: plate 沪A12345 read (truck, blue plate, confidence 95)",
            Duration.ofSeconds(10));
        // The lane goes on as before: the car is offered a card.
        system.awaitLane(
            "entry-1", "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
        // Taken, the card opens a stay that keeps what the camera saw, for exit checks and lost
        // cards.
        String card = system.sim("POST", "/lanes/entry-1/card/take", null).path("card").asText();
        system.awaitLane(
            "entry-1", "barrier open for the entry", l -> SystemFixture.barrier(l).equals("open"));
        try (java.sql.Connection db =
                java.sql.DriverManager.getConnection(
                    "jdbc:sqlite:file:" + system.ledger + "?mode=ro");
            java.sql.Statement q = db.createStatement();
            java.sql.ResultSet r =
                q.executeQuery(
                    "SELECT e.card, s.plate, s.vehicle_class, s.colour FROM sightings s"
                        + " JOIN entries e ON e.stay_id = s.stay_id WHERE s.direction = 'entry'")) {
          assertTrue(r.next(), "the entry's sighting is in the ledger");
          assertEquals(card, r.getString(1));
          assertEquals("沪A12345", r.getString(2));
          assertEquals("truck", r.getString(3));
          assertEquals("blue", r.getString(4));
        }

        // A read the camera is unsure of is dropped, not passed to the lane.
        system.sim(
            "POST", "/lanes/exit-1/vehicle/arrive", "{\"plate\":\"粤B12345\",\"confidence\":40}");
        controller.awaitLine(
            "exit-1: plate 粤B12345 dropped, confidence 40 below 60", Duration.ofSeconds(10));
        assertTrue(!controller.output().contains("plate 粤B12345 read"), controller.output());

        // The exit camera hangs behind its open connection: offline after three missed heartbeats.
        system.sim("POST", "/lanes/exit-1/faults/camera", "{\"silent\": true}");
        ConsoleEvent.DeviceStatus offline =
            awaitStatus(console, s -> s.lane().equals("exit-1") && !s.online());
        assertEquals("camera", offline.device());
        assertEquals("6000 毫秒无心跳 · silent: no heartbeat for 6000 ms", offline.detail());
        system.sim("DELETE", "/lanes/exit-1/faults/camera", null);
        awaitStatus(
            console, s -> s.lane().equals("exit-1") && s.online() && s.seq() > offline.seq());
        controller.awaitLine("exit-1: camera back online", Duration.ofSeconds(10));
      }
    }
  }

  private static ConsoleEvent.DeviceStatus awaitStatus(
      ConsoleApiClient console, Predicate<ConsoleEvent.DeviceStatus> wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsoleEvent e : console.events()) {
        if (e instanceof ConsoleEvent.DeviceStatus s
            && s.device().equals("camera")
            && wanted.test(s)) {
          return s;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no such camera status; events: " + console.events());
  }
}
