package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * The supervisor's reversal form and the cashier's shift handover in a real headless Chromium,
 * against real simulator, controller and console processes, checked in the booth and in the ledger
 * file. One system and one browser for the class; each test signs in as whom it needs.
 */
class ReversalIT {
  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser browser;
  static BoothClient cashier;
  static int cars;

  @BeforeAll
  static void start() throws Exception {
    system = new SystemFixture(dir, "shanghai-indoor-1.yaml");
    system.start();
    cashier = BoothClient.login(system.http, system.httpPort, "cashier1", "cashier1-demo");
    browser = system.booth("browser");
  }

  @AfterAll
  static void stop() throws Exception {
    if (cashier != null) {
      cashier.close();
    }
    if (system != null) {
      system.close();
    }
  }

  @AfterEach
  void signOut() {
    if (browser.text().contains("Log out")) {
      browser.logout();
    }
  }

  @Test
  void aSupervisorReversesAReceiptWithAReasonAndTheBoothAndLedgerShowIt() throws Exception {
    String receipt = paidCar();
    browser.login("supervisor1", "supervisor1-demo");
    assertTrue(browser.visible("reverse-section"), "a supervisor sees the reversal form");

    String answer = browser.reverse(receipt, "charged the wrong car");
    assertTrue(
        answer.contains("✓ 已冲正 · Reversed — 收据 Receipt " + receipt + " · 冲正金额 Reversed 5.00 CNY"),
        answer);
    browser.screenshot("reversal-done");
    String log = browser.awaitText("event-log", "冲正：收据 " + receipt);
    assertTrue(log.contains("charged the wrong car · supervisor1"), log);

    assertEquals(
        1,
        system.number(
            "SELECT COUNT(*) FROM reversals v JOIN payments p ON p.payment_id = v.payment_id"
                + " WHERE p.receipt_no = '"
                + receipt
                + "' AND v.amount_minor = -500 AND v.supervisor = 'supervisor1'"
                + " AND v.reason = 'charged the wrong car'"),
        "the reversal is in the ledger in the supervisor's name, with the reason");
    assertEquals(
        1, system.number("SELECT COUNT(*) FROM payments WHERE receipt_no = '" + receipt + "'"));

    String twice = browser.reverse(receipt, "again");
    assertTrue(twice.contains("Not reversed") && twice.contains("already reversed"), twice);
    assertEquals(1, system.number("SELECT COUNT(*) FROM reversals"));
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void aCashierDoesNotSeeTheFormAndCannotReverseEvenByHand() throws Exception {
    String receipt = paidCar();
    long before = system.number("SELECT COUNT(*) FROM reversals");
    browser.login("cashier2", "cashier2-demo");
    assertFalse(browser.visible("reverse-section"), "no reversal form for a cashier");

    // Sent by hand from the cashier's page, past the hidden form: the console refuses it.
    Object error =
        browser.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const ws = new WebSocket('ws://' + location.host + '/ws');"
                + "ws.onmessage = (m) => { const msg = JSON.parse(m.data);"
                + "  if (msg.type === 'result') { ws.close(); done(msg.refusal + ': ' + msg.error); } };"
                + "ws.onopen = () => ws.send(JSON.stringify({type: 'reverse',"
                + "  requestId: 'forced-reversal-1', receiptNo: '"
                + receipt
                + "', reason: 'forced'}));");
    assertTrue(String.valueOf(error).startsWith("FORBIDDEN: "), "" + error);
    assertTrue(String.valueOf(error).contains("Only supervisors may reverse"), "" + error);
    assertEquals(before, system.number("SELECT COUNT(*) FROM reversals"), "nothing reversed");
  }

  @Test
  void aCashierClosesTheirShiftAndSeesTheReportWithTheChainHead() throws Exception {
    browser.login("cashier1", "cashier1-demo");
    String receipt = paidCar(); // taken by cashier1 through the booth's API
    browser.reload(); // the page asks for the shift the other page opened
    String answer = browser.closeShift(java.util.Map.of(500L, 1));
    assertTrue(answer.contains("✓ 已交班 · Shift closed"), answer);
    String report = browser.awaitText("shift-report", "班次报表 · Shift report");
    browser.screenshot("shift-report");

    try (Connection db = system.readOnly();
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT shift_no, payments, last_receipt, chain_link, chain_head FROM shifts"
                    + " WHERE cashier = 'cashier1' ORDER BY shift_no DESC LIMIT 1")) {
      assertTrue(r.next(), "the shift report is in the ledger");
      assertTrue(report.contains("Shift report #" + r.getLong(1) + " · cashier1"), report);
      assertTrue(r.getLong(2) >= 1, "the payment is counted");
      assertEquals(receipt, r.getString(3));
      assertTrue(report.contains(".. " + receipt), "receipts range shown: " + report);
      assertTrue(
          report.contains("link " + r.getLong(4) + " sha256 " + r.getString(5)),
          "the chain head shown is the ledger's: " + report);
    }
    assertTrue(browser.visible("drawer-closed"), "closed: the page asks for a float again");
    assertFalse(browser.visible("drawer-open"), "and has no close key");
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  /** A car enters, is paid for by cashier1 at the booth (5.00) and leaves; its receipt number. */
  private static String paidCar() throws Exception {
    cars++;
    String card = system.carAtExit();
    JsonNode pending =
        cashier
            .awaitLane(
                "exit-1",
                "car " + card + " waiting",
                l -> l.path("pending").path("card").asText().equals(card))
            .path("pending");
    JsonNode paid =
        cashier.cashReceived(
            "reversal-it-pay-" + cars, "exit-1", pending.path("stayId").asLong(), 500);
    assertTrue(paid.path("ok").asBoolean(), paid.toString());
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    JsonNode receipt = paid.path("answer");
    assertEquals("receipt", receipt.path("kind").asText(), paid.toString());
    assertEquals("5.00", receipt.path("amount").asText(), paid.toString());
    assertEquals("cashier1", receipt.path("cashier").asText(), paid.toString());
    return receipt.path("receiptNo").asText();
  }
}
