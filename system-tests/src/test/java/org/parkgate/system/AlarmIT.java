package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults as the cashier meets them, with the real processes and the booth in headless Chromium: a
 * card reader gone and an arm lifted by hand sound the alarm at the foot of the screen until the
 * cashier acknowledges it, and the cashier records what was done about the incident.
 */
class AlarmIT {
  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser booth;

  @BeforeAll
  static void start() throws Exception {
    system = new SystemFixture(dir, "demo-hourly.yaml");
    system.start();
    booth = system.booth("booth");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aFaultSoundsUntilAcknowledgedAndTheCashierRecordsWhatWasDone() throws Exception {
    booth.login("cashier1", "cashier1-demo");
    booth.openShiftIfNone(java.util.Map.of(10000L, 1));
    assertFalse(booth.visible("alarm"), "nothing wrong, no alarm");
    long quiet = beeps();

    system.sim("POST", "/lanes/exit-1/faults/cardUnit", "{\"disconnect\": true}");
    String offline = booth.awaitText("alarm-list", "exit-1 · 设备离线 Device offline 读卡器（");
    assertTrue(offline.contains(" · card-reader ("), offline);
    assertTrue(booth.visible("alarm"), offline);
    assertTrue(beeps() > quiet, "the alarm sounded");
    booth.screenshot("alarm-device-offline");
    booth.press("alarm-ack");
    assertFalse(booth.visible("alarm"), "acknowledged: silent");
    long acknowledged = beeps();

    system.sim("POST", "/lanes/exit-1/faults/cardUnit", "{\"disconnect\": false}");
    system.sim("POST", "/lanes/exit-1/barrier/lift", "{\"hold\": true}");
    String lifted = booth.awaitText("alarm-list", "道闸被抬起 · Barrier lifted without a transaction");
    assertTrue(lifted.startsWith("exit-1"), lifted);
    assertTrue(beeps() > acknowledged, "a new fault sounds again");
    system.sim("POST", "/lanes/exit-1/barrier/lift", "{\"hold\": false}");
    booth.press("alarm-ack");
    assertFalse(booth.visible("alarm"));

    long incident = system.number("SELECT MAX(incident_id) FROM incidents");
    String resolved =
        booth.resolveIncident(incident, "arm lifted by the attendant for a tow truck");
    assertTrue(resolved.contains("Resolved"), resolved);
    assertEquals(
        "arm lifted by the attendant for a tow truck",
        system.text("SELECT note FROM incident_resolutions WHERE incident_id = " + incident));
  }

  private static long beeps() {
    Object n =
        booth.asyncScript(
            "const done = arguments[arguments.length - 1]; done(window.BoothAlarm.beeps());");
    return ((Number) n).longValue();
  }
}
