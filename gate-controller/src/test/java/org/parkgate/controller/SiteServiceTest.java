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
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Refusal;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.BarrierInputs;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.RecordingDevices;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.LaneState;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The site's decisions with a real ledger and tariff, the lane's hardware replaced by a recorder,
 * and console commands given by people logged in at a booth through the command pipeline.
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
  private Desk desk;
  private final RecordingDevices devices = new RecordingDevices();
  private final List<String> commands = devices.commands();
  private Clock clock = Clock.fixed(ENTRY.plus(Duration.ofMinutes(121)), ZoneOffset.UTC);
  private org.parkgate.site.Language language = org.parkgate.site.Language.BOTH;

  @BeforeEach
  void start() throws Exception {
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    loop = new DefaultEventLoop();
    restart();
  }

  /**
   * The controller (re)started on this test's ledger: a new site service, exit lane and command
   * pipeline; the sessions of the one before are gone.
   */
  private void restart() throws Exception {
    if (desk != null) {
      desk.close();
    }
    SiteConfig demo = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    SiteConfig config = demo.withLanguage(language);
    site =
        new SiteService(
            config,
            TariffBook.open(ledger, config.tariff(), clock.instant()),
            ledger,
            clock,
            ledgerThread,
            new ConsoleHub());
    exit = site.addLane(config.lane("exit-1").orElseThrow(), loop);
    exit.attach(devices);
    desk = new Desk(site, clock);
  }

  @AfterEach
  void stop() throws Exception {
    desk.close();
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  private long vehicleWaitingToPay() throws Exception {
    long stayId = new Stays(ledger).recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
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

  private CommandResult pay(String requestId, long stayId, Money amount) {
    return desk.run(
        new ConsoleCommand.RecordCashPayment(
            requestId, desk.onShift("cashier1"), "exit-1", stayId, amount));
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
  void aSiteInEnglishOrChineseShowsTheFeeInThatLanguageOnly() throws Exception {
    language = org.parkgate.site.Language.EN;
    restart();
    vehicleWaitingToPay();
    assertTrue(commands.contains("show Fee 9.00 CNY"), commands.toString());
    assertEquals(List.of("Fee 9.00 CNY", "Please pay at the booth"), devices.display());
    assertFalse(commands.stream().anyMatch(c -> c.contains("停车费")), commands.toString());
  }

  @Test
  void cashPaymentIsRecordedThenTheBarrierOpensAndARetryChargesNothing() throws Exception {
    long stayId = vehicleWaitingToPay();
    var pay =
        new ConsoleCommand.RecordCashPayment(
            "req-1", desk.onShift("cashier1"), "exit-1", stayId, Money.of(900, "CNY"));
    CommandResult result = desk.run(pay);
    Answer.Receipt receipt = Desk.answer(result, Answer.Receipt.class);
    assertEquals("demo-000001", receipt.receiptNo());
    assertEquals(Money.of(900, "CNY"), receipt.amount());
    assertEquals("cashier1", receipt.cashier(), "the session's person took it");
    assertEquals(stayId, receipt.stayId());
    awaitState(LaneState.OPENING);
    assertTrue(commands.contains("open"));

    CommandResult retried = desk.run(pay);
    assertEquals(Desk.kept(result), retried, "the same receipt");
    assertEquals(1, new Payments(ledger).all().size());
  }

  @Test
  void aSupervisorReversesAReceiptOnceAndARetryGetsTheSameAnswer() throws Exception {
    long stayId = vehicleWaitingToPay();
    assertTrue(pay("req-1", stayId, Money.of(900, "CNY")).ok());
    var reverse =
        new ConsoleCommand.ReversePayment(
            "rev-1", desk.session("supervisor1"), "demo-000001", "wrong vehicle charged");

    CommandResult result = desk.run(reverse);
    Answer.Reversed reversal = Desk.answer(result, Answer.Reversed.class);
    assertEquals("demo-000001", reversal.receiptNo());
    assertEquals(Money.of(900, "CNY"), reversal.amount());
    assertEquals("supervisor1", reversal.supervisor());
    assertEquals(result, desk.run(reverse), "a retry is answered alike");
    assertEquals(
        Money.zero(Money.of(0, "CNY").currency()),
        new Payments(ledger).paidFor(stayId, Money.of(0, "CNY").currency()));
    List<ConsoleEvent.PaymentReversed> reversed =
        new EventLog(ledger)
            .eventsAfter(0, 100).stream()
                .filter(ConsoleEvent.PaymentReversed.class::isInstance)
                .map(ConsoleEvent.PaymentReversed.class::cast)
                .toList();
    assertEquals(1, reversed.size(), "reversed once, announced once");
    assertEquals("exit-1", reversed.get(0).lane());
    assertEquals(Money.of(900, "CNY"), reversed.get(0).amount());
    assertEquals("supervisor1", reversed.get(0).supervisor());
    assertEquals("wrong vehicle charged", reversed.get(0).reason());

    CommandResult again =
        desk.run(
            new ConsoleCommand.ReversePayment(
                "rev-2", desk.session("supervisor2"), "demo-000001", "wrong vehicle charged"));
    String why = Desk.refusal(again, Refusal.NOT_NOW);
    assertTrue(why.contains("already reversed"), why);
    CommandResult none =
        desk.run(
            new ConsoleCommand.ReversePayment(
                "rev-3", desk.session("supervisor1"), "demo-000009", "x"));
    assertEquals("no receipt demo-000009 to reverse", Desk.refusal(none, Refusal.NOT_NOW));
    assertEquals(1, reversals(), "reversed once");
  }

  @Test
  void aCashierOpensAndClosesAShiftAndTheReportIsAnnouncedOnce() throws Exception {
    var cny = java.util.Currency.getInstance("CNY");
    var open =
        new ConsoleCommand.OpenShift(
            "login-1", desk.session("cashier1"), org.parkgate.api.CashCount.empty(cny));
    CommandResult opened = desk.run(open);
    Answer.ShiftOpen shift = Desk.answer(opened, Answer.ShiftOpen.class);
    assertEquals(
        List.of(1L, "cashier1", clock.instant(), false),
        List.of(shift.shiftNo(), shift.cashier(), shift.openedAt(), shift.alreadyOpen()));
    assertEquals(opened, desk.run(open), "a retried open");
    CommandResult twice =
        desk.run(new ConsoleCommand.OpenShift("login-2", desk.session("cashier1")));
    assertEquals(
        List.of(1L, true),
        List.of(
            Desk.answer(twice, Answer.ShiftOpen.class).shiftNo(),
            Desk.answer(twice, Answer.ShiftOpen.class).alreadyOpen()),
        "logged in again, the cashier carries on in the open shift");

    long stayId = vehicleWaitingToPay();
    assertTrue(pay("req-1", stayId, Money.of(900, "CNY")).ok());
    var close =
        new ConsoleCommand.CloseShift(
            "handover-1",
            desk.session("cashier1"),
            new org.parkgate.api.CashCount(
                "CNY",
                List.of(
                    new org.parkgate.api.CashCount.Pieces(500, 1),
                    new org.parkgate.api.CashCount.Pieces(100, 4))));
    CommandResult closed = desk.run(close);
    Answer.ShiftReport report = Desk.answer(closed, Answer.ShiftReport.class);
    assertEquals(
        List.of(1L, "cashier1", 1L, 0L, "demo-000001", "demo-000001"),
        List.of(
            report.shiftNo(),
            report.cashier(),
            report.payments(),
            report.reversals(),
            report.firstReceipt(),
            report.lastReceipt()));
    assertEquals(Money.of(0, "CNY"), report.variance(), "9.00 taken, 9.00 counted");
    assertEquals(closed, desk.run(close), "a retried closing");
    List<ConsoleEvent.ShiftClosed> reports =
        new EventLog(ledger)
            .eventsAfter(0, 100).stream()
                .filter(ConsoleEvent.ShiftClosed.class::isInstance)
                .map(ConsoleEvent.ShiftClosed.class::cast)
                .toList();
    assertEquals(1, reports.size(), "closed once, announced once");
    assertEquals("demo-000001", reports.get(0).firstReceipt());
    assertEquals(Money.of(900, "CNY"), reports.get(0).totals().get(0).paid());

    CommandResult none =
        desk.run(new ConsoleCommand.CloseShift("handover-2", desk.session("cashier1")));
    assertEquals("cashier1 has no open shift to close", Desk.refusal(none, Refusal.NOT_NOW));
  }

  @Test
  void aWrongAmountOrLaneIsRefusedAndChangesNothing() throws Exception {
    long stayId = vehicleWaitingToPay();
    CommandResult short1 = pay("r1", stayId, Money.of(800, "CNY"));
    assertEquals(
        "amount 8.00 CNY does not match the 9.00 CNY due", Desk.refusal(short1, Refusal.NOT_NOW));
    CommandResult lane =
        desk.run(
            new ConsoleCommand.RecordCashPayment(
                "r2", desk.session("cashier1"), "exit-9", stayId, Money.of(900, "CNY")));
    assertEquals(
        "unknown exit lane 'exit-9' (exit lanes: exit-1)", Desk.refusal(lane, Refusal.INVALID));
    CommandResult stay = pay("r3", stayId + 1, Money.of(900, "CNY"));
    assertEquals(
        "the vehicle waiting at exit-1 is stay " + stayId + ", not " + (stayId + 1),
        Desk.refusal(stay, Refusal.NOT_NOW));
    assertTrue(new Payments(ledger).all().isEmpty());
    assertEquals(LaneState.AWAITING_PAYMENT, loop.submit(() -> exit.lane().state()).get());
  }

  private long reversals() {
    return new EventLog(ledger)
        .eventsAfter(0, 100).stream()
            .filter(ConsoleEvent.PaymentReversed.class::isInstance)
            .count();
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
