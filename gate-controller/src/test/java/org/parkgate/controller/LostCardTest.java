package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.parkgate.api.LostCardEntry;
import org.parkgate.api.LostCardForm;
import org.parkgate.api.LostCardStatus;
import org.parkgate.api.Refusal;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.BarrierInputs;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.RecordingDevices;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneState;
import org.parkgate.site.LostCardApproval;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * The lost-card register's rules with a real ledger and tariff through the command pipeline: the
 * form checked by the controller, the fee from the matched entry or the tariff's rule, approval by
 * another person where the site requires it, payment and release, and retries answered once.
 */
class LostCardTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant ENTRY = Instant.parse("2027-01-09T02:00:00Z");
  static final BarrierInputs CLOSED_ARMED = new BarrierInputs(true, false, false, true, false);
  static final LostCardForm FORM =
      new LostCardForm(
          "张伟", "13800138000", "11010519491231002X", "粤B12345", "car", "white", "丢在商场里");
  static final Money FEE = Money.of(5900, "CNY"); // 9.00 for three started hours, 50.00 card

  @TempDir Path dir;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private DefaultEventLoop loop;
  private SiteService site;
  private LaneRunner exit;
  private Desk desk;
  private final RecordingDevices devices = new RecordingDevices();
  private final Clock clock = Clock.fixed(ENTRY.plus(Duration.ofMinutes(121)), ZoneOffset.UTC);

  @BeforeEach
  void start() throws Exception {
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    loop = new DefaultEventLoop();
  }

  /** The controller (re)started with the demo site, its lost cards approved as {@code rule}. */
  private void startSite(LostCardApproval rule) throws Exception {
    if (desk != null) {
      desk.close();
    }
    SiteConfig demo = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    SiteConfig config = demo.withLostCardApproval(rule);
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
    if (desk != null) {
      desk.close();
    }
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  private void vehicleWaitsWithoutCard() throws Exception {
    exit.deliver(new LaneEvent.PlateRead(new Sighting("粤B12345", "car", "white")));
    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    awaitState(LaneState.WAITING_CARD);
  }

  private void awaitState(LaneState state) throws Exception {
    for (int i = 0; i < 300; i++) {
      if (loop.submit(() -> exit.lane().state()).get() == state) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "lane never reached " + state + "; it is " + loop.submit(() -> exit.lane().state()).get());
  }

  private CommandResult report(String id, String who, long stayId, LostCardForm form) {
    return desk.run(
        new ConsoleCommand.ReportLostCard(id, desk.session(who), "exit-1", stayId, form));
  }

  private CommandResult decide(String id, String who, long no, boolean approve, String note) {
    return desk.run(new ConsoleCommand.DecideLostCard(id, desk.session(who), no, approve, note));
  }

  private <E extends ConsoleEvent> List<E> events(Class<E> kind) {
    return new EventLog(ledger)
        .eventsAfter(0, 500).stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Test
  void aMatchedLostCardWaitsForASupervisorThenItsFeeIsAskedPaidAndTheBarrierLifts()
      throws Exception {
    startSite(LostCardApproval.SUPERVISOR_OR_FINANCE);
    long stayId = new Stays(ledger).recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
    vehicleWaitsWithoutCard();

    Answer.LostCardAsked asked =
        Desk.answer(report("lost-1", "cashier1", stayId, FORM), Answer.LostCardAsked.class);
    assertEquals(LostCardStatus.AWAITING_APPROVAL, asked.status());
    assertEquals(Money.of(900, "CNY"), asked.parkingFee());
    assertEquals(Money.of(5000, "CNY"), asked.replacementFee());
    assertEquals(FEE, asked.due());
    assertEquals("粤B12345", asked.exitPlate(), "the exit camera's plate, beside the entry's");
    assertEquals(LaneState.WAITING_CARD, loop.submit(() -> exit.lane().state()).get());
    assertTrue(events(ConsoleEvent.ExitPending.class).isEmpty(), "nothing asked before approval");
    ConsoleEvent.LostCardRegistered told = events(ConsoleEvent.LostCardRegistered.class).get(0);
    assertEquals(asked.lostCardNo(), told.lostCardNo());
    assertTrue(
        !told.toString().contains("13800138000") && !told.toString().contains("1101051949"),
        "no personal details in events: " + told);

    // Four eyes: the cashier cannot approve; nor can the supervisor who registered their own.
    assertEquals(
        "cashier1 (cashier) may not do this",
        Desk.refusal(decide("d-0", "cashier1", asked.lostCardNo(), true, null), Refusal.FORBIDDEN));
    assertEquals(
        "a refusal needs a note saying why",
        Desk.refusal(
            decide("d-1", "supervisor1", asked.lostCardNo(), false, " "), Refusal.INVALID));
    assertEquals(
        "lost card 1 at exit-1 is waiting for approval already"
            + " (if its vehicle has gone, refuse it with a note)",
        Desk.refusal(report("lost-2", "cashier2", stayId, FORM), Refusal.NOT_NOW));

    Answer.LostCardDecided approved =
        Desk.answer(
            decide("d-2", "supervisor1", asked.lostCardNo(), true, null),
            Answer.LostCardDecided.class);
    assertTrue(approved.approved());
    assertEquals("cashier1", approved.registeredBy());
    awaitState(LaneState.AWAITING_PAYMENT);
    assertEquals(FEE, loop.submit(() -> exit.lane().due()).get());
    assertEquals(
        "lost card 1 was approved by supervisor1 already",
        Desk.refusal(decide("d-3", "finance1", asked.lostCardNo(), true, null), Refusal.NOT_NOW));

    CommandResult paid =
        desk.run(
            new ConsoleCommand.RecordCashPayment(
                "pay-1", desk.onShift("cashier1"), "exit-1", stayId, FEE));
    assertEquals("00A1B2C3D4", Desk.answer(paid, Answer.Receipt.class).card());
    awaitState(LaneState.OPENING);

    List<LostCardEntry> register =
        Desk.answer(
                desk.run(
                    new ConsoleCommand.ListLostCards(
                        "list-1", desk.session("finance1"), null, null)),
                Answer.LostCardRegister.class)
            .entries();
    assertEquals(1, register.size());
    LostCardEntry line = register.get(0);
    assertEquals(LostCardStatus.APPROVED, line.status());
    assertEquals("supervisor1", line.decidedBy());
    assertEquals("11010519491231002X", line.form().idNumber());
    assertEquals(Desk.answer(paid, Answer.Receipt.class).receiptNo(), line.receiptNo());
    assertTrue(line.matched());
    assertEquals(
        "cashier1 (cashier) may not do this",
        Desk.refusal(
            desk.run(
                new ConsoleCommand.ListLostCards("list-2", desk.session("cashier1"), null, null)),
            Refusal.FORBIDDEN));
    assertEquals(
        1,
        events(ConsoleEvent.Incident.class).stream()
            .filter(i -> i.kind() == IncidentKind.LOST_CARD)
            .count(),
        "the lost card is barred once");
    var verified = LedgerVerifier.verify(dir.resolve("ledger.db"), java.util.Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void theRegistrantCannotApproveTheirOwnAndARefusalAsksNothing() throws Exception {
    startSite(LostCardApproval.SUPERVISOR_OR_FINANCE);
    long stayId = new Stays(ledger).recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
    vehicleWaitsWithoutCard();
    long no =
        Desk.answer(report("lost-1", "supervisor1", stayId, FORM), Answer.LostCardAsked.class)
            .lostCardNo();
    assertEquals(
        "lost card 1 was asked by supervisor1, who cannot decide it;"
            + " ask another supervisor or finance",
        Desk.refusal(decide("d-1", "supervisor1", no, true, null), Refusal.SAME_PERSON));
    Answer.LostCardDecided refused =
        Desk.answer(
            decide("d-2", "finance1", no, false, "ID does not match the plate's owner"),
            Answer.LostCardDecided.class);
    assertEquals(false, refused.approved());
    assertEquals(LaneState.WAITING_CARD, loop.submit(() -> exit.lane().state()).get());
    assertTrue(events(ConsoleEvent.ExitPending.class).isEmpty());
    // Refused, the loss may be registered again.
    assertEquals(
        LostCardStatus.AWAITING_APPROVAL,
        Desk.answer(report("lost-2", "cashier1", stayId, FORM), Answer.LostCardAsked.class)
            .status());
  }

  @Test
  void aBadFormIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
    startSite(LostCardApproval.SUPERVISOR_OR_FINANCE);
    long stayId = new Stays(ledger).recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
    vehicleWaitsWithoutCard();
    LostCardForm badId =
        new LostCardForm(
            "张伟", "13800138000", "110105194912310021", "粤B12345", "car", "white", "丢了");
    assertTrue(
        Desk.refusal(report("lost-1", "cashier1", stayId, badId), Refusal.INVALID)
            .contains("check character is wrong"));
    assertEquals(
        "a lost card needs its registration form (form)",
        Desk.refusal(report("lost-2", "cashier1", stayId, null), Refusal.INVALID));
    assertEquals(
        "stay 99 is not open",
        Desk.refusal(report("lost-3", "cashier1", 99, FORM), Refusal.NOT_NOW));
    assertTrue(new LostCards(ledger).nextNo() == 1, "nothing registered");
    assertTrue(events(ConsoleEvent.LostCardRegistered.class).isEmpty());
  }

  @Test
  void withoutApprovalTheFeeIsAskedAtOnceAndARetryAfterARestartGetsTheFirstAnswer()
      throws Exception {
    startSite(LostCardApproval.NONE);
    long stayId = new Stays(ledger).recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
    vehicleWaitsWithoutCard();
    var lost =
        new ConsoleCommand.ReportLostCard(
            "lost-1", desk.session("cashier1"), "exit-1", stayId, FORM);
    CommandResult asked = desk.run(lost);
    assertEquals(
        LostCardStatus.NO_APPROVAL_NEEDED, Desk.answer(asked, Answer.LostCardAsked.class).status());
    awaitState(LaneState.AWAITING_PAYMENT);
    assertEquals(FEE, loop.submit(() -> exit.lane().due()).get());

    startSite(LostCardApproval.NONE);
    assertEquals(asked, desk.run(lost), "the retry's answer, kept in the ledger");
    assertEquals(1, events(ConsoleEvent.LostCardRegistered.class).size(), "registered once");
    assertEquals(1, events(ConsoleEvent.ExitPending.class).size(), "asked once");
  }

  @Test
  void nothingMatchedIsChargedByTheTariffsRuleOnAStayOpenedForItAtApproval() throws Exception {
    startSite(LostCardApproval.FINANCE);
    vehicleWaitsWithoutCard();
    Answer.LostCardAsked asked =
        Desk.answer(report("lost-1", "cashier1", 0, FORM), Answer.LostCardAsked.class);
    assertEquals(0, asked.stayId());
    assertNull(asked.card());
    assertEquals(Money.of(5000, "CNY"), asked.replacementFee());
    assertEquals(
        "lost-card releases on this site are decided by finance",
        Desk.refusal(decide("d-0", "supervisor1", 1, true, null), Refusal.FORBIDDEN));
    Answer.LostCardDecided approved =
        Desk.answer(decide("d-1", "finance1", 1, true, null), Answer.LostCardDecided.class);
    assertTrue(approved.stayId() > 0, "a stay opened for the vehicle: " + approved);
    awaitState(LaneState.AWAITING_PAYMENT);
    assertEquals(asked.due(), loop.submit(() -> exit.lane().due()).get());
    CommandResult paid =
        desk.run(
            new ConsoleCommand.RecordCashPayment(
                "pay-1", desk.onShift("cashier1"), "exit-1", approved.stayId(), asked.due()));
    assertEquals("LOST-1", Desk.answer(paid, Answer.Receipt.class).card());
    awaitState(LaneState.OPENING);
  }

  @Test
  void withoutApprovalAnUnmatchedVehicleIsAskedTheRuleAtOnceOnAStayOpenedForIt() throws Exception {
    startSite(LostCardApproval.NONE);
    vehicleWaitsWithoutCard();
    Answer.LostCardAsked asked =
        Desk.answer(report("lost-1", "cashier1", 0, FORM), Answer.LostCardAsked.class);
    assertEquals(LostCardStatus.NO_APPROVAL_NEEDED, asked.status());
    assertEquals("LOST-1", asked.card());
    assertTrue(asked.stayId() > 0, asked.toString());
    assertNull(asked.entryPlate(), "nothing matched, so no entry plate");
    awaitState(LaneState.AWAITING_PAYMENT);
    assertEquals(asked.due(), loop.submit(() -> exit.lane().due()).get());
    assertEquals(
        0,
        events(ConsoleEvent.Incident.class).size(),
        "no card of the site's was lost, so none is barred");
    LostCards.Registered kept = new LostCards(ledger).find(1).orElseThrow();
    assertEquals(false, kept.matched());
    assertEquals(asked.stayId(), kept.releasedStay());
  }

  @Test
  void aPaymentForALostCardsFeeTheLaneHasNotTakenYetIsAskedAgainOrRefusedForItsAmount()
      throws Exception {
    startSite(LostCardApproval.NONE);
    long stayId = new Stays(ledger).recordEntry("entry-1", "00A1B2C3D4", ENTRY).stayId();
    vehicleWaitsWithoutCard();
    // The lane's thread is busy when the fee is asked: the booth has it before the lane.
    try (ExitLaneSite.Hold held = ExitLaneSite.hold(loop)) {
      Answer.LostCardAsked asked =
          Desk.answer(report("lost-1", "cashier1", stayId, FORM), Answer.LostCardAsked.class);
      assertEquals(FEE, asked.due());
      String session = desk.onShift("cashier1");
      assertEquals(
          "amount 50.00 CNY does not match the 59.00 CNY due",
          Desk.refusal(
              desk.run(
                  new ConsoleCommand.RecordCashPayment(
                      "pay-0", session, "exit-1", stayId, Money.of(5000, "CNY"))),
              Refusal.NOT_NOW));
      assertTrue(
          Desk.refusal(
                  desk.run(
                      new ConsoleCommand.RecordCashPayment(
                          "pay-1", session, "exit-1", stayId, FEE)),
                  Refusal.NOT_RECORDED)
              .contains("nothing recorded, send it again"));
    }
    awaitState(LaneState.AWAITING_PAYMENT);
    // The same request again once the lane has the fee: taken, and the barrier lifts.
    CommandResult paid =
        desk.run(
            new ConsoleCommand.RecordCashPayment(
                "pay-1", desk.onShift("cashier1"), "exit-1", stayId, FEE));
    assertEquals(FEE, Desk.answer(paid, Answer.Receipt.class).amount());
    awaitState(LaneState.OPENING);
  }
}
