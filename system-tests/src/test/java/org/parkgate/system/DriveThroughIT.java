package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A car drives in and out through the simulated lane hardware: simulator, gate-controller and
 * cashier-console run as real processes on loopback, the test acts as driver (through the
 * simulator's control interface) and as cashier (through the booth's own HTTP and WebSocket).
 */
class DriveThroughIT {
  @TempDir Path dir;

  @Test
  void aCarEntersPaysAtTheBoothAndLeaves() throws Exception {
    List<RunningProcess> started;
    try (SystemFixture system = new SystemFixture(dir, "shanghai-indoor-1.yaml")) {
      system.start();
      started = new ArrayList<>(system.processes);

      try (BoothClient booth =
              BoothClient.login(system.http, system.httpPort, "cashier2", "cashier2-demo");
          BoothBrowser cashier = new BoothBrowser(system.httpPort, dir.resolve("browser"))) {
        cashier.login("cashier1", "cashier1-demo");
        // Entry: the car on the arming loop is offered a card; taking it opens the barrier.
        system.awaitLane(
            "entry-1", "barrier closed and ready", l -> SystemFixture.barrier(l).equals("closed"));
        system.sim("POST", "/lanes/entry-1/vehicle/arrive", null);
        system.awaitLane(
            "entry-1", "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
        String card = system.sim("POST", "/lanes/entry-1/card/take", null).path("card").asText();
        system.awaitLane(
            "entry-1", "barrier open for the entry", l -> SystemFixture.barrier(l).equals("open"));
        system.sim("POST", "/lanes/entry-1/vehicle/drive", "{\"wait\": true}");
        system.awaitLane(
            "entry-1",
            "barrier closed behind the car",
            l -> SystemFixture.barrier(l).equals("closed"));
        // The fee counts whole seconds: a stay shorter than one is "no time parked" and free.
        system.awaitChargeable(card);
        assertEquals(
            1,
            system.number("SELECT COUNT(*) FROM entries WHERE card = '" + card + "'"),
            "entry recorded");

        // Exit: the card is read, the fee is shown at the booth and on the lane, the barrier waits.
        system.sim("POST", "/lanes/exit-1/vehicle/arrive", null);
        system.sim("POST", "/lanes/exit-1/card/present", "{\"card\": \"" + card + "\"}");
        JsonNode atBooth =
            booth.awaitLane(
                "exit-1", "the vehicle waiting with its fee", l -> !l.path("pending").isNull());
        JsonNode pending = atBooth.path("pending");
        assertEquals(card, pending.path("card").asText());
        assertEquals(
            500, pending.path("dueMinor").asLong(), "first hour 5.00 on shanghai-indoor-1");
        JsonNode exitLane =
            system.awaitLane(
                "exit-1",
                "the fee on the lane display",
                l -> l.path("display").path("rows").toString().contains("5.00"));
        Thread.sleep(500);
        assertEquals(
            "closed",
            SystemFixture.barrier(system.lane("exit-1")),
            "the exit waits for payment: " + exitLane);
        assertEquals(0, system.number("SELECT COUNT(*) FROM payments"));

        // The cashier, in the browser, sees the fee and presses Enter for cash received.
        String page = cashier.awaitDue("exit-1", "5.00");
        assertTrue(page.contains(card), "the booth shows the card");
        cashier.screenshot("exit-waiting");
        assertEquals(
            "e2e-000001", cashier.cashReceived("exit-1"), "receipt number shown at the booth");
        cashier.screenshot("exit-paid");
        assertEquals(
            1,
            system.number(
                "SELECT COUNT(*) FROM payments WHERE amount_minor = 500 AND receipt_no = 'e2e-000001' AND cashier = 'cashier1'"));
        system.awaitLane(
            "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
        system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
        system.awaitLane(
            "exit-1",
            "barrier closed behind the car",
            l -> SystemFixture.barrier(l).equals("closed"));
        assertEquals(1, system.number("SELECT COUNT(*) FROM exits"), "exit recorded");

        // A second press of "cash received" (a retry on the same stay) charges nothing.
        JsonNode again =
            booth.cashReceived("e2e-pay-again", "exit-1", pending.path("stayId").asLong(), 500);
        assertTrue(!again.path("ok").asBoolean(), "no second charge: " + again);
        assertEquals(1, system.number("SELECT COUNT(*) FROM payments"));

        // The booth saw every step, in order.
        booth.awaitMessage("the vehicle leaving", m -> booth.loggedKinds().contains("VehicleLeft"));
        List<String> kinds =
            booth.loggedKinds().stream()
                .filter(
                    List.of("EntryRecorded", "ExitPending", "PaymentRecorded", "VehicleLeft")
                        ::contains)
                .toList();
        assertEquals(
            List.of("EntryRecorded", "ExitPending", "PaymentRecorded", "VehicleLeft"), kinds);
        assertEquals(
            0,
            system.lane("exit-1").path("safetyViolations").asInt()
                + system.lane("entry-1").path("safetyViolations").asInt(),
            "the barrier never came down on the car");
      }
    }
    for (RunningProcess p : started) {
      assertTrue(!p.isAlive() && p.handle().descendants().findAny().isEmpty(), p + " left running");
    }
  }
}
