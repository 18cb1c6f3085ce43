package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Refusal;
import org.parkgate.money.Money;
import org.parkgate.site.LaneMode;

/**
 * The controller decides who may act, tried as an attacker on the site LAN and as booth staff
 * would, against real simulator, controller and console processes: what the controller refuses
 * changes nothing on the lanes or in the ledger.
 */
class AuthorityIT {
  @TempDir static Path dir;
  static SystemFixture system;
  static int cars;

  @BeforeAll
  static void start() throws Exception {
    system = new SystemFixture(dir, "shanghai-indoor-1.yaml");
    system.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void withoutACredentialEveryCommandIsRefusedAndNothingMoves() throws Exception {
    long securityBefore = system.number("SELECT COUNT(*) FROM security_events");
    String[] attacks = {
      "{\"type\":\"hello\",\"requestId\":\"a1\",\"consoleId\":\"evil\",\"credential\":null,\"afterSeq\":0}",
      "{\"type\":\"hello\",\"requestId\":\"a2\",\"consoleId\":\"booth-"
          + system.httpPort
          + "\",\"credential\":\"guessed\",\"afterSeq\":0}",
      "{\"type\":\"set-lane-mode\",\"requestId\":\"a3\",\"session\":\"x\",\"lane\":\"exit-1\","
          + "\"mode\":\"HELD_OPEN\",\"reason\":\"open sesame\"}",
      "{\"type\":\"set-lane-mode\",\"requestId\":\"a4\",\"session\":\"x\",\"lane\":\"exit-1\","
          + "\"mode\":\"FREE_EXIT\",\"reason\":\"free\"}",
      "{\"type\":\"record-cash-payment\",\"requestId\":\"a5\",\"session\":\"x\",\"lane\":\"exit-1\","
          + "\"stayId\":1,\"amount\":{\"minor\":0,\"currency\":\"CNY\"}}",
      "{\"type\":\"reverse-payment\",\"requestId\":\"a6\",\"session\":\"x\","
          + "\"receiptNo\":\"e2e-000001\",\"reason\":\"mine\"}",
      "not even json",
    };
    for (String attack : attacks) {
      Raw raw = Raw.open(system.consolePort);
      raw.socket.sendText(attack, true).get(3, TimeUnit.SECONDS);
      String answer = raw.closedAfter.get(10, TimeUnit.SECONDS);
      assertTrue(answer.contains("\"refusal\":\"CONSOLE_UNKNOWN\""), attack + " -> " + answer);
      assertFalse(answer.contains("\"seq\""), "no event reaches an unknown console: " + answer);
    }
    assertEquals("closed", SystemFixture.barrier(system.lane("exit-1")), "the barrier never moved");
    assertEquals(0, system.number("SELECT COUNT(*) FROM lane_mode_changes"));
    assertEquals(0, system.number("SELECT COUNT(*) FROM reversals"));
    assertEquals(0, system.number("SELECT COUNT(*) FROM requests WHERE request_id LIKE 'a_'"));
    assertTrue(
        system.number("SELECT COUNT(*) FROM security_events WHERE kind = 'console-refused'")
            > securityBefore,
        "the refusal is on record");
  }

  @Test
  void aCashiersSessionCannotDoASupervisorsWorkAndNamesInMessagesAreRefused() throws Exception {
    try (ConsoleApiClient cashier = system.api("authority-it-1", 0)) {
      String s = cashier.session();
      CommandResult mode =
          cashier
              .call(new ConsoleCommand.SetLaneMode("c1", s, "exit-1", LaneMode.HELD_OPEN, "x"))
              .orElseThrow();
      assertEquals(Refusal.FORBIDDEN, mode.refusal(), mode.toString());
      CommandResult reset =
          cashier.call(new ConsoleCommand.ResetPassback("c2", s, "00A1", "x")).orElseThrow();
      assertEquals(Refusal.FORBIDDEN, reset.refusal(), reset.toString());
      CommandResult reverse =
          cashier.call(new ConsoleCommand.ReversePayment("c3", s, "e2e-000001", "x")).orElseThrow();
      assertEquals(Refusal.FORBIDDEN, reverse.refusal(), reverse.toString());
      // A supervisor's name in the message is no field of the command at all.
      cashier.sendRaw(
          "{\"type\":\"reverse-payment\",\"requestId\":\"c4\",\"session\":\""
              + s
              + "\",\"receiptNo\":\"e2e-000001\",\"reason\":\"x\",\"supervisor\":\"supervisor1\"}");
      assertTrue(
          poll(
              () ->
                  cashier.results().stream()
                      .anyMatch(
                          r ->
                              r.refusal() == Refusal.INVALID
                                  && r.error().contains("unknown field 'supervisor'"))),
          "a name in a message is refused as an unknown field: " + cashier.results());
      assertEquals("closed", SystemFixture.barrier(system.lane("exit-1")));
      assertEquals(0, system.number("SELECT COUNT(*) FROM lane_mode_changes"));
      assertTrue(
          system.number("SELECT COUNT(*) FROM security_events WHERE kind = 'forbidden'") >= 3);
    }
  }

  @Test
  void aSupervisorCannotReverseTheirOwnPaymentButAnotherCan() throws Exception {
    try (ConsoleApiClient supervisor =
            ConsoleApiClient.connect(
                system.http,
                system.consolePort,
                "authority-it-2",
                system.credential("authority-it-2"),
                0,
                "supervisor1");
        ConsoleApiClient cashier = system.api("authority-it-3", 0)) {
      String receipt = paidCar(supervisor, "own-pay-" + System.nanoTime());
      CommandResult own =
          supervisor
              .call(
                  new ConsoleCommand.ReversePayment(
                      "own-rev", supervisor.session(), receipt, "my own"))
              .orElseThrow();
      assertEquals(Refusal.SAME_PERSON, own.refusal(), own.toString());
      assertEquals(0, system.number("SELECT COUNT(*) FROM reversals"));
      assertEquals(
          1, system.number("SELECT COUNT(*) FROM security_events WHERE kind = 'same-person'"));
      // The cashier (not a supervisor) cannot do it for them either.
      CommandResult byCashier =
          cashier
              .call(new ConsoleCommand.ReversePayment("cash-rev", cashier.session(), receipt, "x"))
              .orElseThrow();
      assertEquals(Refusal.FORBIDDEN, byCashier.refusal());
    }
  }

  @Test
  void aPaymentRetriedAfterAConsoleAndAControllerRestartReturnsItsFirstReceipt() throws Exception {
    String id = "retried-pay-" + System.nanoTime();
    String receipt;
    try (ConsoleApiClient first = system.api("authority-it-4", 0)) {
      receipt = paidCar(first, id);
    }
    long payments = system.number("SELECT COUNT(*) FROM payments");
    try (ConsoleApiClient again = system.api("authority-it-4", 0)) {
      assertEquals(receipt, retry(again, id), "after the console reconnected");
    }
    RunningProcess controller =
        system.processes.stream()
            .filter(p -> p.toString().contains("gate-controller"))
            .findFirst()
            .orElseThrow();
    controller.close();
    system.processes.remove(controller);
    system.controller();
    try (ConsoleApiClient afterRestart = system.api("authority-it-4", 0)) {
      assertEquals(receipt, retry(afterRestart, id), "after the controller restarted");
    }
    assertEquals(payments, system.number("SELECT COUNT(*) FROM payments"), "charged once");
    // Another console asking with the same id does not get that receipt.
    try (ConsoleApiClient other = system.api("authority-it-5", 0)) {
      CommandResult r =
          other
              .call(
                  new ConsoleCommand.RecordCashPayment(
                      id, other.session(), "exit-1", 1, Money.of(500, "CNY")))
              .orElseThrow();
      assertEquals(Refusal.REQUEST_ID_REUSED, r.refusal(), r.toString());
    }
  }

  @Test
  void aThousandWrongPasswordsFromOneSourceDoNotKeepTheCashierOut() throws Exception {
    try (ConsoleApiClient attacker =
        ConsoleApiClient.connect(
            system.http,
            system.consolePort,
            "authority-it-6",
            system.credential("authority-it-6"),
            0,
            null)) {
      int slowed = 0;
      for (int i = 0; i < 1_000; i++) {
        CommandResult r =
            attacker
                .call(new ConsoleCommand.Login("flood-" + i, "cashier1", "guess" + i, "10.9.9.9"))
                .orElseThrow();
        assertFalse(r.ok());
        if (r.refusal() == Refusal.SLOW_DOWN) {
          slowed++;
        }
      }
      assertTrue(slowed > 900, "the flooding source is slowed down: " + slowed);
    }
    long started = System.nanoTime();
    try (BoothClient booth =
        BoothClient.login(system.http, system.httpPort, "cashier1", "cashier1-demo")) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(millis < 5_000, "the real cashier logs in at once, in " + millis + " ms");
    }
    assertEquals(
        0,
        system.number(
            "SELECT COUNT(*) FROM accounts WHERE username = 'cashier1' AND action = 'lock'"),
        "one source alone never locks the account");
  }

  @Test
  void threeHundredOtherLoginsDoNotEndALiveSession() throws Exception {
    try (ConsoleApiClient live = system.api("authority-it-7", 0);
        ConsoleApiClient others =
            ConsoleApiClient.connect(
                system.http,
                system.consolePort,
                "authority-it-8",
                system.credential("authority-it-8"),
                0,
                null)) {
      for (int i = 0; i < 300; i++) {
        String user = i % 2 == 0 ? "cashier2" : "finance1";
        CommandResult r = others.login(user, user + "-demo");
        assertTrue(r.ok(), r.toString());
      }
      CommandResult still =
          live.call(
                  new ConsoleCommand.FindStay(
                      "still-" + System.nanoTime(), live.session(), null, "00A1"))
              .orElseThrow();
      assertTrue(
          still.ok() || still.refusal() == Refusal.NOT_NOW,
          "the first session still works: " + still);
    }
  }

  // --- helpers

  /** A car enters, waits at exit-1 and is paid through {@code client} with request {@code id}. */
  private static String paidCar(ConsoleApiClient client, String id) throws Exception {
    cars++;
    String card = system.carAtExit();
    ConsoleEvent.ExitPending pending =
        client
            .awaitPending(card, 0, Duration.ofSeconds(10))
            .orElseThrow(() -> new AssertionError("no fee asked for " + card));
    CommandResult paid =
        client
            .pay(id, "exit-1", pending.stayId(), pending.due(), Duration.ofSeconds(10))
            .orElseThrow();
    assertTrue(paid.ok(), paid.toString());
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    return assertInstanceOf(Answer.Receipt.class, paid.answer()).receiptNo();
  }

  private static String retry(ConsoleApiClient client, String id) throws Exception {
    CommandResult r =
        client
            .pay(id, "exit-1", 1, Money.of(500, "CNY"), Duration.ofSeconds(10))
            .orElseThrow(() -> new AssertionError("no answer to the retry of " + id));
    assertTrue(r.ok(), r.toString());
    return assertInstanceOf(Answer.Receipt.class, r.answer()).receiptNo();
  }

  private static boolean poll(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** A bare WebSocket on the console API port: what it hears until the controller hangs up. */
  private static final class Raw {
    final WebSocket socket;
    final CompletableFuture<String> closedAfter = new CompletableFuture<>();

    private Raw(WebSocket socket) {
      this.socket = socket;
    }

    static Raw open(int port) throws Exception {
      StringBuilder heard = new StringBuilder();
      CompletableFuture<String> closed = new CompletableFuture<>();
      WebSocket ws =
          system
              .http
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + port + "/console"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                      heard.append(data);
                      w.request(1);
                      return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                      closed.complete(heard.toString());
                      return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                      closed.complete(heard.toString());
                    }
                  })
              .get(5, TimeUnit.SECONDS);
      Raw raw = new Raw(ws);
      closed.whenComplete((text, e) -> raw.closedAfter.complete(text));
      return raw;
    }
  }
}
