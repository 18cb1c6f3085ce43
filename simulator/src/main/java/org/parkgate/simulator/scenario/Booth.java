package org.parkgate.simulator.scenario;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.parkgate.api.Answer;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.FoundStay;
import org.parkgate.api.LostCardForm;
import org.parkgate.api.LostCardStatus;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Tender;
import org.parkgate.money.Denominations;
import org.parkgate.money.Money;
import org.parkgate.site.LaneState;

/**
 * The people of a scenario at the booth through the console API: logins, shifts, the fees the
 * cashier takes, and lost cards with their approval.
 */
final class Booth {
  private final ConsoleLink link;
  private final Currency currency;
  private final String scenarioName;
  private final AtomicLong expectedMinor;
  private final AtomicLong takenMinor;
  private final Map<String, Login> sessions = new ConcurrentHashMap<>();
  private volatile String cashier;
  private final AtomicLong drawerMinor = new AtomicLong();
  private final Map<String, String> receipts = new ConcurrentHashMap<>();

  /** The IC cards collected and receipts given this shift, as a cashier counts them at handover. */
  private final AtomicLong shiftCards = new AtomicLong();

  private final AtomicLong shiftReceipts = new AtomicLong();

  /** What supervisors reversed during the run (negative or zero), from their answers. */
  final AtomicLong reversedMinor = new AtomicLong();

  private record Login(String session, Role role, String password) {}

  /**
   * Adds each fee asked to {@code expectedMinor} and each receipt's amount to {@code takenMinor}.
   */
  Booth(
      ConsoleLink link,
      Currency currency,
      String scenarioName,
      AtomicLong expectedMinor,
      AtomicLong takenMinor) {
    this.link = link;
    this.currency = currency;
    this.scenarioName = scenarioName;
    this.expectedMinor = expectedMinor;
    this.takenMinor = takenMinor;
  }

  /**
   * Waits until the controller says {@code lane} has seen the vehicle and waits for its card: a
   * card presented before is read while the lane may still be busy with the vehicle before.
   */
  void awaitWaitingForCard(String lane, int mark) throws Exception {
    link.awaitEvent(
            ConsoleEvent.LaneStatus.class,
            mark,
            e -> e.lane().equals(lane) && e.vehiclePresent() && e.state() == LaneState.WAITING_CARD,
            LaneMoves.WAIT)
        .orElseThrow(
            () -> new IllegalStateException(lane + " never showed the vehicle waiting for a card"));
  }

  Optional<ConsoleEvent.ExitPending> lostCard(
      Step.Exit x, String plate, String vehicleClass, int mark) throws Exception {
    // The cashier deals with the driver once the lane has seen the vehicle and waits for a card.
    awaitWaitingForCard(x.lane(), mark);
    String find = link.id("find");
    CommandResult found =
        asCashier(session -> new ConsoleCommand.FindStay(find, session, plate, null));
    if (!found.ok() || !(found.answer() instanceof Answer.StaysFound stays)) {
      throw new IllegalStateException(
          "finding the stay of " + plate + " was refused: " + found.error());
    }
    long stayId =
        stays.stays().stream()
            .filter(s -> plate.equals(s.plate()))
            .mapToLong(FoundStay::stayId)
            .findFirst()
            .orElse(0);
    LostCardForm form =
        new LostCardForm(
            "Scenario Driver",
            "13800138000",
            "11010519491231002X",
            plate,
            vehicleClass,
            "white",
            "lost in the car park (scenario " + scenarioName + ")");
    String lost = link.id("lost");
    CommandResult asked =
        asCashier(
            session -> new ConsoleCommand.ReportLostCard(lost, session, x.lane(), stayId, form));
    if (!asked.ok() || !(asked.answer() instanceof Answer.LostCardAsked a)) {
      throw new IllegalStateException("the lost card was refused: " + asked.error());
    }
    if (a.status() == LostCardStatus.AWAITING_APPROVAL) {
      String approver =
          sessions.entrySet().stream()
              .filter(
                  l ->
                      l.getValue().role() == Role.SUPERVISOR || l.getValue().role() == Role.FINANCE)
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the lost card waits for approval: log in a supervisor or finance"));
      String approve = link.id("approve");
      CommandResult decided =
          as(
              approver,
              session ->
                  new ConsoleCommand.DecideLostCard(
                      approve, session, a.lostCardNo(), true, "driver and vehicle checked"));
      if (!decided.ok()) {
        throw new IllegalStateException("the lost card's approval was refused: " + decided.error());
      }
    }
    long stay = a.stayId();
    return Optional.of(
        link.awaitEvent(
                ConsoleEvent.ExitPending.class,
                mark,
                e -> e.lane().equals(x.lane()) && (stay == 0 || e.stayId() == stay),
                LaneMoves.WAIT)
            .orElseThrow(() -> new IllegalStateException("no lost-card fee asked at " + x.lane())));
  }

  /** The cashier takes the fee shown as the step says, or lifts the arm and it leaves owing. */
  void settle(Step.Exit x, ConsoleEvent.ExitPending p) throws Exception {
    if (x.pay() == Step.Pay.OWING) {
      String lift = link.id("lift");
      CommandResult r =
          asCashier(
              session ->
                  new ConsoleCommand.LiftBarrier(
                      lift, session, x.lane(), "driver cannot pay; leaves owing"));
      if (!r.ok()) {
        throw new IllegalStateException("lifting the barrier was refused: " + r.error());
      }
      return;
    }
    if (x.pay() == Step.Pay.FREE_PASS) {
      freePass(x, p);
      return;
    }
    if (x.pay() == Step.Pay.NONE) {
      throw new IllegalStateException(p.due().toDecimalString() + " due and the step pays none");
    }
    Tender tender = Tender.valueOf(x.pay().name());
    String reference = x.reference();
    if (reference == null && tender == Tender.CARD) {
      reference = String.format("%012d", p.stayId());
    } else if (reference == null && tender == Tender.MOBILE) {
      reference = String.format("SCN%021d", p.stayId());
    }
    Money tendered = x.tenderedMinor() == null ? null : Money.of(x.tenderedMinor(), currency);
    String requestId = link.id("pay");
    expectedMinor.addAndGet(p.due().minor());
    long deadline = System.nanoTime() + LaneMoves.WAIT.toNanos();
    while (true) {
      String ref = reference;
      CommandResult r =
          asCashier(
              session ->
                  new ConsoleCommand.RecordCashPayment(
                      requestId, session, x.lane(), p.stayId(), p.due(), tender, tendered, ref));
      if (r.ok() && r.answer() instanceof Answer.Receipt receipt) {
        takenMinor.addAndGet(receipt.amount().minor());
        receipts.put(x.vehicle(), receipt.receiptNo());
        shiftReceipts.incrementAndGet();
        if (!x.lostCard()) {
          shiftCards.incrementAndGet();
        }
        if (tender.isCash()) {
          drawerMinor.addAndGet(receipt.amount().minor());
        }
        return;
      }
      // Not recorded (the fee had not reached the lane yet): the same request again, as a booth.
      if (r.refusal() != Refusal.NOT_RECORDED || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the "
                + tender.code()
                + " payment of "
                + p.due().toDecimalString()
                + " was refused: "
                + r.refusal()
                + " "
                + r.error());
      }
    }
  }

  /**
   * The cashier asks a free pass for the vehicle at the exit with the step's reason; a logged-in
   * supervisor (not the one asking) approves it, and the barrier lifts with nothing taken.
   */
  private void freePass(Step.Exit x, ConsoleEvent.ExitPending p) throws Exception {
    String ask = link.id("free-pass");
    CommandResult asked =
        asCashier(
            session ->
                new ConsoleCommand.AskFreePass(ask, session, x.lane(), p.stayId(), x.reason()));
    if (!asked.ok() || !(asked.answer() instanceof Answer.FreePassAsked a)) {
      throw new IllegalStateException("the free pass was refused: " + asked.error());
    }
    String supervisor =
        supervisor(cashier)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the free pass waits for a supervisor's approval: log one in"));
    String decide = link.id("approve-pass");
    CommandResult decided =
        as(
            supervisor,
            session ->
                new ConsoleCommand.DecideFreePass(
                    decide, session, a.passNo(), true, "checked at the booth"));
    if (!decided.ok()) {
      throw new IllegalStateException("the free pass's approval was refused: " + decided.error());
    }
  }

  /** A logged-in supervisor other than {@code not}. */
  private Optional<String> supervisor(String not) {
    return sessions.entrySet().stream()
        .filter(l -> l.getValue().role() == Role.SUPERVISOR && !l.getKey().equals(not))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** A logged-in supervisor reverses the receipt the vehicle was given at its exit. */
  void reverse(Step.Reverse r) throws Exception {
    String receipt = receipts.get(r.vehicle());
    if (receipt == null) {
      throw new IllegalStateException(r.vehicle() + " has no receipt to reverse (it paid nothing)");
    }
    String supervisor =
        supervisor(null)
            .orElseThrow(
                () -> new IllegalStateException("a reversal needs a supervisor: log one in"));
    String id = link.id("reverse");
    CommandResult done =
        as(
            supervisor,
            session -> new ConsoleCommand.ReversePayment(id, session, receipt, r.reason()));
    if (!done.ok() || !(done.answer() instanceof Answer.Reversed reversed)) {
      throw new IllegalStateException(
          "the reversal of " + receipt + " was refused: " + done.error());
    }
    long minor = reversed.amount().minor();
    reversedMinor.addAndGet(minor > 0 ? -minor : minor);
  }

  /**
   * Handover: the cashier counts the drawer blind and closes; the incoming cashier types their
   * password at the booth and recounts, and takes the payments from then on.
   */
  void handOver(Step.HandOver h) throws Exception {
    resolveIncidents();
    Map<Long, Long> counted =
        h.counted() != null ? h.counted() : Denominations.fewest(currency, drawerMinor.get());
    String id = link.id("hand-over");
    CommandResult r =
        asCashier(
            session ->
                new ConsoleCommand.HandOverShift(
                    id,
                    session,
                    count(counted),
                    shiftCards.get(),
                    shiftReceipts.get(),
                    h.to(),
                    h.password(),
                    count(counted),
                    "127.0.0.1"));
    if (!r.ok() || !(r.answer() instanceof Answer.HandedOver)) {
      throw new IllegalStateException("the handover to " + h.to() + " was refused: " + r.error());
    }
    // The incoming cashier's drawer holds what was counted; they log in at the booth to take over.
    long drawer = 0;
    for (Map.Entry<Long, Long> e : counted.entrySet()) {
      drawer += e.getKey() * e.getValue();
    }
    drawerMinor.set(drawer);
    shiftCards.set(0);
    shiftReceipts.set(0);
    login(new Step.Login(h.at(), h.line(), h.to(), h.password()));
  }

  void login(Step.Login l) throws Exception {
    CommandResult r =
        link.call(new ConsoleCommand.Login(link.id("login"), l.user(), l.password(), "127.0.0.1"));
    if (!r.ok() || !(r.answer() instanceof Answer.LoggedIn in)) {
      throw new IllegalStateException("login of " + l.user() + " refused: " + r.error());
    }
    sessions.put(l.user(), new Login(in.session(), in.role(), l.password()));
    if (in.role() == Role.CASHIER || (cashier == null && in.role() == Role.SUPERVISOR)) {
      cashier = l.user();
    }
  }

  /** The command the cashier at the booth sends, with their session. */
  private CommandResult asCashier(Function<String, ConsoleCommand> command) throws Exception {
    String who = cashier;
    if (who == null) {
      throw new IllegalStateException("no cashier is logged in (a cashier: login step)");
    }
    return as(who, command);
  }

  /**
   * A command sent with {@code who}'s session. A session the controller ended meanwhile (idle for
   * hours while a stepped clock jumped, or past its lifetime) is answered as at a booth: the person
   * logs in again and sends it once more, with the same request id.
   */
  private CommandResult as(String who, Function<String, ConsoleCommand> command) throws Exception {
    Login in = sessions.get(who);
    CommandResult r = link.call(command.apply(in.session()));
    if (r.refusal() != Refusal.NOT_LOGGED_IN) {
      return r;
    }
    CommandResult again =
        link.call(new ConsoleCommand.Login(link.id("login"), who, in.password(), "127.0.0.1"));
    if (!again.ok() || !(again.answer() instanceof Answer.LoggedIn renewed)) {
      throw new IllegalStateException("logging " + who + " in again was refused: " + again.error());
    }
    sessions.put(who, new Login(renewed.session(), renewed.role(), in.password()));
    return link.call(command.apply(renewed.session()));
  }

  void openShift(Step.OpenShift o) throws Exception {
    CashCount cashFloat = count(o.cashFloat());
    String open = link.id("open-shift");
    CommandResult r = asCashier(session -> new ConsoleCommand.OpenShift(open, session, cashFloat));
    if (!r.ok()) {
      throw new IllegalStateException("opening the shift was refused: " + r.error());
    }
    drawerMinor.set(cashFloat.total().minor());
    shiftCards.set(0);
    shiftReceipts.set(0);
  }

  void closeShift(Step.CloseShift c) throws Exception {
    resolveIncidents();
    Map<Long, Long> counted =
        c.counted() != null ? c.counted() : Denominations.fewest(currency, drawerMinor.get());
    String close = link.id("close-shift");
    CommandResult r =
        asCashier(session -> new ConsoleCommand.CloseShift(close, session, count(counted)));
    if (!r.ok()) {
      throw new IllegalStateException("closing the shift was refused: " + r.error());
    }
  }

  /** A shift closes only with its incidents resolved: the cashier notes each one first. */
  private void resolveIncidents() throws Exception {
    for (ConsoleEvent e : link.events()) {
      if (e instanceof ConsoleEvent.Incident i && i.incidentNo() != null) {
        String resolve = link.id("resolve");
        asCashier(
            session ->
                new ConsoleCommand.ResolveIncident(
                    resolve, session, i.incidentNo(), "seen at the booth during the scenario"));
      }
    }
  }

  private CashCount count(Map<Long, Long> pieces) {
    List<CashCount.Pieces> list = new ArrayList<>();
    pieces.forEach((face, n) -> list.add(new CashCount.Pieces(face, n)));
    return new CashCount(currency.getCurrencyCode(), list);
  }
}
