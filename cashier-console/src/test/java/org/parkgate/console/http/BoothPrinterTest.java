package org.parkgate.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.console.CashierConsole;
import org.parkgate.console.FakeController;
import org.parkgate.console.TestConsole;
import org.parkgate.console.printer.PrinterSettings;
import org.parkgate.simulator.Simulator;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The booth prints to the simulator's ESC/POS receipt printer over real TCP, and what the printer
 * made of it is read back from the simulator's control interface: receipts after payments, the
 * drawer kicked for cash, a printer out of paper that never holds up a payment, and the receipt
 * that waited printing once paper is back; "no sale" and reprints only after the controller says
 * they are recorded.
 */
class BoothPrinterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeController controller;
  private Simulator simulator;
  private CashierConsole console;
  private String control;
  private WebSocket socket;

  @BeforeEach
  void start() throws Exception {
    Set<Integer> ports = new HashSet<>();
    List<Integer> free = new ArrayList<>();
    while (free.size() < 10) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (ports.add(s.getLocalPort())) {
          free.add(s.getLocalPort());
        }
      }
    }
    Path tariff = Path.of("../config/tariffs/demo-hourly.yaml").toAbsolutePath().normalize();
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        """
        site: { id: demo, name: Test Car Park, zone: Asia/Shanghai, currency: CNY, tariff: "%s" }
        lanes:
          - id: entry-1
            kind: entry
            barrier: { address: "tcp://127.0.0.1:%d", unit: 1 }
            cardReader: { address: "tcp://127.0.0.1:%d" }
            display: { address: "tcp://127.0.0.1:%d" }
          - id: exit-1
            kind: exit
            barrier: { address: "tcp://127.0.0.1:%d", unit: 1 }
            cardReader: { address: "tcp://127.0.0.1:%d" }
            display: { address: "tcp://127.0.0.1:%d" }
        booths:
          - id: booth-test
            printer: { address: "tcp://127.0.0.1:%d" }
        simulator: { bind: 127.0.0.1, controlPort: %d }
        """
            .formatted(
                tariff,
                free.get(0),
                free.get(1),
                free.get(2),
                free.get(3),
                free.get(4),
                free.get(5),
                free.get(6),
                free.get(7)));
    SiteConfig site = SiteConfigLoader.load(file);
    simulator = Simulator.start(site, Duration.ofMillis(100));
    control = "http://127.0.0.1:" + simulator.controlPort();
    controller = new FakeController();
    console =
        CashierConsole.start(
            site,
            new SiteConfig.ConsoleSettings("127.0.0.1", 0, controller.url()),
            "booth-test",
            FakeController.CREDENTIAL,
            site.booth("booth-test").map(b -> b.printer()).orElseThrow(),
            new PrinterSettings(Duration.ofMillis(100), Duration.ofSeconds(1), 20));
    assertTrue(controller.nextCommand() instanceof ConsoleCommand.Hello);
  }

  @AfterEach
  void stop() {
    if (socket != null) {
      socket.abort();
    }
    console.close();
    controller.close();
    simulator.close();
  }

  @Test
  void receiptsPrintAfterPaymentsAndWaitForPaperWithoutHoldingUpThePayment() throws Exception {
    BrowserSocketTest.Inbox page = open("cashier1");
    printerState(page, "READY");

    controller.publish(FakeController.exitPending(301, "CARD-301", 1100));
    pending(page, 301);
    cash("pay-0301", 301, 1100);
    JsonNode paid = result(page, "pay-0301");
    String first = paid.path("answer").path("receiptNo").asText();

    JsonNode receipt = awaitDocuments(1).get(0);
    List<String> lines = texts(receipt);
    assertEquals("停车收据 RECEIPT", lines.get(0));
    assertTrue(lines.contains("Test Car Park"), lines.toString());
    assertTrue(lines.contains("收据号 Receipt No: " + first), lines.toString());
    assertTrue(lines.contains("车道 Lane: exit-1"), lines.toString());
    assertTrue(lines.contains("卡号 Card: CARD-301"), lines.toString());
    assertTrue(lines.contains("入场 Entry: 2027-01-09 13:00:00"), "site zone: " + lines);
    assertTrue(lines.contains("日间 day 13:00-14:00 首小时 first hour  5.50 CNY"), lines.toString());
    assertTrue(lines.contains("应收 Due: 11.00 CNY"), lines.toString());
    assertTrue(lines.contains("付款方式 Tender: 现金 Cash"), lines.toString());
    assertTrue(lines.contains("收费员 Cashier: cashier1"), lines.toString());
    assertTrue(lines.contains("车牌 Plate: " + FakeController.PLATE), lines.toString());
    String code = paid.path("answer").path("verificationCode").asText();
    assertTrue(lines.contains("验证码 Check code: " + code), code + " in " + lines);
    assertTrue(
        lines.contains("账本 Ledger: " + code.substring(0, code.indexOf('-'))), lines.toString());
    assertFalse(receipt.path("copy").asBoolean());
    assertEquals(1, printer().path("drawerKicks").asInt(), "cash opens the drawer");

    // Offline: the booth shows the alarm, the payment is still answered, the receipt waits.
    post("/booths/booth-test/printer/faults", "{\"offline\":true}");
    JsonNode alarm = printerState(page, "OFFLINE");
    assertTrue(alarm.path("printer").path("alarm").asBoolean());
    assertTrue(alarm.path("printer").path("text").asText().contains("Printer offline"));
    post("/booths/booth-test/printer/faults", "{\"offline\":false,\"paperOut\":true}");
    printerState(page, "PAPER_OUT");

    controller.publish(FakeController.exitPending(302, "CARD-302", 600));
    pending(page, 302);
    cash("pay-0302", 302, 600);
    JsonNode second = result(page, "pay-0302");
    assertTrue(second.path("ok").asBoolean(), "the payment does not wait for paper: " + second);
    page.next(
        m ->
            m.path("type").asText().equals("state")
                && m.path("printer").path("waiting").asInt() == 1);
    assertEquals(1, printer().path("documents").size(), "nothing printed while it cannot");

    send("/booths/booth-test/printer/faults", "DELETE");
    JsonNode printedLater = awaitDocuments(2).get(1);
    assertTrue(
        texts(printedLater)
            .contains("收据号 Receipt No: " + second.path("answer").path("receiptNo").asText()),
        texts(printedLater).toString());
    page.next(
        m ->
            m.path("type").asText().equals("state")
                && m.path("printer").path("waiting").asInt() == 0
                && m.path("printer").path("state").asText().equals("READY"));
  }

  @Test
  void noSaleAndReprintActOnlyOnceRecorded() throws Exception {
    BrowserSocketTest.Inbox page = open("cashier1");
    printerState(page, "READY");
    controller.publish(FakeController.exitPending(401, "CARD-401", 1100));
    pending(page, 401);
    cash("pay-0401", 401, 1100);
    String receiptNo = result(page, "pay-0401").path("answer").path("receiptNo").asText();
    awaitDocuments(1);
    post("/booths/booth-test/printer/drawer/close", "");
    assertFalse(printer().path("drawerOpen").asBoolean());
    controller.received.clear();

    socket.sendText(
        "{\"type\":\"open-drawer\",\"requestId\":\"nosale-0001\",\"reason\":\" \"}", true);
    JsonNode blank = result(page, "nosale-0001");
    assertFalse(blank.path("ok").asBoolean());
    assertEquals("INVALID", blank.path("refusal").asText());
    assertTrue(controller.received.isEmpty(), "nothing sent: " + controller.received);

    socket.sendText(
        "{\"type\":\"open-drawer\",\"requestId\":\"nosale-0002\",\"reason\":\"change\"}", true);
    JsonNode opened = result(page, "nosale-0002");
    assertEquals("drawer-opened", opened.path("answer").path("kind").asText(), opened.toString());
    ConsoleCommand.OpenDrawer sent = (ConsoleCommand.OpenDrawer) controller.nextCommand();
    assertEquals("change", sent.reason());
    await("drawer kicked", () -> printer().path("drawerKicks").asInt() == 2);
    assertTrue(printer().path("drawerOpen").asBoolean());

    socket.sendText(
        "{\"type\":\"reprint\",\"requestId\":\"copy-0001\",\"receiptNo\":\"" + receiptNo + "\"}",
        true);
    JsonNode copy = result(page, "copy-0001");
    assertEquals("receipt-copy", copy.path("answer").path("kind").asText(), copy.toString());
    JsonNode printedCopy = awaitDocuments(2).get(1);
    assertTrue(printedCopy.path("copy").asBoolean());
    assertTrue(texts(printedCopy).contains("副本 COPY"), texts(printedCopy).toString());
    assertTrue(texts(printedCopy).contains("收据号 Receipt No: " + receiptNo));
    assertEquals(2, printer().path("drawerKicks").asInt(), "a copy never opens the drawer");

    socket.sendText(
        "{\"type\":\"reprint\",\"requestId\":\"copy-0002\",\"receiptNo\":\"demo-999999\"}", true);
    assertEquals("NOT_NOW", result(page, "copy-0002").path("refusal").asText());
    assertEquals(2, printer().path("documents").size(), "a refused reprint prints nothing");
  }

  // --- reading the page and the printer ---

  private JsonNode printerState(BrowserSocketTest.Inbox page, String state)
      throws InterruptedException {
    return page.next(
        m ->
            m.path("type").asText().equals("state")
                && m.path("printer").path("state").asText().equals(state));
  }

  private static void pending(BrowserSocketTest.Inbox page, long stayId)
      throws InterruptedException {
    page.next(
        m -> {
          if (!m.path("type").asText().equals("state")) {
            return false;
          }
          for (JsonNode lane : m.path("lanes")) {
            if (lane.path("pending").path("stayId").asLong() == stayId) {
              return true;
            }
          }
          return false;
        });
  }

  private static JsonNode result(BrowserSocketTest.Inbox page, String requestId)
      throws InterruptedException {
    return page.next(
        m ->
            m.path("type").asText().equals("result")
                && m.path("requestId").asText().equals(requestId));
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

  private JsonNode printer() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(control + "/booths/booth-test/printer")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private void post(String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(control + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  private void send(String path, String method) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(control + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  private JsonNode awaitDocuments(int count) throws Exception {
    await("" + count + " documents printed", () -> printer().path("documents").size() >= count);
    return printer().path("documents");
  }

  private static List<String> texts(JsonNode document) {
    List<String> out = new ArrayList<>();
    document.path("lines").forEach(l -> out.add(l.path("text").asText()));
    return out;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private BrowserSocketTest.Inbox open(String user) throws Exception {
    String base = "http://127.0.0.1:" + console.httpPort();
    BrowserSocketTest.Inbox inbox = new BrowserSocketTest.Inbox();
    inbox.cookie = TestConsole.cookie(TestConsole.signIn(console.httpPort(), user, user + "-demo"));
    socket =
        http.newWebSocketBuilder()
            .header("Cookie", inbox.cookie)
            .buildAsync(URI.create(base.replace("http", "ws") + "/ws"), inbox)
            .get(10, TimeUnit.SECONDS);
    return inbox;
  }
}
