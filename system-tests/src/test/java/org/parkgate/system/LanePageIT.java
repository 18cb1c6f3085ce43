package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;

/**
 * A tester drives a car in and out on the simulator's lane page, in a real headless Chromium,
 * against the real controller and console: every vehicle action goes through the page's own keys
 * and lists, and what is checked is what the page shows (the arm drawn up or down, the lane
 * display's rows, the event log, the vehicle gone) and what the ledger recorded. The fee is paid at
 * the booth, through the console's API, as a cashier would.
 */
class LanePageIT {
  private static final String PLATE = "沪A12345";

  @TempDir Path dir;

  @Test
  void aCarDrivesInAndOutThroughBothLanesOnThePage() throws Exception {
    try (SystemFixture system = new SystemFixture(dir, "shanghai-indoor-1.yaml")) {
      system.start();
      try (BoothClient booth =
              BoothClient.login(system.http, system.httpPort, "cashier1", "cashier1-demo");
          BoothBrowser page = new BoothBrowser(system.controlPort, dir.resolve("lane-page"))) {
        page.open("/");
        page.awaitText("sim-status", "Simulator online");
        page.awaitAttribute("lane-entry-1", "data-barrier", "closed");
        page.awaitAttribute("arm-entry-1", "data-position", "down");
        page.awaitText("devices-entry-1", "card unit ●");

        // Entry: the plate typed and Enter pressed puts the car on the arming loop.
        page.typeAndEnter("plate-entry-1", PLATE);
        page.awaitText("message-entry-1", "Vehicle " + PLATE + " on the arming loop");
        page.awaitAttribute("arming-entry-1", "data-occupied", "true");
        page.awaitAttribute("vehicle-entry-1", "data-at", "waiting");
        page.awaitText("events", "offered");
        String offered = page.awaitText("display-entry-1", "Please take your card");
        assertTrue(!offered.isBlank(), "the entry display asks for the card");

        // The card is taken with the keyboard: Esc leaves the plate field, T takes the card.
        page.keys(Keys.ESCAPE, "t");
        String taken = page.awaitText("message-entry-1", "taken");
        String card = taken.replaceAll("(?s).*Card ([0-9A-F]{10}) taken.*", "$1");
        assertTrue(card.matches("[0-9A-F]{10}"), "the page names the card taken: " + taken);
        page.awaitAttribute("lane-entry-1", "data-barrier", "open");
        page.awaitAttribute("arm-entry-1", "data-position", "up");
        assertTrue(
            page.awaitText("state-entry-1", "barrier up").contains(PLATE),
            "the lane says the barrier is up for the car waiting");

        page.press("drive-entry-1");
        page.awaitText("events", "Vehicle " + PLATE + " cleared the loops");
        page.awaitAttribute("lane-entry-1", "data-vehicle", "");
        page.awaitAttribute("lane-entry-1", "data-barrier", "closed");
        page.awaitAttribute("arm-entry-1", "data-position", "down");
        assertEquals(
            1,
            system.number("SELECT COUNT(*) FROM entries WHERE card = '" + card + "'"),
            "entry recorded");

        // Exit: the card comes from the page's list of cards taken at entries, and with it the
        // car's plate. The fee counts whole seconds: a stay shorter than one is free, so the card
        // is presented once the stay the controller recorded is a second old.
        page.choose("cards-exit-1", card);
        assertEquals(PLATE, page.attribute("plate-exit-1", "value"), "the plate follows the card");
        page.press("arrive-exit-1");
        page.awaitAttribute("vehicle-exit-1", "data-at", "waiting");
        system.awaitChargeable(card);
        page.press("present-exit-1");
        page.awaitText("message-exit-1", "Card " + card + " presented");
        String display = page.awaitText("display-exit-1", "5.00");
        assertTrue(display.contains("停车费"), "the fee, in Chinese and English: " + display);
        assertEquals("closed", page.attribute("lane-exit-1", "data-barrier"));
        assertEquals("down", page.attribute("arm-exit-1", "data-position"));

        // Driving at a closed barrier is refused, in words on the page.
        page.press("drive-exit-1");
        page.awaitText("message-exit-1", "barrier is closed, not fully open");
        page.show("lane-exit-1");
        page.screenshot("lane-page-exit-waiting");

        // The cashier takes the fee at the booth; the exit barrier lifts on the page.
        JsonNode pending =
            booth
                .awaitLane(
                    "exit-1", "the car waiting with its fee", l -> !l.path("pending").isNull())
                .path("pending");
        assertEquals(card, pending.path("card").asText());
        JsonNode paid =
            booth.cashReceived("lane-page-pay", "exit-1", pending.path("stayId").asLong(), 500);
        assertTrue(paid.path("ok").asBoolean(), "payment accepted: " + paid);
        page.awaitAttribute("lane-exit-1", "data-barrier", "open");
        page.awaitAttribute("arm-exit-1", "data-position", "up");
        page.awaitText("state-exit-1", "barrier up");
        page.screenshot("lane-page-exit-paid");

        // The car drives out with the keyboard: 2 selects the exit lane, D drives.
        page.keys("2", "d");
        page.awaitText("events", "Vehicle " + PLATE + " cleared the loops");
        page.awaitAttribute("lane-exit-1", "data-vehicle", "");
        page.awaitAttribute("lane-exit-1", "data-barrier", "closed");
        page.awaitAttribute("arm-exit-1", "data-position", "down");
        page.awaitText("state-exit-1", "no vehicle");

        // The event log tells the story newest first.
        List<String> exitLog = page.texts("#events li[data-lane='exit-1'] .ev-text");
        List<String> expected =
            List.of(
                "Barrier closed",
                "Vehicle " + PLATE + " cleared the loops",
                "Vehicle " + PLATE + " driving through",
                "Barrier open",
                "Barrier opening",
                "Card " + card + " presented by " + PLATE,
                "Vehicle " + PLATE + " (car) on the arming loop");
        assertInOrder(expected, exitLog);
        List<String> entryLog = page.texts("#events li[data-lane='entry-1'] .ev-text");
        assertInOrder(
            List.of(
                "Barrier closed",
                "Vehicle " + PLATE + " driving through",
                "Barrier open",
                "Card " + card + " taken by " + PLATE,
                "Card " + card + " offered",
                "Vehicle " + PLATE + " (car) on the arming loop"),
            entryLog);
        assertTrue(
            page.texts("#events li .ev-text").stream().anyMatch(t -> t.contains("5.00")),
            "the display's fee is in the log");

        // Faults: one the device cannot have is refused in words; one it can is shown on its chip
        // and in the log, and the keyboard clears it (1 selects the entry lane, C clears).
        page.choose("fault-device-entry-1", "display");
        page.choose("fault-kind-entry-1", "noise");
        page.press("inject-entry-1");
        page.awaitText("message-entry-1", "'noise' does not apply to the display");
        page.choose("fault-kind-entry-1", "silent");
        page.press("inject-entry-1");
        page.awaitText("device-entry-1-display", "⚠ silent");
        page.awaitText("events", "Faults on 显示屏 display: silent");
        page.keys("1", "c");
        page.awaitText("events", "Faults cleared on 显示屏 display");
        page.awaitAttribute("device-entry-1-display", "class", "device connected");

        page.script("window.scrollTo(0, 0)");
        page.screenshot("lane-page-after-exit");

        assertEquals(1, system.number("SELECT COUNT(*) FROM exits"), "exit recorded");
        assertEquals(
            1,
            system.number("SELECT COUNT(*) FROM payments WHERE amount_minor = 500"),
            "payment recorded");
        assertEquals(
            0,
            system.lane("entry-1").path("safetyViolations").asInt()
                + system.lane("exit-1").path("safetyViolations").asInt(),
            "the barrier never came down on the car");
      }
    }
  }

  /** Each expected line is found in {@code log}, in this order (other lines may come between). */
  private static void assertInOrder(List<String> expected, List<String> log) {
    int at = 0;
    for (String line : expected) {
      while (at < log.size() && !log.get(at).endsWith(line)) {
        at++;
      }
      assertTrue(at < log.size(), "event log lacks \"" + line + "\" in its place:\n" + log);
      at++;
    }
  }
}
