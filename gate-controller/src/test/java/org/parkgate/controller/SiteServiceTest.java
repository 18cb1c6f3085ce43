package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.BarrierInputs;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.LaneState;
import org.parkgate.controller.lane.RecordingDevices;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.fee.TariffLoader;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The site's decisions with a real ledger and tariff, the lane's hardware replaced by a recorder.
 */
class SiteServiceTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant ENTRY = Instant.parse("2027-01-09T02:00:00Z");
  static final BarrierInputs CLOSED_ARMED = new BarrierInputs(true, false, false, true, false);

  @TempDir Path dir;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private DefaultEventLoop loop;
  private SiteService site;
  private LaneRunner exit;
  private final RecordingDevices devices = new RecordingDevices();
  private final List<String> commands = devices.commands();
  private Clock clock = Clock.fixed(ENTRY.plus(Duration.ofMinutes(121)), ZoneOffset.UTC);

  @BeforeEach
  void start() throws Exception {
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    loop = new DefaultEventLoop();
    restart();
  }

  /** The controller (re)started on this test's ledger: a new site service and exit lane. */
  private void restart() throws Exception {
    SiteConfig config = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    site =
        new SiteService(
            config,
            TariffLoader.load(config.tariff()),
            ledger,
            clock,
            ledgerThread,
            new ConsoleHub());
    exit = site.addLane(config.lane("exit-1").orElseThrow(), loop);
    exit.attach(devices);
  }

  @AfterEach
  void stop() throws Exception {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  private long vehicleWaitingToPay() throws Exception {
    long stayId = ledger.recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    exit.deliver(new LaneEvent.CardRead("00A1B2C3D4"));
    awaitState(LaneState.AWAITING_PAYMENT);
    return stayId;
  }

  private void awaitState(LaneState state) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (loop.submit(() -> exit.lane().state()).get() == state) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "lane never reached " + state + "; it is " + loop.submit(() -> exit.lane().state()).get());
  }

  @Test
  void aLostCardRetriedAfterARestartAsksTheFeeAgainAndIsRecordedOnce() throws Exception {
    long stayId = ledger.recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
    var lost = new ConsoleCommand.ReportLostCard("lost-1", "exit-1", stayId, "cashier1");
    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    awaitState(LaneState.WAITING_CARD);
    CommandResult asked = site.reportLostCard(lost).get(5, TimeUnit.SECONDS);
    assertTrue(asked.ok(), asked.toString());

    restart();
    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    awaitState(LaneState.WAITING_CARD);
    assertEquals(asked, site.reportLostCard(lost).get(5, TimeUnit.SECONDS), "the retry's answer");
    awaitState(LaneState.AWAITING_PAYMENT);
    assertEquals(Money.of(5900, "CNY"), loop.submit(() -> exit.lane().due()).get());
    long lostCards =
        ledger.eventsAfter(0, 100).stream()
            .filter(e -> e instanceof ConsoleEvent.Incident i && i.kind().equals("LOST_CARD"))
            .count();
    assertEquals(1, lostCards, "one card, one stay: reported lost once");
  }

  @Test
  void aDriverWhoLostTheCardPaysTheLostCardFeeAtTheExitAndTheCardIsBarred() throws Exception {
    long stayId = ledger.recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
    var lost = new ConsoleCommand.ReportLostCard("lost-1", "exit-1", stayId, "cashier1");
    CommandResult early = site.reportLostCard(lost).get(5, TimeUnit.SECONDS);
    assertEquals(
        CommandResult.refused("lost-1", "no vehicle is waiting at exit-1 without a card"), early);

    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    awaitState(LaneState.WAITING_CARD);
    CommandResult asked = site.reportLostCard(lost).get(5, TimeUnit.SECONDS);
    // 9.00 for three started hours and the 50.00 replacement fee.
    assertEquals(
        CommandResult.ok("lost-1", "lost card: stay " + stayId + " asks 59.00 CNY at exit-1"),
        asked);
    awaitState(LaneState.AWAITING_PAYMENT);
    assertTrue(commands.contains("show 停车费 Fee 59.00 CNY"), commands.toString());
    assertEquals(asked, site.reportLostCard(lost).get(5, TimeUnit.SECONDS), "a retry");
    List<ConsoleEvent> events = ledger.eventsAfter(0, 100);
    List<ConsoleEvent.ExitPending> pending =
        events.stream()
            .filter(ConsoleEvent.ExitPending.class::isInstance)
            .map(ConsoleEvent.ExitPending.class::cast)
            .toList();
    assertEquals(1, pending.size(), "asked once: " + pending);
    assertEquals(Money.of(5900, "CNY"), pending.get(0).due());
    assertTrue(
        pending.get(0).items().stream().anyMatch(i -> i.rule().startsWith("lost card")),
        pending.get(0).items().toString());
    List<ConsoleEvent.Incident> incidents =
        events.stream()
            .filter(ConsoleEvent.Incident.class::isInstance)
            .map(ConsoleEvent.Incident.class::cast)
            .toList();
    assertEquals(1, incidents.size(), incidents.toString());
    assertEquals("LOST_CARD", incidents.get(0).kind());

    CommandResult paid =
        site.pay(
                new ConsoleCommand.RecordCashPayment(
                    "pay-1", "exit-1", stayId, Money.of(5900, "CNY"), "cashier1"))
            .get(5, TimeUnit.SECONDS);
    assertTrue(paid.ok(), paid.toString());
    awaitState(LaneState.OPENING);

    // The lost card, if found and used again, is refused at the entry.
    LaneEvent again = site.recordEntry("entry-1", "00A1B2C3D4", null).get(5, TimeUnit.SECONDS);
    assertTrue(
        again instanceof LaneEvent.CardRefused r && r.reason().contains("reported lost"),
        again.toString());
    CommandResult gone =
        site.reportLostCard(
                new ConsoleCommand.ReportLostCard("lost-2", "entry-1", stayId, "cashier1"))
            .get(5, TimeUnit.SECONDS);
    assertEquals(
        CommandResult.refused("lost-2", "unknown exit lane 'entry-1' (exit lanes: exit-1)"), gone);
  }

  @Test
  void twoHoursOneMinuteOwesNineAndTheDisplaySaysWhereToPay() throws Exception {
    vehicleWaitingToPay();
    // 15 min grace then 3.00 per started hour: 2 h 01 min is three started hours.
    assertEquals(Money.of(900, "CNY"), loop.submit(() -> exit.lane().due()).get());
    assertTrue(commands.contains("show 停车费 Fee 9.00 CNY"), commands.toString());
    assertFalse(commands.contains("open"), "the barrier stays down until the fee is paid");
  }

  @Test
  void cashPaymentIsRecordedThenTheBarrierOpensAndARetryChargesNothing() throws Exception {
    long stayId = vehicleWaitingToPay();
    var pay =
        new ConsoleCommand.RecordCashPayment(
            "req-1", "exit-1", stayId, Money.of(900, "CNY"), "cashier1");
    CommandResult result = site.pay(pay).get(5, TimeUnit.SECONDS);
    assertTrue(result.ok(), result.toString());
    assertEquals("receipt demo-000001 for 9.00 CNY", result.detail());
    awaitState(LaneState.OPENING);
    assertTrue(commands.contains("open"));

    CommandResult retried = site.pay(pay).get(5, TimeUnit.SECONDS);
    assertEquals(result, retried);
    assertEquals(1, ledger.payments().size());
  }

  @Test
  void aSupervisorReversesAReceiptOnceAndARetryGetsTheSameAnswer() throws Exception {
    long stayId = vehicleWaitingToPay();
    site.pay(
            new ConsoleCommand.RecordCashPayment(
                "req-1", "exit-1", stayId, Money.of(900, "CNY"), "cashier1"))
        .get(5, TimeUnit.SECONDS);
    var reverse =
        new ConsoleCommand.ReversePayment(
            "rev-1", "demo-000001", "wrong vehicle charged", "supervisor1");

    CommandResult result = site.reverse(reverse).get(5, TimeUnit.SECONDS);
    assertEquals(CommandResult.ok("rev-1", "reversed receipt demo-000001"), result);
    assertEquals(
        result, site.reverse(reverse).get(5, TimeUnit.SECONDS), "a retry is answered alike");
    assertEquals(
        Money.zero(Money.of(0, "CNY").currency()),
        ledger.paidFor(stayId, Money.of(0, "CNY").currency()));
    List<ConsoleEvent.PaymentReversed> reversed =
        ledger.eventsAfter(0, 100).stream()
            .filter(ConsoleEvent.PaymentReversed.class::isInstance)
            .map(ConsoleEvent.PaymentReversed.class::cast)
            .toList();
    assertEquals(1, reversed.size(), "reversed once, announced once");
    assertEquals("exit-1", reversed.get(0).lane());
    assertEquals(Money.of(900, "CNY"), reversed.get(0).amount());
    assertEquals("supervisor1", reversed.get(0).supervisor());
    assertEquals("wrong vehicle charged", reversed.get(0).reason());

    CommandResult again =
        site.reverse(
                new ConsoleCommand.ReversePayment(
                    "rev-2", "demo-000001", "wrong vehicle charged", "supervisor2"))
            .get(5, TimeUnit.SECONDS);
    assertFalse(again.ok());
    assertTrue(again.error().contains("already reversed"), again.error());
    CommandResult own =
        site.reverse(new ConsoleCommand.ReversePayment("rev-3", "demo-000009", "x", "supervisor1"))
            .get(5, TimeUnit.SECONDS);
    assertEquals(CommandResult.refused("rev-3", "no receipt demo-000009 to reverse"), own);
  }

  @Test
  void aCashierOpensAndClosesAShiftAndTheReportIsAnnouncedOnce() throws Exception {
    var open = new ConsoleCommand.OpenShift("login-1", "cashier1");
    CommandResult opened = site.shift(open).get(5, TimeUnit.SECONDS);
    assertTrue(opened.ok(), opened.toString());
    assertTrue(opened.detail().startsWith("shift 1 open since"), opened.detail());
    assertEquals(opened, site.shift(open).get(5, TimeUnit.SECONDS), "a retried open");
    CommandResult twice =
        site.shift(new ConsoleCommand.OpenShift("login-2", "cashier1")).get(5, TimeUnit.SECONDS);
    assertFalse(twice.ok());
    assertTrue(twice.error().contains("already has shift 1 open"), twice.error());

    long stayId = vehicleWaitingToPay();
    site.pay(
            new ConsoleCommand.RecordCashPayment(
                "req-1", "exit-1", stayId, Money.of(900, "CNY"), "cashier1"))
        .get(5, TimeUnit.SECONDS);
    var close = new ConsoleCommand.CloseShift("handover-1", "cashier1");
    CommandResult closed = site.shift(close).get(5, TimeUnit.SECONDS);
    assertEquals(CommandResult.ok("handover-1", "shift 1 closed: 1 payments, 0 reversals"), closed);
    assertEquals(closed, site.shift(close).get(5, TimeUnit.SECONDS), "a retried closing");
    List<ConsoleEvent.ShiftClosed> reports =
        ledger.eventsAfter(0, 100).stream()
            .filter(ConsoleEvent.ShiftClosed.class::isInstance)
            .map(ConsoleEvent.ShiftClosed.class::cast)
            .toList();
    assertEquals(1, reports.size(), "closed once, announced once");
    assertEquals("demo-000001", reports.get(0).firstReceipt());
    assertEquals(Money.of(900, "CNY"), reports.get(0).totals().get(0).paid());

    CommandResult none =
        site.shift(new ConsoleCommand.CloseShift("handover-2", "cashier1"))
            .get(5, TimeUnit.SECONDS);
    assertEquals(
        CommandResult.refused("handover-2", "cashier cashier1 has no open shift to close"), none);
  }

  @Test
  void aWrongAmountOrLaneIsRefusedAndChangesNothing() throws Exception {
    long stayId = vehicleWaitingToPay();
    CommandResult short1 =
        site.pay(
                new ConsoleCommand.RecordCashPayment(
                    "r1", "exit-1", stayId, Money.of(800, "CNY"), "c"))
            .get();
    assertEquals("amount 8.00 CNY does not match the 9.00 CNY due", short1.error());
    CommandResult lane =
        site.pay(
                new ConsoleCommand.RecordCashPayment(
                    "r2", "exit-9", stayId, Money.of(900, "CNY"), "c"))
            .get();
    assertEquals("unknown exit lane 'exit-9' (exit lanes: exit-1)", lane.error());
    CommandResult stay =
        site.pay(
                new ConsoleCommand.RecordCashPayment(
                    "r3", "exit-1", stayId + 1, Money.of(900, "CNY"), "c"))
            .get();
    assertFalse(stay.ok());
    assertTrue(ledger.payments().isEmpty());
    assertEquals(LaneState.AWAITING_PAYMENT, loop.submit(() -> exit.lane().state()).get());
  }

  @Test
  void anUnknownCardIsRefusedAtTheExit() throws Exception {
    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    exit.deliver(new LaneEvent.CardRead("FFFFFFFFFF"));
    for (int i = 0; i < 200 && !commands.contains("show 请联系收费员 Please see the cashier"); i++) {
      Thread.sleep(10);
    }
    assertTrue(commands.contains("show 请联系收费员 Please see the cashier"), commands.toString());
    assertFalse(commands.contains("open"));
  }
}
