package org.parkgate.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.console.CashierConsole;
import org.parkgate.console.FakeController;
import org.parkgate.console.TestConsole;
import org.parkgate.money.Money;

/** The booth page's WebSocket: snapshot on connect, live updates, and "cash received". */
class BrowserSocketTest {
  static FakeController controller;
  static CashierConsole console;
  static String base;
  final HttpClient http = HttpClient.newHttpClient();
  WebSocket socket;

  @BeforeAll
  static void start() throws Exception {
    controller = new FakeController();
    console = TestConsole.start(controller);
    base = "http://127.0.0.1:" + console.httpPort();
    assertTrue(controller.nextCommand() instanceof ConsoleCommand.Hello);
  }

  @AfterAll
  static void stop() {
    console.close();
    controller.close();
  }

  @AfterEach
  void closeSocket() {
    if (socket != null) {
      socket.abort();
    }
    controller.refuseWith = null;
  }

  @Test
  void aPageGetsWhoIsSignedInTheStateAndTheLogThenLiveUpdates() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    JsonNode hello = inbox.next(m -> m.path("type").asText().equals("hello"));
    assertEquals("cashier1", hello.path("user").path("username").asText());
    assertTrue(hello.path("user").path("takesCash").asBoolean());
    inbox.next(m -> m.path("type").asText().equals("state"));
    inbox.next(m -> m.path("type").asText().equals("log"));

    controller.publish(FakeController.exitPending(101, "CARD-101", 1100));
    JsonNode pending = pendingState(inbox, 101);
    assertEquals("11.00", pending.path("due").asText());
    assertEquals(
        "2027-01-09 13:00:00", pending.path("entryTime").asText(), "entry time in Asia/Shanghai");
    assertEquals("1 小时 30 分 · 1 h 30 min", pending.path("duration").asText());
    assertEquals(2, pending.path("items").size());
    JsonNode log = inbox.next(m -> m.path("type").asText().equals("log"));
    assertTrue(log.path("entries").get(0).path("text").asText().contains("11.00"));
  }

  @Test
  void cashReceivedRecordsThePaymentOnceAndShowsTheReceipt() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    controller.publish(FakeController.exitPending(202, "CARD-202", 1100));
    pendingState(inbox, 202);
    drainCommands();

    cash("req-cash-0202", 202, 1100);
    JsonNode result = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(result.path("ok").asBoolean(), result.toString());
    assertEquals("req-cash-0202", result.path("requestId").asText());
    JsonNode receipt = result.path("answer");
    assertEquals("receipt", receipt.path("kind").asText(), result.toString());
    assertTrue(receipt.path("receiptNo").asText().startsWith("demo-"), result.toString());
    assertEquals("11.00", receipt.path("amount").asText());
    assertEquals("CNY", receipt.path("currency").asText());
    assertEquals("cashier1", receipt.path("cashier").asText());
    assertFalse(result.has("detail"), "no sentence for the page to parse: " + result);

    ConsoleCommand.RecordCashPayment sent =
        (ConsoleCommand.RecordCashPayment) controller.nextCommand();
    assertEquals("req-cash-0202", sent.requestId());
    assertEquals("exit-1", sent.lane());
    assertEquals(202, sent.stayId());
    assertEquals(1100, sent.amount().minor());
    assertEquals(
        "cashier1",
        controller.userOf(sent.session()),
        "the controller takes the cashier from the session");

    JsonNode paid =
        inbox.next(m -> m.path("type").asText().equals("state") && !lane(m).path("paid").isNull());
    assertTrue(lane(paid).path("paid").path("receiptNo").asText().startsWith("demo-"));
    assertTrue(lane(paid).path("pending").isNull());

    // Pressed again with the same id (a page that lost its link): the same result, no second
    // charge.
    long events = controller.lastSeq();
    cash("req-cash-0202", 202, 1100);
    JsonNode again = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals(result.path("answer"), again.path("answer"));
    assertEquals(events, controller.lastSeq());
  }

  @Test
  void aStalePageIsRefusedAndNothingReachesTheController() throws Exception {
    Inbox inbox = open("cashier2", "cashier2-demo");
    controller.publish(FakeController.exitPending(303, "CARD-303", 1500));
    pendingState(inbox, 303);
    drainCommands();

    cash("req-cash-0303a", 303, 1100);
    JsonNode changed = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(changed.path("ok").asBoolean());
    assertTrue(
        changed.path("error").asText().contains("amount due changed to 15.00"), changed.toString());

    cash("req-cash-0303b", 999, 1500);
    JsonNode wrongCar = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(wrongCar.path("error").asText().contains("No such vehicle"), wrongCar.toString());

    socket.sendText(
        "{\"type\":\"cash\",\"requestId\":\"req-cash-0303c\",\"lane\":\"exit-1\",\"stayId\":\"x\",\"dueMinor\":1.5}",
        true);
    JsonNode notNumbers = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(notNumbers.path("error").asText().contains("whole numbers"), notNumbers.toString());

    socket.sendText("{not json", true);
    assertTrue(
        inbox
            .next(m -> m.path("type").asText().equals("error"))
            .path("error")
            .asText()
            .contains("malformed"));
    TestConsole.assertNothingSent(console, controller);
  }

  @Test
  void financeWatchesButCannotTakeCash() throws Exception {
    Inbox inbox = open("finance1", "finance1-demo");
    controller.publish(FakeController.exitPending(404, "CARD-404", 800));
    pendingState(inbox, 404);
    drainCommands();
    cash("req-cash-0404", 404, 800);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(r.path("ok").asBoolean());
    assertTrue(r.path("error").asText().contains("Only cashiers and supervisors"), r.toString());
    TestConsole.assertNothingSent(console, controller);
  }

  @Test
  void aCashierCannotReverseAReceiptAndNothingReachesTheController() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    drainCommands();
    reverse("req-rev-0601", "demo-000001", "wrong vehicle charged");
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(r.path("ok").asBoolean());
    assertEquals("req-rev-0601", r.path("requestId").asText());
    assertTrue(r.path("error").asText().contains("Only supervisors"), r.toString());
    TestConsole.assertNothingSent(console, controller);
  }

  @Test
  void aSupervisorsReversalIsForwardedInTheirNameAndLogged() throws Exception {
    Inbox inbox = open("supervisor1", "supervisor1-demo");
    JsonNode hello = inbox.next(m -> m.path("type").asText().equals("hello"));
    assertTrue(hello.path("user").path("reverses").asBoolean());
    drainCommands();

    reverse("req-rev-0602", "", "no receipt given");
    JsonNode blank = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(blank.path("error").asText().contains("receipt number"), blank.toString());

    socket.sendText(
        "{\"type\":\"reverse\",\"requestId\":\"req-rev-0603\",\"receiptNo\":\"demo-000042\","
            + "\"reason\":\" wrong vehicle charged \",\"supervisor\":\"someone-else\"}",
        true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(r.path("ok").asBoolean(), r.toString());
    assertEquals("reversed", r.path("answer").path("kind").asText());
    assertEquals("demo-000042", r.path("answer").path("receiptNo").asText());
    assertEquals("11.00", r.path("answer").path("amount").asText());
    ConsoleCommand.ReversePayment sent = (ConsoleCommand.ReversePayment) controller.nextCommand();
    assertEquals("req-rev-0603", sent.requestId());
    assertEquals("demo-000042", sent.receiptNo());
    assertEquals("wrong vehicle charged", sent.reason());
    assertEquals(
        "supervisor1", controller.userOf(sent.session()), "the supervisor comes from the session");

    JsonNode log =
        inbox.next(
            m ->
                m.path("type").asText().equals("log")
                    && m.path("entries").path(0).path("text").asText().startsWith("冲正"));
    String text = log.path("entries").get(0).path("text").asText();
    assertTrue(text.contains("Receipt demo-000042"), text);
    assertTrue(text.contains("wrong vehicle charged"), text);
  }

  @Test
  void aCashierCannotSetALaneModeOrResetACardByHandAndNothingReachesTheController()
      throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    JsonNode hello = inbox.next(m -> m.path("type").asText().equals("hello"));
    assertFalse(hello.path("user").path("controlsLanes").asBoolean());
    drainCommands();
    socket.sendText(
        "{\"type\":\"lane-mode\",\"requestId\":\"req-mode-0801\",\"lane\":\"exit-1\","
            + "\"mode\":\"FREE_EXIT\",\"reason\":\"let everyone out\"}",
        true);
    JsonNode mode = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("req-mode-0801", mode.path("requestId").asText());
    assertTrue(mode.path("error").asText().contains("Only supervisors"), mode.toString());
    socket.sendText(
        "{\"type\":\"reset-passback\",\"requestId\":\"req-pb-0802\",\"card\":\"3F09A1C27E\","
            + "\"reason\":\"friend\"}",
        true);
    JsonNode reset = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(reset.path("error").asText().contains("Only supervisors"), reset.toString());
    TestConsole.assertNothingSent(console, controller);
  }

  @Test
  void aSupervisorClosesALaneAndResetsACardFromTheirPage() throws Exception {
    Inbox inbox = open("supervisor1", "supervisor1-demo");
    JsonNode hello = inbox.next(m -> m.path("type").asText().equals("hello"));
    assertTrue(hello.path("user").path("controlsLanes").asBoolean());
    drainCommands();

    socket.sendText(
        "{\"type\":\"lane-mode\",\"requestId\":\"req-mode-0803\",\"lane\":\"exit-1\","
            + "\"mode\":\"CLOSED\",\"reason\":\" resurfacing \",\"by\":\"someone-else\"}",
        true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(r.path("ok").asBoolean(), r.toString());
    JsonNode set = r.path("answer");
    assertEquals("mode-set", set.path("kind").asText());
    assertEquals("exit-1", set.path("lane").asText());
    assertEquals("CLOSED", set.path("mode").asText());
    assertEquals("supervisor1", set.path("by").asText());
    ConsoleCommand.SetLaneMode sent = (ConsoleCommand.SetLaneMode) controller.nextCommand();
    assertEquals(
        "supervisor1", controller.userOf(sent.session()), "the supervisor comes from the session");
    assertEquals("resurfacing", sent.reason());
    inbox.next(
        m ->
            m.path("type").asText().equals("state")
                && lane(m).path("mode").asText().equals("CLOSED"));

    socket.sendText(
        "{\"type\":\"reset-passback\",\"requestId\":\"req-pb-0804\",\"card\":\"\","
            + "\"reason\":\"let out by hand\"}",
        true);
    JsonNode blank = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(blank.path("error").asText().contains("Enter the card number"), blank.toString());
    socket.sendText(
        "{\"type\":\"reset-passback\",\"requestId\":\"req-pb-0805\",\"card\":\"3F09A1C27E\","
            + "\"reason\":\"let out by hand\"}",
        true);
    JsonNode reset = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("passback-cleared", reset.path("answer").path("kind").asText());
    assertEquals("3F09A1C27E", reset.path("answer").path("card").asText());
    assertEquals(0, reset.path("answer").path("closedStayId").asLong(), "it was not inside");
    ConsoleCommand.ResetPassback resetSent =
        (ConsoleCommand.ResetPassback) controller.nextCommand();
    assertEquals("3F09A1C27E", resetSent.card());
    assertEquals("supervisor1", controller.userOf(resetSent.session()));
    inbox.next(
        m ->
            m.path("type").asText().equals("log")
                && m.path("entries").path(0).path("text").asText().startsWith("防潜回重置"));
  }

  @Test
  void aCashierFindsAStayByPlateAndAHandSentBadSearchIsRefusedWithNothingSent() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    JsonNode hello = inbox.next(m -> m.path("type").asText().equals("hello"));
    assertTrue(hello.path("user").path("findsStays").asBoolean());
    drainCommands();

    socket.sendText(
        "{\"type\":\"find-stay\",\"requestId\":\"req-find-0901\",\"plate\":\"粤B12345\","
            + "\"card\":\"3F09A1C27E\"}",
        true);
    JsonNode both = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("req-find-0901", both.path("requestId").asText());
    assertFalse(both.path("ok").asBoolean());
    assertTrue(both.path("error").asText().contains("not both"), both.toString());
    socket.sendText(
        "{\"type\":\"find-stay\",\"requestId\":\"req-find-0902\",\"plate\":\"粤B<1234>\"}", true);
    JsonNode bad = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(
        bad.path("error").asText().contains("A plate holds only letters, digits"), bad.toString());
    TestConsole.assertNothingSent(console, controller);

    socket.sendText(
        "{\"type\":\"find-stay\",\"requestId\":\"req-find-0903\",\"plate\":\"粤b-12345\"}", true);
    JsonNode found = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(found.path("ok").asBoolean(), found.toString());
    JsonNode stays = found.path("answer").path("stays");
    assertEquals("stays-found", found.path("answer").path("kind").asText());
    assertEquals(1, stays.size(), found.toString());
    JsonNode stay = stays.get(0);
    assertEquals(2, stay.path("stayId").asLong());
    assertEquals("CARD2", stay.path("card").asText());
    assertEquals("entry-1", stay.path("entryLane").asText());
    assertEquals("2027-01-09 09:00:00", stay.path("enteredAt").asText(), "in Asia/Shanghai");
    assertEquals("粤B12345", stay.path("plate").asText());
    assertEquals("80.00", stay.path("lostCardFee").asText());
    assertEquals("CNY", stay.path("currency").asText());
    ConsoleCommand.FindStay sent = (ConsoleCommand.FindStay) controller.nextCommand();
    assertEquals("粤B12345", sent.plate());

    socket.sendText(
        "{\"type\":\"find-stay\",\"requestId\":\"req-find-0904\",\"plate\":\"沪A00001\"}", true);
    JsonNode none = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(none.path("ok").asBoolean());
    assertEquals("no open stay for plate 沪A00001", none.path("error").asText());
  }

  @Test
  void anAdminCannotFindAStayAndNothingReachesTheController() throws Exception {
    Inbox inbox = open("admin1", "admin1-demo");
    JsonNode hello = inbox.next(m -> m.path("type").asText().equals("hello"));
    assertFalse(hello.path("user").path("findsStays").asBoolean());
    drainCommands();
    socket.sendText(
        "{\"type\":\"find-stay\",\"requestId\":\"req-find-0905\",\"card\":\"CARD2\"}", true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(r.path("ok").asBoolean());
    assertTrue(r.path("error").asText().contains("Only cashiers, supervisors and finance"), "" + r);
    TestConsole.assertNothingSent(console, controller);
  }

  @Test
  void aCashierChargesALostCardAtTheExitAndTakesTheFeeShownThere() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    drainCommands();

    socket.sendText(
        "{\"type\":\"report-lost-card\",\"requestId\":\"req-lost-1001\",\"lane\":\"exit-1\","
            + "\"stayId\":2,\"cashier\":\"someone-else\",\"form\":{\"driverName\":\"张伟\",\"phone\":\"13800138000\",\"idNumber\":\"11010519491231002X\",\"plate\":\"粤B12345\",\"vehicleClass\":\"car\",\"colour\":\"white\",\"circumstances\":\"lost\"}}",
        true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("req-lost-1001", r.path("requestId").asText());
    assertTrue(r.path("ok").asBoolean(), r.toString());
    JsonNode asked = r.path("answer");
    assertEquals("lost-card-asked", asked.path("kind").asText());
    assertEquals("exit-1", asked.path("lane").asText());
    assertEquals(2, asked.path("stayId").asLong());
    assertEquals("CARD2", asked.path("card").asText());
    assertEquals("80.00", asked.path("due").asText());
    ConsoleCommand.ReportLostCard sent = (ConsoleCommand.ReportLostCard) controller.nextCommand();
    assertEquals("req-lost-1001", sent.requestId());
    assertEquals("exit-1", sent.lane());
    assertEquals(2, sent.stayId());
    assertEquals(
        "cashier1",
        controller.userOf(sent.session()),
        "the cashier comes from the session, not the page");

    JsonNode pending = pendingState(inbox, 2);
    assertEquals("CARD2", pending.path("card").asText());
    assertEquals("80.00", pending.path("due").asText(), "the exit-1 card shows the lost-card fee");
    assertEquals("2027-01-09 09:00:00", pending.path("entryTime").asText());

    // The page lost its link before the answer and sends the same report again: same answer,
    // nothing recorded twice.
    long events = controller.lastSeq();
    socket.sendText(
        "{\"type\":\"report-lost-card\",\"requestId\":\"req-lost-1001\",\"lane\":\"exit-1\","
            + "\"stayId\":2,\"form\":{\"driverName\":\"张伟\",\"phone\":\"13800138000\",\"idNumber\":\"11010519491231002X\",\"plate\":\"粤B12345\",\"vehicleClass\":\"car\",\"colour\":\"white\",\"circumstances\":\"lost\"}}",
        true);
    JsonNode again = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals(r.path("answer"), again.path("answer"));
    assertEquals(events, controller.lastSeq());
    assertEquals(sent, controller.nextCommand(), "resent as first sent, in cashier1's name");

    cash("req-cash-1002", 2, 8000);
    JsonNode paid = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(paid.path("ok").asBoolean(), paid.toString());
    assertEquals(
        8000, ((ConsoleCommand.RecordCashPayment) controller.nextCommand()).amount().minor());
  }

  @Test
  void financeCannotChargeALostCardAndABadHandSentReportIsRefusedWithNothingSent()
      throws Exception {
    Inbox finance = open("finance1", "finance1-demo");
    finance.next(m -> m.path("type").asText().equals("hello"));
    drainCommands();
    socket.sendText(
        "{\"type\":\"report-lost-card\",\"requestId\":\"req-lost-1101\",\"lane\":\"exit-1\","
            + "\"stayId\":2}",
        true);
    JsonNode refused = finance.next(m -> m.path("type").asText().equals("result"));
    assertEquals("req-lost-1101", refused.path("requestId").asText());
    assertFalse(refused.path("ok").asBoolean());
    assertTrue(
        refused.path("error").asText().contains("Only cashiers and supervisors may charge"),
        refused.toString());
    socket.abort();

    Inbox inbox = open("cashier2", "cashier2-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    String[][] bad = {
      {"\"lane\":\"exit-1\",\"stayId\":\"2\"", "positive whole number, not \"2\""},
      {"\"lane\":\"exit-1\",\"stayId\":2.5", "positive whole number, not 2.5"},
      {"\"lane\":\"exit-1\"", "Fill in the lost-card registration form"},
      {"\"lane\":\"exit-1\",\"stayId\":-1", "or 0 when nothing matched, not -1"},
      {
        "\"lane\":\"exit-1\",\"stayId\":2,\"form\":{\"driverName\":\"张伟\"}",
        "Enter the driver's phone number"
      },
      {"\"lane\":\"entry-1\",\"stayId\":2", "'entry-1' is not an exit lane"},
      {"\"lane\":\"exit-7\",\"stayId\":2", "Unknown lane 'exit-7' (exit lanes: exit-1)"},
    };
    int n = 0;
    for (String[] c : bad) {
      String id = "req-lost-12" + n++;
      socket.sendText(
          "{\"type\":\"report-lost-card\",\"requestId\":\"" + id + "\"," + c[0] + "}", true);
      JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
      assertEquals(id, r.path("requestId").asText());
      assertFalse(r.path("ok").asBoolean(), r.toString());
      assertTrue(r.path("error").asText().contains(c[1]), r + " should say: " + c[1]);
    }
    TestConsole.assertNothingSent(console, controller);
  }

  @Test
  void aLostCardTheControllerRefusesShowsItsReason() throws Exception {
    Inbox inbox = open("supervisor1", "supervisor1-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    socket.sendText(
        "{\"type\":\"report-lost-card\",\"requestId\":\"req-lost-1301\",\"lane\":\"exit-1\","
            + "\"stayId\":99,\"form\":{\"driverName\":\"张伟\",\"phone\":\"13800138000\",\"idNumber\":\"11010519491231002X\",\"plate\":\"粤B12345\",\"vehicleClass\":\"car\",\"colour\":\"white\",\"circumstances\":\"lost\"}}",
        true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(r.path("ok").asBoolean());
    assertEquals("stay 99 is not open", r.path("error").asText());
  }

  @Test
  void aCashierAsksAFreePassThatOnlyAnotherSupervisorDecides() throws Exception {
    Inbox cashier = open("cashier2", "cashier2-demo");
    WebSocket cashierSocket = socket;
    cashier.next(m -> m.path("type").asText().equals("hello"));
    controller.publish(FakeController.exitPending(606, "CARD-606", 1100));
    pendingState(cashier, 606);
    drainCommands();

    cashierSocket.sendText(
        "{\"type\":\"ask-free-pass\",\"requestId\":\"req-pass-6001\",\"lane\":\"exit-1\","
            + "\"stayId\":606,\"reason\":\" ambulance \"}",
        true);
    JsonNode asked = cashier.next(m -> m.path("type").asText().equals("result"));
    assertTrue(asked.path("ok").asBoolean(), asked.toString());
    assertEquals("free-pass-asked", asked.path("answer").path("kind").asText());
    long passNo = asked.path("answer").path("passNo").asLong();
    ConsoleCommand.AskFreePass sent = (ConsoleCommand.AskFreePass) controller.nextCommand();
    assertEquals("ambulance", sent.reason());
    assertEquals("cashier2", controller.userOf(sent.session()));
    JsonNode waiting =
        cashier.next(
            m ->
                m.path("type").asText().equals("state")
                    && lane(m).path("notice").asText().contains("Waiting for a supervisor"));
    assertEquals(passNo, waiting.path("freePasses").get(0).path("passNo").asLong());
    assertEquals("cashier2", waiting.path("freePasses").get(0).path("askedBy").asText());

    // The cashier has no key to decide it; a hand-sent decision is refused with nothing sent.
    cashierSocket.sendText(
        "{\"type\":\"decide-free-pass\",\"requestId\":\"req-pass-6002\",\"passNo\":"
            + passNo
            + ",\"approve\":true}",
        true);
    JsonNode forbidden = cashier.next(m -> m.path("type").asText().equals("result"));
    assertEquals("FORBIDDEN", forbidden.path("refusal").asText(), forbidden.toString());
    TestConsole.assertNothingSent(console, controller);

    Inbox supervisor = open("supervisor1", "supervisor1-demo");
    WebSocket supervisorSocket = socket;
    supervisor.next(m -> m.path("type").asText().equals("hello"));
    supervisorSocket.sendText(
        "{\"type\":\"decide-free-pass\",\"requestId\":\"req-pass-6003\",\"passNo\":"
            + passNo
            + ",\"approve\":false,\"note\":\" \"}",
        true);
    JsonNode noNote = supervisor.next(m -> m.path("type").asText().equals("result"));
    assertTrue(noNote.path("error").asText().contains("Enter a note to refuse"), noNote.toString());
    supervisorSocket.sendText(
        "{\"type\":\"decide-free-pass\",\"requestId\":\"req-pass-6004\",\"passNo\":"
            + passNo
            + ",\"approve\":true}",
        true);
    JsonNode approved = supervisor.next(m -> m.path("type").asText().equals("result"));
    assertTrue(approved.path("ok").asBoolean(), approved.toString());
    assertEquals("cashier2", approved.path("answer").path("askedBy").asText());
    assertEquals("supervisor1", approved.path("answer").path("decidedBy").asText());
    JsonNode decided =
        cashier.next(
            m ->
                m.path("type").asText().equals("state")
                    && lane(m).path("notice").asText().contains("Free pass approved"));
    assertEquals(0, decided.path("freePasses").size(), "decided: on nobody's list");

    // A supervisor who asks cannot approve their own: the controller's refusal, as it came.
    supervisorSocket.sendText(
        "{\"type\":\"ask-free-pass\",\"requestId\":\"req-pass-6005\",\"lane\":\"exit-1\","
            + "\"stayId\":606,\"reason\":\"fire brigade\"}",
        true);
    long own =
        supervisor
            .next(m -> m.path("type").asText().equals("result"))
            .path("answer")
            .path("passNo")
            .asLong();
    supervisorSocket.sendText(
        "{\"type\":\"decide-free-pass\",\"requestId\":\"req-pass-6006\",\"passNo\":"
            + own
            + ",\"approve\":true}",
        true);
    JsonNode same = supervisor.next(m -> m.path("type").asText().equals("result"));
    assertEquals("SAME_PERSON", same.path("refusal").asText(), same.toString());
    cashierSocket.abort();
  }

  @Test
  void aVoucherAndABarrierLiftedByHandAreSentForTheCarShownAndLogged() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    controller.publish(FakeController.exitPending(707, "CARD-707", 1100));
    pendingState(inbox, 707);
    drainCommands();

    socket.sendText(
        "{\"type\":\"apply-voucher\",\"requestId\":\"req-vouch-7001\",\"lane\":\"exit-1\","
            + "\"stayId\":706,\"code\":\"2345-6789-AB\"}",
        true);
    JsonNode stale = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("NOT_NOW", stale.path("refusal").asText(), stale.toString());
    TestConsole.assertNothingSent(console, controller);

    socket.sendText(
        "{\"type\":\"apply-voucher\",\"requestId\":\"req-vouch-7002\",\"lane\":\"exit-1\","
            + "\"stayId\":707,\"code\":\"USED-CODE\"}",
        true);
    JsonNode used = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("voucher USED-CODE was used on an earlier exit", used.path("error").asText());

    socket.sendText(
        "{\"type\":\"apply-voucher\",\"requestId\":\"req-vouch-7003\",\"lane\":\"exit-1\","
            + "\"stayId\":707,\"code\":\"2345-6789-AB\"}",
        true);
    JsonNode applied = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("voucher-applied", applied.path("answer").path("kind").asText());
    assertEquals("8.00", applied.path("answer").path("dueNow").asText());
    inbox.next(
        m ->
            m.path("type").asText().equals("log")
                && m.toString().contains("Voucher redeemed · 2345-6789-AB · SHOP_3"));

    socket.sendText(
        "{\"type\":\"lift-barrier\",\"requestId\":\"req-lift-7004\",\"lane\":\"exit-1\","
            + "\"stayId\":707,\"reason\":\"\"}",
        true);
    JsonNode noReason = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(
        noReason.path("error").asText().contains("Enter the reason for lifting the barrier"),
        noReason.toString());
    socket.sendText(
        "{\"type\":\"lift-barrier\",\"requestId\":\"req-lift-7005\",\"lane\":\"exit-1\","
            + "\"stayId\":707,\"reason\":\"reader fault\"}",
        true);
    JsonNode lifted = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("barrier-lifted", lifted.path("answer").path("kind").asText(), lifted.toString());
    inbox.next(
        m ->
            m.path("type").asText().equals("log")
                && m.toString().contains("Barrier lifted by hand #")
                && m.toString().contains("reader fault · cashier1"));
  }

  @Test
  void aCashierOpensAShiftWithAFloatAndClosesItWithABlindCountAndItsReport() throws Exception {
    controller.shiftCommands.clear();
    Inbox inbox = open("cashier2", "cashier2-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    ConsoleCommand.OpenShift asked =
        (ConsoleCommand.OpenShift) controller.shiftCommands.poll(10, TimeUnit.SECONDS);
    assertEquals("cashier2", controller.userOf(asked.session()), "the page asks for the shift");
    assertNull(asked.cashFloat(), "asking opens nothing");
    JsonNode none = inbox.next(m -> m.path("type").asText().equals("drawer"));
    assertFalse(none.path("open").asBoolean(), none.toString());

    socket.sendText(
        "{\"type\":\"open-shift\",\"requestId\":\"req-shift-0700\","
            + "\"pieces\":[{\"faceMinor\":300,\"count\":1}]}",
        true);
    JsonNode bad = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(bad.path("ok").asBoolean());
    assertTrue(bad.path("error").asText().contains("no CNY note or coin of 3.00"), bad.toString());
    socket.sendText(
        "{\"type\":\"open-shift\",\"requestId\":\"req-shift-0701\","
            + "\"pieces\":[{\"faceMinor\":10000,\"count\":1},{\"faceMinor\":50,\"count\":\"x\"}]}",
        true);
    JsonNode text = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(text.path("error").asText().startsWith("张数应为整数"), text.toString());
    socket.sendText(
        "{\"type\":\"open-shift\",\"requestId\":\"req-shift-0702\","
            + "\"pieces\":[{\"faceMinor\":10000,\"count\":1}]}",
        true);
    JsonNode opened = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(opened.path("ok").asBoolean(), opened.toString());
    ConsoleCommand.OpenShift withFloat =
        (ConsoleCommand.OpenShift) controller.shiftCommands.poll(10, TimeUnit.SECONDS);
    assertEquals(Money.of(10000, "CNY"), withFloat.cashFloat().total());

    socket.sendText("{\"type\":\"close-shift\",\"requestId\":\"req-shift-0703\"}", true);
    JsonNode uncounted = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(uncounted.path("ok").asBoolean(), "a close needs a count");
    socket.sendText(
        "{\"type\":\"close-shift\",\"requestId\":\"req-shift-0704\","
            + "\"pieces\":[{\"faceMinor\":10000,\"count\":1},{\"faceMinor\":500,\"count\":1}]}",
        true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(r.path("ok").asBoolean(), r.toString());
    assertEquals("-0.50", r.path("answer").path("variance").asText(), r.toString());
    ConsoleCommand.CloseShift closed =
        (ConsoleCommand.CloseShift) controller.shiftCommands.poll(10, TimeUnit.SECONDS);
    assertEquals(
        "cashier2", controller.userOf(closed.session()), "the cashier comes from the session");
    assertEquals(Money.of(10500, "CNY"), closed.counted().total());
    JsonNode state =
        inbox.next(m -> m.path("type").asText().equals("state") && m.path("shifts").size() > 0);
    JsonNode report = state.path("shifts").get(0);
    assertEquals("cashier2", report.path("cashier").asText());
    assertEquals("demo-000001 .. demo-000002", report.path("receipts").asText());
    assertEquals("9.00", report.path("totals").get(0).path("net").asText());
    assertEquals("ab".repeat(32), report.path("chainHead").asText());
    assertEquals("-0.50", report.path("variance").asText());
    assertEquals("cash", report.path("byTender").get(0).path("tender").asText());
    JsonNode log =
        inbox.next(
            m ->
                m.path("type").asText().equals("log")
                    && m.path("entries").path(0).path("text").asText().startsWith("交接班"));
    assertTrue(
        log.path("entries").get(0).path("text").asText().contains("Net 9.00 CNY"), log.toString());

    socket.sendText(
        "{\"type\":\"close-shift\",\"requestId\":\"req-shift-0705\",\"pieces\":[]}", true);
    JsonNode again = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(again.path("ok").asBoolean());
    assertTrue(again.path("error").asText().contains("no open shift"), again.toString());
  }

  @Test
  void aHandoverAtTheBoothAnswersTheReportAndAResolvedIncidentLeavesTheList() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    String counted = "[{\"faceMinor\":10000,\"count\":1}]";
    socket.sendText(
        "{\"type\":\"hand-over\",\"requestId\":\"req-hand-0001\",\"pieces\":"
            + counted
            + ",\"cards\":2,\"receipts\":2,\"incomingUsername\":\"cashier2\","
            + "\"incomingPassword\":\"wrong\",\"recountPieces\":"
            + counted
            + "}",
        true);
    JsonNode refused = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("BAD_LOGIN", refused.path("refusal").asText(), refused.toString());
    socket.sendText(
        "{\"type\":\"hand-over\",\"requestId\":\"req-hand-0001\",\"pieces\":"
            + counted
            + ",\"cards\":2,\"receipts\":\"two\",\"incomingUsername\":\"cashier2\","
            + "\"incomingPassword\":\"cashier2-demo\",\"recountPieces\":"
            + counted
            + "}",
        true);
    JsonNode badCount = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(badCount.path("error").asText().startsWith("收据 Receipts 应为整数"), badCount.toString());
    socket.sendText(
        "{\"type\":\"hand-over\",\"requestId\":\"req-hand-0001\",\"pieces\":"
            + counted
            + ",\"cards\":2,\"receipts\":2,\"incomingUsername\":\"cashier2\","
            + "\"incomingPassword\":\"cashier2-demo\",\"recountPieces\":"
            + counted
            + "}",
        true);
    JsonNode done = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(done.path("ok").asBoolean(), done.toString());
    JsonNode answer = done.path("answer");
    assertEquals("handed-over", answer.path("kind").asText());
    assertEquals("cashier2", answer.path("incoming").asText());
    assertEquals("cashier2", answer.path("closed").path("handedTo").asText());
    assertEquals("-0.50", answer.path("closed").path("variance").asText());
    assertEquals(2, answer.path("closed").path("countedCards").asLong());
    assertEquals(
        "second car paid", answer.path("closed").path("incidents").get(0).path("note").asText());
    assertFalse(done.toString().contains("cashier2-demo"), "no password comes back");
    JsonNode drawer = inbox.next(m -> m.path("type").asText().equals("drawer"));
    assertFalse(drawer.path("open").asBoolean(), drawer.toString());

    socket.sendText(
        "{\"type\":\"resolve-incident\",\"requestId\":\"req-inc-00001\",\"incidentNo\":3,"
            + "\"note\":\" spoke to the driver \"}",
        true);
    JsonNode resolved = inbox.next(m -> m.path("type").asText().equals("result"));
    assertEquals("spoke to the driver", resolved.path("answer").path("note").asText());
    JsonNode log =
        inbox.next(
            m ->
                m.path("type").asText().equals("log")
                    && m.path("entries")
                        .path(0)
                        .path("text")
                        .asText()
                        .contains("Incident resolved #3"));
    assertTrue(log.toString().contains("spoke to the driver"), log.toString());
  }

  @Test
  void financeHasNoShiftToClose() throws Exception {
    Inbox inbox = open("finance1", "finance1-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    controller.shiftCommands.clear();
    socket.sendText("{\"type\":\"close-shift\",\"requestId\":\"req-shift-0703\"}", true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(r.path("ok").asBoolean());
    assertTrue(r.path("error").asText().contains("Only cashiers and supervisors"), r.toString());
    TestConsole.assertNothingSent(console, controller);
    assertTrue(controller.shiftCommands.isEmpty(), "refused at the console");
  }

  @Test
  void aCashDropGoesInTheCashiersNameAndABadOneIsRefusedWithNothingSent() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    controller.received.clear();
    socket.sendText(
        "{\"type\":\"cash-drop\",\"requestId\":\"req-drop-0001\",\"amountMinor\":0}", true);
    JsonNode zero = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(zero.path("ok").asBoolean());
    assertTrue(zero.path("error").asText().contains("above 0"), zero.toString());
    socket.sendText(
        "{\"type\":\"cash-drop\",\"requestId\":\"req-drop-0002\",\"amountMinor\":\"100\"}", true);
    JsonNode text = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(text.path("ok").asBoolean(), "an amount as text is not a whole number");
    TestConsole.assertNothingSent(console, controller);

    socket.sendText(
        "{\"type\":\"cash-drop\",\"requestId\":\"req-drop-0003\",\"amountMinor\":10000,"
            + "\"by\":\"supervisor1\"}",
        true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(r.path("ok").asBoolean(), r.toString());
    assertEquals("cash-dropped", r.path("answer").path("kind").asText());
    ConsoleCommand.RecordCashDrop sent = (ConsoleCommand.RecordCashDrop) controller.nextCommand();
    assertEquals(org.parkgate.money.Money.of(10000, "CNY"), sent.amount());
    assertEquals("cashier1", controller.userOf(sent.session()), "a name the page sends is ignored");
    JsonNode drawer =
        inbox.next(m -> m.path("type").asText().equals("drawer") && m.path("open").asBoolean());
    assertEquals("0.00", drawer.path("expectedCash").asText(), "the figures after the drop");
  }

  @Test
  void theControllerRefusalReachesThePage() throws Exception {
    Inbox inbox = open("cashier1", "cashier1-demo");
    controller.publish(FakeController.exitPending(505, "CARD-505", 600));
    pendingState(inbox, 505);
    controller.refuseWith = "stay 505 already paid";
    cash("req-cash-0505", 505, 600);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(r.path("ok").asBoolean());
    assertEquals("NOT_NOW", r.path("refusal").asText());
    assertEquals("stay 505 already paid", r.path("error").asText());
    assertTrue(r.path("answer").isNull(), r.toString());
  }

  @Test
  void whenTheControllerEndsTheSessionThePageGoesBackToLogin() throws Exception {
    Inbox inbox = open("cashier7", "cashier7-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    controller.endSessionsOf("cashier7"); // a password change, say

    socket.sendText(
        "{\"type\":\"find-stay\",\"requestId\":\"req-find-1401\",\"plate\":\"粤B12345\"}", true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertFalse(r.path("ok").asBoolean());
    assertEquals("NOT_LOGGED_IN", r.path("refusal").asText(), "the page sees the code");
    assertTrue(inbox.closed.get(10, TimeUnit.SECONDS) != null, "the page's socket is closed");
    HttpResponse<Void> state =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/state"))
                .header("Cookie", inbox.cookie)
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertEquals(401, state.statusCode(), "the browser session has ended too");
  }

  @Test
  void threeHundredLoginsOfOtherPeopleDoNotEndALiveSession() throws Exception {
    Inbox inbox = open("supervisor3", "supervisor3-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    for (int i = 0; i < 300; i++) {
      String user = "finance" + (1000 + i);
      assertEquals(
          303, TestConsole.signIn(console.httpPort(), user, user + "-demo").statusCode(), user);
    }
    drainCommands();
    socket.sendText(
        "{\"type\":\"find-stay\",\"requestId\":\"req-find-1501\",\"plate\":\"粤B12345\"}", true);
    JsonNode r = inbox.next(m -> m.path("type").asText().equals("result"));
    assertTrue(r.path("ok").asBoolean(), "supervisor3 is still signed in: " + r);
    assertEquals(
        "supervisor3",
        controller.userOf(((ConsoleCommand.FindStay) controller.nextCommand()).session()));
  }

  @Test
  void loggingOutClosesThePage() throws Exception {
    Inbox inbox = open("supervisor1", "supervisor1-demo");
    inbox.next(m -> m.path("type").asText().equals("hello"));
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/logout"))
            .header("Cookie", inbox.cookie)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
    assertTrue(inbox.closed.get(10, TimeUnit.SECONDS) >= 1000);
  }

  private void cash(String requestId, long stayId, long dueMinor) {
    socket.sendText(
        "{\"type\":\"cash\",\"requestId\":\""
            + requestId
            + "\",\"lane\":\"exit-1\",\"stayId\":"
            + stayId
            + ",\"dueMinor\":"
            + dueMinor
            + "}",
        true);
  }

  private void reverse(String requestId, String receiptNo, String reason) {
    socket.sendText(
        "{\"type\":\"reverse\",\"requestId\":\""
            + requestId
            + "\",\"receiptNo\":\""
            + receiptNo
            + "\",\"reason\":\""
            + reason
            + "\"}",
        true);
  }

  private static void drainCommands() {
    controller.received.clear();
  }

  private static JsonNode pendingState(Inbox inbox, long stayId) throws InterruptedException {
    JsonNode state =
        inbox.next(
            m ->
                m.path("type").asText().equals("state")
                    && lane(m).path("pending").path("stayId").asLong() == stayId);
    return lane(state).path("pending");
  }

  private static JsonNode lane(JsonNode state) {
    for (JsonNode lane : state.path("lanes")) {
      if (lane.path("id").asText().equals("exit-1")) {
        return lane;
      }
    }
    throw new AssertionError("no exit-1 in " + state);
  }

  private Inbox open(String user, String password) throws Exception {
    Inbox inbox = new Inbox();
    inbox.cookie = TestConsole.cookie(TestConsole.signIn(console.httpPort(), user, password));
    socket =
        http.newWebSocketBuilder()
            .header("Cookie", inbox.cookie)
            .buildAsync(URI.create(base.replace("http", "ws") + "/ws"), inbox)
            .get(10, TimeUnit.SECONDS);
    return inbox;
  }

  /** Collects the console's messages to a page. */
  static final class Inbox implements WebSocket.Listener {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.util.List<JsonNode> backlog = new java.util.ArrayList<>();
    private com.fasterxml.jackson.databind.node.ObjectNode held;
    String cookie;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(asPageHolds(ApiJson.mapper().readTree(partial.toString())));
        } catch (Exception e) {
          throw new AssertionError("not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed.complete(status);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(-1);
    }

    /**
     * A change merged as the page merges it into the state it holds, and given to the test as that
     * whole state: what the booth shows after it.
     */
    private JsonNode asPageHolds(JsonNode m) {
      String type = m.path("type").asText();
      if (type.equals("state")) {
        held = (com.fasterxml.jackson.databind.node.ObjectNode) m.deepCopy();
        return m;
      }
      if (!type.equals("change")) {
        return m;
      }
      if (held == null) {
        throw new AssertionError("a change before any state: " + m);
      }
      com.fasterxml.jackson.databind.node.ArrayNode lanes =
          (com.fasterxml.jackson.databind.node.ArrayNode) held.get("lanes");
      for (JsonNode lane : m.get("lanes")) {
        boolean found = false;
        for (int i = 0; i < lanes.size(); i++) {
          if (lanes.get(i).path("id").equals(lane.path("id"))) {
            lanes.set(i, lane);
            found = true;
          }
        }
        if (!found) {
          throw new AssertionError("a change to a lane the page does not have: " + lane);
        }
      }
      for (String part :
          java.util.List.of("link", "printer", "shifts", "freePasses", "incidents")) {
        if (!m.path(part).isNull() && !m.path(part).isMissingNode()) {
          held.set(part, m.get(part));
        }
      }
      return held.deepCopy();
    }

    /** The oldest message not yet taken that matches; others stay for later; fails after 10 s. */
    JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
      for (var it = backlog.iterator(); it.hasNext(); ) {
        JsonNode m = it.next();
        if (wanted.test(m)) {
          it.remove();
          return m;
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
        if (m != null && wanted.test(m)) {
          return m;
        } else if (m != null) {
          backlog.add(m);
        }
      }
      throw new AssertionError("no matching message within 10 s");
    }
  }
}
