package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * The registers finance keeps at the booth page, in real headless Chromiums against the real
 * simulator, controller and console: finance issues a batch of vouchers and downloads its codes, a
 * cashier uses one at the exit, and finance finds it used at that receipt and voids another; then a
 * free pass a supervisor approved shows in the exemption register.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistersIT {
  /** The voucher test's tariff: one hour for 5.00, then 2.00 a half hour; two voucher kinds. */
  private static final String TARIFF = VoucherIT.TARIFF;

  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser booth;
  static BoothBrowser office;
  static BoothBrowser supervisor;

  @BeforeAll
  static void start() throws Exception {
    Path tariff = dir.resolve("registers-e2e.yaml");
    Files.writeString(tariff, TARIFF);
    system = new SystemFixture(dir, tariff.toString());
    system.start();
    booth = system.booth("booth");
    office = system.booth("office");
    supervisor = system.booth("supervisor");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  @Order(1)
  void financeIssuesVouchersACashierUsesOneAndFinanceSeesItUsedAtThatReceipt() throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    office.login("finance1", "finance1-demo");
    office.awaitText("voucher-batches", "尚未发放优惠券 · No vouchers issued yet");
    assertTrue(office.visible("exemption-register-section"), "finance reads exemptions too");

    office.choose("voucher-kind", "HALF");
    office.type("voucher-issuer", "Cinema Lumière");
    office.type("voucher-count", "2");
    office.setValue("voucher-from", today.toString());
    office.setValue("voucher-to", today.minusDays(1).toString());
    office.press("voucher-issue");
    String wrong = office.awaitText("voucher-result", "Valid to is before valid from");
    assertTrue(wrong.startsWith("✗ 有效期截止日早于起始日 · "), wrong);
    assertEquals(0, system.number("SELECT COUNT(*) FROM voucher_batches"), "nothing issued");

    office.setValue("voucher-to", today.plusDays(30).toString());
    office.press("voucher-issue");
    office.awaitText("voucher-result", "Vouchers issued · 批次 batch #1 · 2 × HALF");
    List<String> codes = office.texts("#voucher-issued-codes li");
    assertEquals(2, codes.size(), "both codes shown: " + codes);
    String row = office.awaitText("voucher-batch-1", "Cinema Lumière");
    assertTrue(row.contains("finance1"), "issued by the person logged in: " + row);
    assertEquals(
        "finance1", system.text("SELECT issued_by FROM voucher_batches WHERE batch_no = 1"));

    String csv = office.download("voucher-download");
    assertEquals(
        "code,batch,kind,issuer,valid_from,valid_to\n"
            + codes.get(0)
            + ",1,HALF,Cinema Lumière,"
            + today
            + ","
            + today.plusDays(30)
            + "\n"
            + codes.get(1)
            + ",1,HALF,Cinema Lumière,"
            + today
            + ","
            + today.plusDays(30)
            + "\n",
        csv);

    // A cashier's page has no register, and an issue sent by hand from it is refused.
    booth.login("cashier1", "cashier1-demo");
    assertFalse(booth.visible("voucher-register-section"), "a cashier has no voucher register");
    Object forced =
        booth.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const ws = new WebSocket('ws://' + location.host + '/ws');"
                + "ws.onmessage = (m) => { const msg = JSON.parse(m.data);"
                + "  if (msg.type === 'result') { ws.close(); done(msg.refusal + ': ' + msg.error); } };"
                + "ws.onopen = () => ws.send(JSON.stringify({type: 'issue-vouchers',"
                + "  requestId: 'forced-issue-1', kind: 'HALF', issuer: 'me', count: 5,"
                + "  validFrom: '"
                + today
                + "', validTo: '"
                + today
                + "'}));");
    assertTrue(String.valueOf(forced).startsWith("FORBIDDEN: "), "" + forced);
    assertEquals(1, system.number("SELECT COUNT(*) FROM voucher_batches"), "no second batch");

    // The cashier uses the first code at the exit and takes what is left.
    booth.openShiftIfNone(Map.of(10000L, 2));
    system.carAtExit();
    booth.awaitDue("exit-1", "5.00");
    booth.typeAndEnter("voucher-exit-1", codes.get(0));
    booth.awaitText("action-result-exit-1", "Voucher applied");
    booth.awaitDue("exit-1", "2.50");
    booth.leaveField();
    booth.cashReceived("exit-1");
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    String receipt = system.text("SELECT receipt_no FROM payments");

    // Finance looks the code up: used at exit-1, at that receipt.
    office.typeAndEnter("voucher-code", codes.get(0).toLowerCase());
    office.awaitText("voucher-status", "已使用 Used");
    assertEquals(receipt, office.awaitText("voucher-receipt", receipt));
    String facts = office.awaitText("voucher-found", "exit-1");
    assertTrue(facts.contains("cashier1"), facts);
    assertTrue(facts.contains("5.00 → 2.50 CNY"), facts);
    office.show("voucher-show-form");
    office.screenshot("voucher-register");

    // The other code is voided with a reason, once.
    office.typeAndEnter("voucher-code", codes.get(1));
    office.awaitText("voucher-status", "未使用 Unused");
    office.type("voucher-void-reason", "merchant reported it stolen");
    office.press("voucher-void");
    office.acceptQuestion();
    office.awaitText("voucher-result", "已作废 · Voided " + codes.get(1));
    office.awaitText("voucher-status", "已作废 Voided");
    assertFalse(
        office.count("#voucher-void") > 0, "a voided code has no void key: it is voided once");
    String batch = office.awaitText("voucher-batch-1", "Cinema Lumière");
    assertTrue(batch.matches("(?s).*#1\\s+Cinema Lumière\\s+HALF\\s+2\\s+1\\s+1\\s+0.*"), batch);
    Object twice =
        office.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const ws = new WebSocket('ws://' + location.host + '/ws');"
                + "ws.onmessage = (m) => { const msg = JSON.parse(m.data);"
                + "  if (msg.type === 'result') { ws.close(); done(msg.refusal + ': ' + msg.error); } };"
                + "ws.onopen = () => ws.send(JSON.stringify({type: 'void-voucher',"
                + "  requestId: 'void-again-1', code: '"
                + codes.get(1)
                + "', reason: 'again'}));");
    assertTrue(
        String.valueOf(twice).startsWith("NOT_NOW: 优惠券已作废 · Voucher " + codes.get(1)), "" + twice);
    assertEquals(1, system.number("SELECT COUNT(*) FROM voucher_voids"));

    String shown =
        system.admin("VouchersMain", "show", codes.get(1), "--site", system.site.toString());
    assertTrue(shown.contains("voided"), "the command line reads the same register: " + shown);
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  @Order(2)
  void aFreePassApprovedAndABarrierLiftedByHandAreInTheExemptionRegisterFinanceReads()
      throws Exception {
    String card = system.carAtExit();
    booth.awaitText("exit-lanes", card);
    booth.typeAndEnter("free-reason-exit-1", "ambulance crew on a call");
    booth.awaitText("action-result-exit-1", "Asked, waiting for a supervisor");

    supervisor.login("supervisor1", "supervisor1-demo");
    supervisor.awaitText("pass-1", "ambulance crew on a call");
    supervisor.press("pass-approve-1");
    supervisor.awaitText("free-pass-result", "Free pass approved");
    system.awaitLane(
        "exit-1", "barrier open after the free pass", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");

    // The next car is let out by hand, with a reason: what it owed stays owed.
    system.carAtExit();
    booth.awaitDue("exit-1", "5.00");
    booth.typeAndEnter("lift-reason-exit-1", "card reader fault");
    booth.acceptQuestion();
    booth.awaitText("action-result-exit-1", "Barrier lifted");
    system.awaitLane(
        "exit-1", "barrier open after the lift", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");

    office.press("exemption-show");
    String lift = office.awaitText("exemption-lift-1", "card reader fault");
    assertTrue(lift.contains("cashier1"), lift);
    assertTrue(lift.contains("欠费 Owed 5.00 CNY"), lift);
    String pass = office.awaitText("exemption-pass-1", "已批准 Approved");
    for (String shown :
        new String[] {
          "exit-1", "ambulance crew on a call", "cashier1", "supervisor1", card, "免收 Fee waived"
        }) {
      assertTrue(pass.contains(shown), pass + " should show " + shown);
    }
    office.awaitText("exemption-result", "免费放行 Free passes 1 · 手动抬杆 Manual lifts 1");
    office.show("exemption-register-section");
    office.screenshot("exemption-register");

    // Supervisors read it as well; a day range the wrong way round is refused in the page.
    supervisor.press("exemption-show");
    supervisor.awaitText("exemption-pass-1", "已批准 Approved");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    supervisor.setValue("exemption-from", today.toString());
    supervisor.setValue("exemption-to", today.minusDays(1).toString());
    supervisor.press("exemption-show");
    supervisor.awaitText("exemption-result", "The last day is before the first");
  }
}
