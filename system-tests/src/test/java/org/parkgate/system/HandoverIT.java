package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * A shift from float to handover in a real headless Chromium against real simulator, controller and
 * console processes with a simulated booth printer: an incident raised at the exit blocks the close
 * until it is resolved with a note; the outgoing cashier counts blind and is short; the incoming
 * cashier signs with their own password (a wrong one is refused) and recounts; the report prints
 * with the variance, the cards, the receipts and the incident; the ledger holds it all.
 */
class HandoverIT {
  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    system = new SystemFixture(dir, "shanghai-indoor-1.yaml");
    system.start();
    browser = system.booth("browser");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void anIncidentBlocksTheCloseThenTheIncomingCashierAcceptsAShortDrawer() throws Exception {
    browser.login("cashier1", "cashier1-demo");
    browser.openShiftIfNone(Map.of(10000L, 1));
    browser.awaitText("expected-cash", "100.00");

    // One car pays 5.00 with a 10.00 note: 105.00 expected in the drawer.
    system.carAtExit();
    browser.awaitDue("exit-1", "5.00");
    browser.tender("10");
    browser.awaitText("change-amount", "5.00");
    browser.awaitText("expected-cash", "105.00");
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    system.awaitLane("exit-1", "barrier closed", l -> SystemFixture.barrier(l).equals("closed"));

    // Someone lifts the exit's arm by hand: an incident the booth must resolve before closing.
    system.sim("POST", "/lanes/exit-1/barrier/lift", "{\"hold\": true}");
    browser.awaitText("incident-list", "道闸被抬起 Barrier lifted without a transaction");
    system.sim("POST", "/lanes/exit-1/barrier/lift", "{\"hold\": false}");
    long incident = system.number("SELECT MAX(incident_id) FROM incidents");

    String blocked = browser.closeShift(Map.of(10000L, 1), 1, 1);
    assertTrue(blocked.contains("Shift not closed"), blocked);
    assertTrue(blocked.contains("#" + incident + " ARM_LIFTED_WITHOUT_TRANSACTION"), blocked);
    assertEquals(0, system.number("SELECT COUNT(*) FROM shifts"), "nothing closed");
    browser.press("count-cancel");

    String resolved = browser.resolveIncident(incident, "arm tested by the technician");
    assertTrue(resolved.contains("Resolved #" + incident), resolved);
    assertEquals(
        "cashier1 arm tested by the technician",
        system.text("SELECT resolved_by || ' ' || note FROM incident_resolutions"));

    // The incoming cashier's wrong password changes nothing; then they sign and recount.
    String wrong =
        browser.handOver(
            Map.of(10000L, 1), 1, 1, "cashier2", "not-their-password", Map.of(10000L, 1));
    assertTrue(wrong.contains("wrong user name or password"), wrong);
    assertEquals(0, system.number("SELECT COUNT(*) FROM handovers"));

    String done =
        browser.handOver(Map.of(10000L, 1), 1, 1, "cashier2", "cashier2-demo", Map.of(10000L, 1));
    assertTrue(done.contains("Handed over to cashier2 with a float of 100.00"), done);
    assertTrue(browser.awaitText("sheet-variance", "Short -5.00").contains("短款"));
    browser.awaitText("sheet-cards", "counted 1");
    browser.awaitText("sheet-incidents", "arm tested by the technician");
    browser.screenshot("handover-report");

    List<String> report = system.awaitPrinted("交接班报表");
    assertTrue(report.contains("接班 Handed to: cashier2"), report.toString());
    assertTrue(report.contains("差额 Variance: 短款 Short -5.00 CNY"), report.toString());
    assertTrue(report.contains("应有现金 Cash expected: 105.00 CNY"), report.toString());
    assertTrue(report.contains("IC卡 Cards: 应收回 expected 1 / 清点 counted 1"), report.toString());
    assertTrue(
        report.contains("  处理 Resolved: arm tested by the technician (cashier1)"),
        report.toString());

    assertEquals(
        "cashier1 cashier2",
        system.text("SELECT from_cashier || ' ' || to_cashier FROM handovers"));
    assertEquals(
        "10500 10000 -500",
        system.text(
            "SELECT expected_minor || ' ' || counted_minor || ' ' || variance_minor FROM shift_counts"));
    assertEquals(
        "10000 cashier2",
        system.text(
            "SELECT f.float_minor || ' ' || o.cashier FROM shift_floats f"
                + " JOIN shift_opens o ON o.shift_no = f.shift_no ORDER BY f.shift_no DESC LIMIT 1"));
    assertEquals(
        "1 1 1 1",
        system.text(
            "SELECT expected_cards || ' ' || counted_cards || ' ' || expected_receipts || ' ' ||"
                + " counted_receipts FROM shift_item_counts"));

    // cashier1 takes no more payments; cashier2 logs in to the drawer they accepted.
    browser.logout();
    browser.login("cashier2", "cashier2-demo");
    browser.awaitText("expected-cash", "100.00");

    // A copy of the handover report, recorded in cashier2's name and printed marked as a copy.
    browser.type("report-reprint-shift", "1");
    browser.press("report-reprint-button");
    browser.awaitText("shift-result", "Reprinted shift report #1");
    List<String> copy = system.awaitPrinted("副本 COPY 1");
    assertTrue(copy.contains("副本 COPY 1"), copy.toString());
    assertTrue(copy.contains("接班 Handed to: cashier2"), copy.toString());
    assertEquals(
        "1 cashier2",
        system.text("SELECT shift_no || ' ' || printed_by FROM shift_report_reprints"));
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }
}
