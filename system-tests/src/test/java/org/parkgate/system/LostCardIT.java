package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * A lost card registered at the booth and approved by a supervisor at another browser, in two real
 * headless Chromiums against real simulator, controller and console processes, on a site whose lost
 * cards need a supervisor's or finance's approval: the form, both cameras' plates, the fee taken as
 * usual, the receipt printed on the simulated printer, the barrier opened, and the register in the
 * ledger.
 */
class LostCardIT {
  static final String PLATE = "粤B12345";

  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser booth;
  static BoothBrowser office;
  static String boothId;

  @BeforeAll
  static void start() throws Exception {
    system = SystemFixture.withCameras(dir, "shanghai-indoor-1.yaml");
    boothId = "booth-" + system.httpPort;
    system.addToSite("lostCard: {approval: supervisor-or-finance}\n");
    system.start();
    booth = system.booth("booth");
    office = system.booth("office");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  /** A car with plate {@link #PLATE} enters, and comes to the exit without its card. */
  private static void carAtExitWithoutCard() throws Exception {
    String plate = URLEncoder.encode(PLATE, StandardCharsets.UTF_8);
    system.awaitLane(
        "entry-1", "barrier closed and ready", l -> SystemFixture.barrier(l).equals("closed"));
    system.sim("POST", "/lanes/entry-1/vehicle/arrive?plate=" + plate + "&class=car", null);
    system.awaitLane(
        "entry-1", "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
    system.sim("POST", "/lanes/entry-1/card/take", null);
    system.awaitLane("entry-1", "barrier open", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/entry-1/vehicle/drive", "{\"wait\": true}");
    system.sim("POST", "/lanes/exit-1/vehicle/arrive?plate=" + plate + "&class=car", null);
  }

  @Test
  void aCashierRegistersALostCardASupervisorApprovesItAndTheDriverPaysAndLeaves() throws Exception {
    booth.login("cashier1", "cashier1-demo");
    booth.openShiftIfNone(Map.of(10000L, 1));
    carAtExitWithoutCard();
    assertFalse(booth.visible("lost-card-register-section"), "a cashier has no decision keys");

    String found = booth.findVehicle(PLATE, false);
    assertTrue(found.contains(PLATE), found);
    String button = "lost-1-exit-1"; // stay 1's key at exit-1
    assertEquals(
        "在 exit-1 登记遗失卡 · Register lost card at exit-1", booth.texts("button.lost-card").get(0));

    String vehicle = booth.openLostCardForm(button);
    assertTrue(
        vehicle.contains("入场车牌 Entry plate 粤B12345 | 出场车牌 Exit camera 粤B12345 ✓ 一致 · match"),
        "the exit camera's plate beside the entry's, before anything is sent: " + vehicle);

    Map<String, String> form = new LinkedHashMap<>();
    form.put("driverName", "张伟");
    form.put("phone", "138 0013 8000");
    form.put("idNumber", "11010519491231002");
    form.put("circumstances", "在商场丢失 · lost in the mall");
    String wrong = booth.registerLostCard(button, form);
    assertTrue(
        wrong.contains("身份证号码应为 18 位，现为 17 位 · The ID number has 18 characters, not 17"), wrong);

    form.put("idNumber", "11010519491231002X");
    String registered = booth.registerLostCard(button, form);
    assertTrue(registered.startsWith("已登记，待批准 · Registered, awaiting approval"), registered);
    assertTrue(
        registered.contains("入场车牌 Entry plate 粤B12345 | 出场车牌 Exit camera 粤B12345 ✓ 一致 · match"),
        registered);
    assertTrue(registered.contains("工本费 Card 50.00"), registered);
    booth.awaitText("exit-lanes", "Lost card awaiting approval #1");
    booth.screenshot("lost-card-registered");

    // Sent by hand from the cashier's page, past the missing key: refused, nothing decided.
    Object forced =
        booth.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const ws = new WebSocket('ws://' + location.host + '/ws');"
                + "ws.onmessage = (m) => { const msg = JSON.parse(m.data);"
                + "  if (msg.type === 'result') { ws.close(); done(msg.refusal + ': ' + msg.error); } };"
                + "ws.onopen = () => ws.send(JSON.stringify({type: 'decide-lost-card',"
                + "  requestId: 'forced-lost-decision-1', lostCardNo: 1, approve: true}));");
    assertTrue(String.valueOf(forced).startsWith("FORBIDDEN: "), "" + forced);
    assertEquals(0, system.number("SELECT COUNT(*) FROM lost_card_decisions"), "nothing decided");
    assertEquals("closed", SystemFixture.barrier(system.lane("exit-1")));

    office.login("supervisor1", "supervisor1-demo");
    String pending = office.awaitText("lost-card-pending-1", "Awaiting approval");
    for (String shown :
        new String[] {
          "出场车牌 Exit camera 粤B12345",
          "入场车牌 Entry plate 粤B12345",
          "张伟",
          "11010519491231002X",
          "cashier1",
          "exit-1"
        }) {
      assertTrue(pending.contains(shown), pending + " should show " + shown);
    }
    office.screenshot("lost-card-awaiting-approval");
    office.press("lost-card-approve-1");
    String decided =
        office.awaitText("lost-card-decide-result", "✓ 已批准遗失卡 · Lost card approved #1");
    assertTrue(decided.contains("exit-1"), decided);

    booth.awaitText("event-log", "Lost card approved #1 · supervisor1");
    String due = registered.replaceAll("(?s).*应收 Due ([0-9.]+) CNY.*", "$1");
    booth.awaitDue("exit-1", due);
    String receipt = booth.cashReceived("exit-1");
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));

    JsonNode printed = awaitPrinted();
    String lines = printed.toString();
    assertTrue(lines.contains(due), "the receipt printed with the fee " + due + ": " + lines);
    // The receipt names the plate and carries the code a driver can check the ledger with.
    String receiptNo = system.text("SELECT receipt_no FROM payments ORDER BY payment_id DESC");
    List<String> paper = system.awaitPrinted("收据号 Receipt No: " + receiptNo);
    assertTrue(paper.contains("车牌 Plate: " + PLATE), "the plate on the receipt: " + paper);
    String code =
        paper.stream()
            .filter(l -> l.startsWith("验证码 Check code: "))
            .map(l -> l.substring("验证码 Check code: ".length()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no verification code on " + paper));
    assertTrue(
        paper.contains("账本 Ledger: " + code.substring(0, code.indexOf('-'))), paper.toString());
    String checked = system.audit("verify-receipt", code, "--db", system.ledger.toString());
    assertTrue(
        checked.startsWith("receipt " + receiptNo + " (" + due),
        "the code checks out against the ledger: " + checked);
    office.awaitText("lost-card-register", "已批准 Approved · supervisor1");
    office.awaitText("lost-card-register", "收据 Receipt");
    office.show("lost-card-register");
    office.screenshot("lost-card-register");

    try (Connection db = system.readOnly();
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT c.lane, c.matched, c.plate, c.entry_plate, c.exit_plate, c.driver_name,"
                    + " c.phone, c.id_number, c.registered_by, c.replacement_minor, d.approved,"
                    + " d.decided_by, d.role, p.receipt_no, p.amount_minor,"
                    + " c.parking_minor + c.replacement_minor"
                    + " FROM lost_cards c JOIN lost_card_decisions d"
                    + " ON d.lost_card_no = c.lost_card_no JOIN payments p ON p.stay_id = c.stay_id"
                    + " WHERE c.lost_card_no = 1")) {
      assertTrue(r.next(), "the registration, its decision and the payment are in the ledger");
      assertEquals("exit-1", r.getString(1));
      assertEquals(1, r.getInt(2), "matched to the entry");
      assertEquals(PLATE, r.getString(3));
      assertEquals(PLATE, r.getString(4));
      assertEquals(PLATE, r.getString(5));
      assertEquals("张伟", r.getString(6));
      assertEquals("13800138000", r.getString(7));
      assertEquals("11010519491231002X", r.getString(8));
      assertEquals("cashier1", r.getString(9));
      assertEquals(5000, r.getLong(10));
      assertEquals(1, r.getInt(11));
      assertEquals("supervisor1", r.getString(12));
      assertEquals("supervisor", r.getString(13));
      assertTrue(receipt.contains(r.getString(14)), receipt + " shows " + r.getString(14));
      assertEquals(r.getLong(16), r.getLong(15), "paid what was registered");
    }
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  /** The simulated printer's documents once one is printed. */
  private static JsonNode awaitPrinted() throws Exception {
    long until = System.nanoTime() + 15_000_000_000L;
    while (true) {
      JsonNode p = system.sim("GET", "/booths/" + boothId + "/printer", null);
      if (p.path("documents").size() > 0) {
        return p.path("documents");
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("nothing printed: " + p);
      }
      Thread.sleep(100);
    }
  }
}
