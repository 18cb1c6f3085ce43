package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * A supervisor's lane modes and anti-passback resets from the booth page in a real headless
 * Chromium, against real simulator, controller and console processes: seen in the booth, obeyed by
 * the lane's display, and recorded in the ledger file. A cashier's page has no such controls, but
 * finds a vehicle whose driver lost the card by the plate the entry camera read, and charges the
 * lost card at the exit where it waits.
 */
class LaneControlIT {
  @TempDir static Path dir;
  static SystemFixture system;
  static RunningProcess controller;
  static BoothBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    system = SystemFixture.withCameras(dir, "shanghai-indoor-1.yaml");
    controller = system.start();
    browser = system.booth("browser");
  }

  @AfterAll
  static void stop() throws Exception {
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
  void aSupervisorClosesExit1AndOpensItAgainAndTheLaneTheBoothAndTheLedgerShowIt()
      throws Exception {
    browser.login("supervisor1", "supervisor1-demo");
    assertTrue(browser.visible("lane-mode-section"), "a supervisor sees the lane mode form");

    String answer = browser.setLaneMode("exit-1", "CLOSED", "resurfacing the ramp", false);
    assertTrue(
        answer.contains("✓ 已设置 · Lane mode set — exit-1 → 车道关闭 Closed · supervisor1"), answer);
    browser.awaitText("mode-exit-1", "车道关闭 Closed");
    system.awaitLane(
        "exit-1",
        "the lane display saying it is closed",
        l -> l.path("display").path("rows").toString().contains("车道关闭 Lane closed"));
    String log =
        browser.awaitText(
            "event-log", "车道模式：车道关闭，supervisor1，resurfacing the ramp · Lane mode · CLOSED");
    assertTrue(log.contains("CLOSED · supervisor1 · resurfacing the ramp"), log);
    browser.show("mode-exit-1");
    browser.screenshot("lane-closed");
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM lane_mode_changes WHERE lane = ? AND mode = ?"
                + " AND changed_by = ? AND reason = ?",
            "exit-1",
            "CLOSED",
            "supervisor1",
            "resurfacing the ramp"),
        "the change is in the ledger in the supervisor's name, with the reason");

    // Free exit lets cars out unpaid: the page asks first, and "no" sends nothing.
    String cancelled = browser.setLaneMode("exit-1", "FREE_EXIT", "gate test", false);
    assertTrue(cancelled.contains("Cancelled, nothing sent"), cancelled);

    String normal = browser.setLaneMode("exit-1", "NORMAL", "ramp reopened", false);
    assertTrue(normal.contains("exit-1 → 正常 Normal · supervisor1"), normal);
    browser.awaitText("mode-exit-1", "正常 Normal");
    system.awaitLane(
        "exit-1",
        "the lane display back to normal",
        l -> !l.path("display").path("rows").toString().contains("车道关闭"));
    assertEquals(
        2,
        number("SELECT COUNT(*) FROM lane_mode_changes WHERE lane = ?", "exit-1"),
        "closed, then normal; the cancelled free exit never reached the controller");
    assertEquals(
        "NORMAL",
        text("SELECT mode FROM lane_mode_changes ORDER BY change_id DESC LIMIT 1"),
        "the lane's mode now");
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void aSupervisorResetsTheCardOfACarInsideAndItsStayIsClosed() throws Exception {
    String card = enter(null, 0);
    long stay = number("SELECT stay_id FROM entries WHERE card = ?", card);

    browser.login("supervisor1", "supervisor1-demo");
    String answer = browser.resetCard(card, "driver let out by hand");
    assertTrue(
        answer.contains(
            "✓ 已重置 · Card reset — 卡号 Card "
                + card
                + " · 停车记录 #"
                + stay
                + " 已结束 · stay #"
                + stay
                + " closed"),
        answer);
    String log = browser.awaitText("event-log", "Anti-passback reset · Card " + card);
    assertTrue(log.contains("driver let out by hand · supervisor1"), log);

    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM passback WHERE card = ? AND kind = 'reset' AND stay_id = ?"
                + " AND by_whom = ? AND reason = ?",
            card,
            stay,
            "supervisor1",
            "driver let out by hand"),
        "the reset is in the ledger in the supervisor's name, with the reason");
    assertEquals(
        "supervisor",
        text("SELECT lane FROM exits WHERE stay_id = ?", stay),
        "the stay is closed by the supervisor");
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void aCashierFindsACarWhoseDriverLostTheCardByThePlateTheEntryCameraRead() throws Exception {
    controller.awaitLine("entry-1: camera online", Duration.ofSeconds(10));
    String card = enter("粤B12345", 1);
    long stay = number("SELECT stay_id FROM entries WHERE card = ?", card);

    browser.login("cashier1", "cashier1-demo");
    assertTrue(browser.visible("find-section"), "a cashier sees the find-vehicle form");
    // Typed as a cashier might: lower case, with a space; Enter searches and takes no cash.
    String answer = browser.findVehicle("粤b 12345", false);
    assertTrue(answer.startsWith("✓ 在场车辆"), answer);
    List<String> stays = browser.texts("#find-stays li");
    assertEquals(1, stays.size(), "one open stay: " + stays);
    List<String> labels = browser.texts("#find-stays li dt");
    List<String> values = browser.texts("#find-stays li dd");
    assertEquals(
        List.of(
            "停车记录 Stay",
            "卡号 Card",
            "入场车道 Entry lane",
            "入场时间 Entered",
            "车牌 Plate",
            "车型 Class",
            "车身颜色 Colour"),
        labels);
    assertEquals("#" + stay, values.get(0));
    assertEquals(card, values.get(1));
    assertEquals("entry-1", values.get(2));
    assertTrue(
        values.get(3).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(Asia/Shanghai\\)"),
        "entered in the site's zone: " + values.get(3));
    assertEquals(List.of("粤B12345", "car", "blue"), values.subList(4, 7), "what the camera saw");
    // Within the first hour: 5.00 for the stay and the 50.00 card replacement fee.
    assertEquals(
        List.of("遗失卡 Lost card 55.00 CNY 应收 · due if it leaves now"),
        browser.texts("#find-stays .fee"));
    browser.show("find-section");
    browser.screenshot("find-vehicle");

    String unknown = browser.findVehicle("沪Z99999", false);
    assertEquals(
        "✗ 未找到 · Not found: 现在不能操作 · Not possible now — 车牌 沪Z99999 没有在场车辆 · no open stay for"
            + " plate 沪Z99999",
        unknown);
    String bad = browser.findVehicle("粤B 1234#", false);
    assertTrue(bad.contains("A plate holds only letters, digits, spaces"), bad);

    assertEquals(
        0, number("SELECT COUNT(*) FROM exits WHERE stay_id = ?", stay), "the stay is still open");
    assertEquals(
        0,
        number("SELECT COUNT(*) FROM payments WHERE stay_id = ?", stay),
        "searching records nothing");
  }

  @Test
  void aCashierChargesALostCardAtTheExitWhereTheCarWaitsAndItLeavesWithTheCardBarred()
      throws Exception {
    controller.awaitLine("entry-1: camera online", Duration.ofSeconds(10));
    String card = enter("粤C24680", 1);
    long stay = number("SELECT stay_id FROM entries WHERE card = ?", card);

    // The driver comes to exit-1 and has no card to present.
    system.awaitLane(
        "exit-1", "barrier closed and ready", l -> SystemFixture.barrier(l).equals("closed"));
    system.sim("POST", "/lanes/exit-1/vehicle/arrive", "{\"plate\": \"粤C24680\"}");
    try (BoothClient watcher =
        BoothClient.login(system.http, system.httpPort, "finance1", "finance1-demo")) {
      watcher.awaitLane("exit-1", "the car at the exit", l -> l.path("vehiclePresent").asBoolean());
    }

    browser.login("cashier1", "cashier1-demo");
    String found = browser.findVehicle("粤C 24680", false);
    assertTrue(found.startsWith("✓ 在场车辆"), found);
    assertEquals(
        List.of("遗失卡 Lost card 55.00 CNY 应收 · due if it leaves now"),
        browser.texts("#find-stays .fee"));

    String cancelled = browser.cancelLostCard("lost-" + stay + "-exit-1");
    assertTrue(cancelled.contains("Fill in the form with the driver"), cancelled);
    assertEquals(0, number("SELECT COUNT(*) FROM incidents WHERE card = ?", card), "not sent");

    // This site needs no approval: registered, the fee is asked at the lane at once.
    String answer =
        browser.registerLostCard(
            "lost-" + stay + "-exit-1",
            java.util.Map.of(
                "driverName", "王芳",
                "phone", "13912345678",
                "idNumber", "440304199001011233",
                "circumstances", "card left at home"));
    assertTrue(
        answer.contains(
            "✓ 已登记遗失卡 · Lost card registered — 遗失卡 Lost card #1 · 停车费 Parking 5.00"
                + " + 工本费 Card 50.00 = 应收 Due 55.00 CNY"),
        answer);
    assertTrue(answer.contains("请在 exit-1 收款 · Take the fee at exit-1"), answer);
    String page = browser.awaitDue("exit-1", "55.00");
    assertTrue(page.contains(card), "the exit-1 card shows the stay's card: " + page);
    browser.show("exit-lanes");
    browser.screenshot("lost-card-fee");

    String receipt = browser.cashReceived("exit-1");
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    browser.screenshot("lost-card-paid");

    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM payments WHERE stay_id = ? AND receipt_no = ?"
                + " AND amount_minor = 5500 AND currency = 'CNY' AND cashier = 'cashier1'",
            stay,
            receipt),
        "the lost-card fee is paid for the stay, in cashier1's name");
    assertEquals(
        "exit-1", text("SELECT lane FROM exits WHERE stay_id = ?", stay), "the car left at exit-1");
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM incidents WHERE kind = 'LOST_CARD' AND card = ? AND lane = ?",
            card,
            "exit-1"),
        "the loss is an incident");
    assertEquals(
        "add",
        text(
            "SELECT action FROM blacklist WHERE kind = 'card' AND value = ?"
                + " ORDER BY row_id DESC LIMIT 1",
            card),
        "the card is barred");
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void aCarThatLeavesOwingThroughAHeldOpenExitIsChargedTheBalanceAtItsNextExit() throws Exception {
    String plate = "粤D13579";
    controller.awaitLine("entry-1: camera online", Duration.ofSeconds(10));
    String first = enter(plate, 1);
    long firstStay = number("SELECT stay_id FROM entries WHERE card = ?", first);

    browser.login("supervisor1", "supervisor1-demo");
    String held = browser.setLaneMode("exit-1", "HELD_OPEN", "concert traffic", true);
    assertTrue(held.contains("exit-1 → 道闸常开 Held open · supervisor1"), held);
    system.awaitLane("exit-1", "barrier held open", l -> SystemFixture.barrier(l).equals("open"));

    // The car presents its card, is shown 5.00 due, and drives on under the raised arm.
    atExit1(plate, 1, first);
    system.awaitLane(
        "exit-1",
        "the fee on the lane display",
        l -> l.path("display").path("rows").toString().contains("5.00"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    String log = browser.awaitText("event-log", "异常事件：LEFT_UNPAID");
    assertTrue(log.contains(plate), "the incident names the plate: " + log);
    assertEquals("exit-1", text("SELECT lane FROM exits WHERE stay_id = ?", firstStay), "its exit");
    assertEquals(
        500,
        number(
            "SELECT amount_minor FROM unpaid_balances WHERE stay_id = ? AND plate = ?",
            firstStay,
            plate),
        "5.00 owed against the plate");
    assertEquals(
        0, number("SELECT COUNT(*) FROM payments WHERE stay_id = ?", firstStay), "nothing paid");

    String normal = browser.setLaneMode("exit-1", "NORMAL", "concert over", false);
    assertTrue(normal.contains("exit-1 → 正常 Normal"), normal);
    system.awaitLane(
        "exit-1", "barrier closed again", l -> SystemFixture.barrier(l).equals("closed"));
    browser.logout();

    // Next visit: the same plate, a new card. The booth asks the stay's fee and the balance.
    String second = enter(plate, 2);
    long secondStay = number("SELECT stay_id FROM entries WHERE card = ?", second);
    browser.login("cashier1", "cashier1-demo");
    atExit1(plate, 2, second);
    String page = browser.awaitDue("exit-1", "10.00");
    assertTrue(
        page.contains("欠费：车牌 " + plate + " · Unpaid balance · plate " + plate),
        "the balance is a line of its own: " + page);
    assertTrue(page.contains("stay " + firstStay), "naming the visit it is from: " + page);
    browser.show("exit-lanes");
    browser.screenshot("arrears-at-next-exit");
    Thread.sleep(300);
    assertEquals("closed", SystemFixture.barrier(system.lane("exit-1")), "it waits for the 10.00");

    String receipt = browser.cashReceived("exit-1");
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    assertEquals(
        1000,
        number(
            "SELECT amount_minor FROM payments WHERE stay_id = ? AND receipt_no = ?",
            secondStay,
            receipt),
        "one payment of 10.00");
    assertEquals(
        500,
        number(
            "SELECT s.amount_minor FROM settlements s JOIN unpaid_balances b USING (balance_id)"
                + " JOIN payments p USING (payment_id) WHERE b.stay_id = ? AND p.stay_id = ?",
            firstStay,
            secondStay),
        "the balance settled by that payment");
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void aCarOwingThatDrivesUnderAnArmLiftedByHandLeavesItsBalanceOnThePlate() throws Exception {
    String plate = "粤E24680";
    controller.awaitLine("entry-1: camera online", Duration.ofSeconds(10));
    String card = enter(plate, 1);
    long stay = number("SELECT stay_id FROM entries WHERE card = ?", card);
    system.awaitLane(
        "exit-1", "barrier closed and ready", l -> SystemFixture.barrier(l).equals("closed"));
    atExit1(plate, 1, card);
    system.awaitLane(
        "exit-1",
        "the fee on the lane display",
        l -> l.path("display").path("rows").toString().contains("5.00"));

    // Someone lifts the arm and holds it up; the car drives through without paying.
    system.sim("POST", "/lanes/exit-1/barrier/lift", "{\"hold\": true}");
    system.awaitLane("exit-1", "the arm up", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true, \"dwellMs\": 1000}");
    awaitNumber(
        "the exit recorded, left unpaid",
        1,
        "SELECT COUNT(*) FROM incidents WHERE kind = 'LEFT_UNPAID' AND card = ? AND plate = ?",
        card,
        plate);
    system.sim("POST", "/lanes/exit-1/barrier/lift", "{\"hold\": false}");
    system.awaitLane(
        "exit-1", "the arm down once let go", l -> SystemFixture.barrier(l).equals("closed"));

    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM incidents WHERE kind = 'ARM_LIFTED_WITHOUT_TRANSACTION'"
                + " AND card = ? AND lane = 'exit-1'",
            card),
        "the lift is an incident naming the card being served");
    assertEquals("exit-1", text("SELECT lane FROM exits WHERE stay_id = ?", stay));
    assertEquals(
        500,
        number(
            "SELECT amount_minor FROM unpaid_balances WHERE stay_id = ? AND plate = ?",
            stay,
            plate),
        "5.00 owed against the plate");
    assertEquals(0, number("SELECT COUNT(*) FROM payments WHERE stay_id = ?", stay));
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  private static void awaitNumber(String what, long expected, String sql, Object... args)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long last = number(sql, args);
    while (last != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      last = number(sql, args);
    }
    assertEquals(expected, last, what);
  }

  /**
   * The car with {@code plate} drives onto exit-1's loop, the exit camera reads it (for the {@code
   * visit}-th time) and the driver presents {@code card}.
   */
  private static void atExit1(String plate, int visit, String card) throws Exception {
    system.sim("POST", "/lanes/exit-1/vehicle/arrive", "{\"plate\": \"" + plate + "\"}");
    controller.awaitLine("exit-1: plate " + plate + " read", visit, Duration.ofSeconds(10));
    system.sim("POST", "/lanes/exit-1/card/present", "{\"card\": \"" + card + "\"}");
  }

  /**
   * A car takes a card at entry-1, drives in and stays a moment (stays are priced in whole seconds,
   * and one of none costs nothing); returns the card. With a {@code plate} the entry camera reads
   * it first, for the {@code visit}-th time; with none the car shows no plate.
   */
  private static String enter(String plate, int visit) throws Exception {
    system.awaitLane(
        "entry-1", "barrier closed and ready", l -> SystemFixture.barrier(l).equals("closed"));
    if (plate == null) {
      system.sim("POST", "/lanes/entry-1/vehicle/arrive", null);
    } else {
      system.sim("POST", "/lanes/entry-1/vehicle/arrive", "{\"plate\": \"" + plate + "\"}");
      controller.awaitLine("entry-1: plate " + plate + " read", visit, Duration.ofSeconds(10));
    }
    system.awaitLane(
        "entry-1", "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
    String card = system.sim("POST", "/lanes/entry-1/card/take", null).path("card").asText();
    system.awaitLane(
        "entry-1", "barrier open for the entry", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/entry-1/vehicle/drive", "{\"wait\": true}");
    system.awaitChargeable(card);
    return card;
  }

  @Test
  void aCashiersPageHasNoLaneControlsAndAHandSentModeIsRefused() throws Exception {
    long before = number("SELECT COUNT(*) FROM lane_mode_changes");
    browser.login("cashier2", "cashier2-demo");
    browser.awaitText("mode-exit-1", "Normal");
    assertFalse(browser.visible("lane-mode-section"), "no lane mode form for a cashier");
    assertFalse(browser.visible("passback-section"), "no reset form for a cashier");
    assertEquals(0, browser.count("button.set-mode"), "no set-mode button on the lane cards");

    // Sent by hand from the cashier's page, past the hidden form: the console refuses it.
    Object error =
        browser.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const ws = new WebSocket('ws://' + location.host + '/ws');"
                + "ws.onmessage = (m) => { const msg = JSON.parse(m.data);"
                + "  if (msg.type === 'result') { ws.close(); done(msg.refusal + ': ' + msg.error); } };"
                + "ws.onopen = () => ws.send(JSON.stringify({type: 'lane-mode',"
                + "  requestId: 'forced-mode-1', lane: 'exit-1', mode: 'FREE_EXIT',"
                + "  reason: 'forced'}));");
    assertTrue(String.valueOf(error).startsWith("FORBIDDEN: "), "" + error);
    assertTrue(
        String.valueOf(error).contains("Only supervisors may set a lane's mode"), "" + error);
    assertEquals(before, number("SELECT COUNT(*) FROM lane_mode_changes"), "nothing changed");
  }

  private static Connection readOnly() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:file:" + system.ledger + "?mode=ro");
  }

  private static long number(String sql, Object... args) throws Exception {
    try (Connection db = readOnly();
        PreparedStatement s = prepared(db, sql, args);
        ResultSet r = s.executeQuery()) {
      assertTrue(r.next(), "no row for " + sql);
      return r.getLong(1);
    }
  }

  private static String text(String sql, Object... args) throws Exception {
    try (Connection db = readOnly();
        PreparedStatement s = prepared(db, sql, args);
        ResultSet r = s.executeQuery()) {
      assertTrue(r.next(), "no row for " + sql);
      return r.getString(1);
    }
  }

  private static PreparedStatement prepared(Connection db, String sql, Object... args)
      throws Exception {
    PreparedStatement s = db.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    return s;
  }
}
