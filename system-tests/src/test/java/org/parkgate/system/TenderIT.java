package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * A cashier's shift from float to close in a real headless Chromium, against real simulator,
 * controller and console processes: no payment before the float is counted, cash tendered with the
 * change shown large, past the drawer limit no cash until a cash drop while a bank card with its
 * reference is still taken, then a blind count and the report's variance, each checked in the booth
 * and in the ledger file.
 */
class TenderIT {
  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    system = new SystemFixture(dir, "shanghai-indoor-1.yaml");
    // A drawer limit of 154.00: the float and one cash payment go past it.
    java.nio.file.Files.writeString(
        system.site, "cash: {drawerLimit: 154}\n", java.nio.file.StandardOpenOption.APPEND);
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
  void aShiftFromFloatToBlindCountWithChangeAndACardPayment() throws Exception {
    browser.login("cashier1", "cashier1-demo");
    system.carAtExit();
    browser.awaitDue("exit-1", "5.00");
    String why = browser.awaitText("no-shift-exit-1", "No shift open");
    assertTrue(why.contains("未开班"), why);
    assertEquals(0, system.number("SELECT COUNT(*) FROM payments"), "nothing taken before a float");

    // Float: one 100 note and five 10s.
    browser.fillFloat(Map.of(10000L, 1, 1000L, 5));
    browser.screenshot("shift-open-float");
    browser.openShiftIfNone(Map.of());
    browser.awaitText("expected-cash", "150.00");
    assertEquals(
        "15000 10000:1,1000:5",
        system.text("SELECT float_minor || ' ' || pieces FROM shift_floats"),
        "the float is in the ledger by note and coin");

    browser.tender("4");
    String short1 = browser.awaitText("pay-note", "less than");
    assertTrue(short1.contains("Tendered 4.00 is less than the 5.00 due"), short1);
    assertEquals(0, system.number("SELECT COUNT(*) FROM payments"), "a short tender is not sent");

    browser.tender("20");
    String change = browser.awaitText("change-amount", "15.00");
    assertTrue(change.endsWith("15.00"), change);
    String detail = browser.awaitText("change-detail", "Tendered 20.00");
    assertTrue(detail.contains("Due 5.00"), detail);
    browser.awaitText("expected-cash", "155.00");
    browser.awaitText("limit-note", "Over the 154.00 cash limit");
    browser.screenshot("tender-change");
    assertEquals(
        "cash 2000 1500",
        system.text(
            "SELECT tender || ' ' || tendered_minor || ' ' || change_minor FROM payment_tenders"));
    carLeaves();

    // Past the limit the cash key is off and says why; a bank card is still taken: the reference
    // is checked on the page, then recorded with the payment.
    system.carAtExit();
    browser.awaitDue("exit-1", "5.00");
    browser.awaitText("over-limit-exit-1", "Over the cash limit");
    browser.tender("5");
    browser.awaitText("pay-note", "record a cash drop");
    browser.payByCard("12345");
    browser.awaitText("pay-note", "6-12 digits");
    browser.payByCard("123456789012");
    browser.awaitText("result-exit-1", "Bank card received");
    assertEquals(
        "card 123456789012",
        system.text(
            "SELECT p.method || ' ' || t.reference FROM payments p"
                + " JOIN payment_tenders t ON t.payment_id = p.payment_id"
                + " ORDER BY p.payment_id DESC LIMIT 1"));
    browser.awaitText("drawer-tenders", "Bank card");
    browser.awaitText("expected-cash", "155.00");
    carLeaves();
    assertEquals(2, system.number("SELECT COUNT(*) FROM payments"), "no cash taken past the limit");

    // A cash drop of 100.00 (缴款) brings the drawer back under the limit.
    String dropped = browser.dropCash("100");
    assertTrue(dropped.contains("Cash drop recorded — 100.00 CNY · cashier1"), dropped);
    browser.awaitText("expected-cash", "55.00");
    assertEquals(
        "10000 cashier1", system.text("SELECT amount_minor || ' ' || by_whom FROM cash_drops"));

    // Blind count: 54.50 in the drawer where 55.00 is expected.
    String answer = browser.closeShift(Map.of(5000L, 1, 100L, 4, 50L, 1));
    assertTrue(answer.contains("✓ 已交班 · Shift closed"), answer);
    String variance = browser.awaitText("report-variance", "Short -0.50");
    assertTrue(variance.contains("短款"), variance);
    assertTrue(browser.awaitText("report-expected", "55.00").contains("55.00"));
    assertTrue(browser.awaitText("report-counted", "54.50").contains("54.50"));
    String tenders = browser.awaitText("report-tenders", "Bank card");
    assertTrue(tenders.contains("Cash") && tenders.contains("5.00"), tenders);
    browser.screenshot("tender-shift-report");
    assertEquals(
        "15000 2000 1500 10000 5500 5450 -50",
        system.text(
            "SELECT float_minor || ' ' || cash_in_minor || ' ' || change_minor || ' ' ||"
                + " dropped_minor || ' ' || expected_minor || ' ' || counted_minor || ' ' ||"
                + " variance_minor"
                + " FROM shift_counts"));
    assertEquals(
        "cash 1 500, card 1 500",
        system.text(
            "SELECT group_concat(tender || ' ' || payments || ' ' || taken_minor, ', ')"
                + " FROM (SELECT * FROM shift_tender_totals ORDER BY total_id)"));

    // Closed: no payment until a shift is opened again, and the key says why.
    system.carAtExit();
    browser.awaitDue("exit-1", "5.00");
    browser.awaitText("no-shift-exit-1", "No shift open");
    assertEquals(2, system.number("SELECT COUNT(*) FROM payments"));
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  private static void carLeaves() throws Exception {
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
  }
}
