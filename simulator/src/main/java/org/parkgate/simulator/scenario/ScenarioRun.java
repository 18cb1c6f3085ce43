package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.parkgate.api.Answer;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.LostCardForm;
import org.parkgate.api.LostCardStatus;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Tender;
import org.parkgate.money.Denominations;
import org.parkgate.money.Money;

/**
 * Runs a scenario's timeline against a running site: vehicles through the simulator's control
 * interface, people through the console API, faults through the simulator's fault interface. Each
 * vehicle acts on a thread of its own, in the order of its steps; a lane takes one vehicle at a
 * time and the others queue, as drivers do. What each step could not do is kept with its line.
 */
final class ScenarioRun {
  /** How long one thing a vehicle waits for (a card, the arm) may take before the step fails. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** How long a vehicle queues for a lane taken by others. */
  private static final Duration QUEUE = Duration.ofMinutes(3);

  private final Scenario scenario;
  private final SimControl sim;
  private final ConsoleLink link;
  private final java.util.Currency currency;

  private final Map<String, ReentrantLock> lanes = new ConcurrentHashMap<>();
  private final Map<String, ExecutorService> vehicles = new LinkedHashMap<>();
  private final ExecutorService people = Executors.newSingleThreadExecutor();
  private final Map<String, String> cards = new ConcurrentHashMap<>();
  private final Map<String, String> plates = new ConcurrentHashMap<>();
  private final Map<String, String> classes = new ConcurrentHashMap<>();
  private final Map<String, Step.Tailgate> followers = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> followed = new ConcurrentHashMap<>();
  private final Map<String, Login> sessions = new ConcurrentHashMap<>();
  private volatile String cashier;

  /** Season card numbers of the vehicles that hold one, to be registered before the run. */
  private final Map<String, String> seasonCards = new LinkedHashMap<>();

  /** The fee each vehicle was shown at the exit. */
  final Map<String, Money> fees = new ConcurrentHashMap<>();

  /** The fees the cashier was asked to take, and what the controller's receipts say was taken. */
  final AtomicLong expectedMinor = new AtomicLong();

  final AtomicLong takenMinor = new AtomicLong();

  /** Vehicles that drove out through an exit. */
  final AtomicLong drivenOut = new AtomicLong();

  private final AtomicLong drawerMinor = new AtomicLong();

  /** Steps that could not be done: "line 12 (car-3 exits at exit-1): why". */
  final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  private record Login(String session, Role role) {}

  ScenarioRun(Scenario scenario, SimControl sim, ConsoleLink link) {
    this.scenario = scenario;
    this.sim = sim;
    this.link = link;
    this.currency = scenario.currency();
    for (Step s : scenario.timeline()) {
      if (s instanceof Step.Enter e && e.season()) {
        seasonCards.put(e.vehicle(), String.format("5EA50%05X", seasonCards.size() + 1));
        classes.put(e.vehicle(), e.vehicleClass());
      }
      if (s instanceof Step.Tailgate t) {
        followers.put(t.lead(), t);
        followed.put(t.vehicle(), new CompletableFuture<>());
      }
    }
  }

  /** Season card to vehicle class, for each vehicle of the scenario that holds one. */
  Map<String, String> seasonCardClasses() {
    Map<String, String> out = new LinkedHashMap<>();
    seasonCards.forEach((vehicle, card) -> out.put(card, classes.get(vehicle)));
    return out;
  }

  /**
   * Runs every step at its offset on {@code pacer}'s time, then waits for the vehicles and people
   * still acting.
   */
  void run(Pacer pacer) throws InterruptedException {
    for (Step step : scenario.timeline()) {
      pacer.awaitOffset(step.at());
      dispatch(step);
    }
    List<ExecutorService> all = new ArrayList<>(vehicles.values());
    all.add(people);
    for (ExecutorService e : all) {
      e.shutdown();
    }
    for (ExecutorService e : all) {
      if (!e.awaitTermination(10, TimeUnit.MINUTES)) {
        failures.add("the run did not finish within 10 minutes of its last step");
        e.shutdownNow();
      }
    }
  }

  private void dispatch(Step step) {
    if (step instanceof Step.Fault f) {
      guarded(f, () -> fault(f));
    } else if (step instanceof Step.Login l) {
      people.execute(() -> guarded(l, () -> login(l)));
    } else if (step instanceof Step.OpenShift o) {
      people.execute(() -> guarded(o, () -> openShift(o)));
    } else if (step instanceof Step.CloseShift c) {
      people.execute(() -> guarded(c, () -> closeShift(c)));
    } else if (step instanceof Step.Enter e) {
      vehicle(e.vehicle()).execute(() -> guarded(e, () -> enter(e)));
    } else if (step instanceof Step.Tailgate t) {
      vehicle(t.vehicle()).execute(() -> guarded(t, () -> tailgate(t)));
    } else if (step instanceof Step.Exit x) {
      vehicle(x.vehicle()).execute(() -> guarded(x, () -> exit(x)));
    }
  }

  private ExecutorService vehicle(String name) {
    return vehicles.computeIfAbsent(
        name,
        n ->
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "vehicle " + n);
                  t.setDaemon(true);
                  return t;
                }));
  }

  private interface Action {
    void run() throws Exception;
  }

  private void guarded(Step step, Action action) {
    try {
      action.run();
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      failures.add("line " + step.line() + " (" + step.describe() + "): " + why);
    }
  }

  // --- vehicles

  private void enter(Step.Enter e) throws Exception {
    try {
      enterLane(e);
    } catch (Exception ex) {
      clear(e.lane());
      // A follower waiting on this lead is told it never got its chance.
      Step.Tailgate follower = followers.get(e.vehicle());
      if (follower != null) {
        followed.get(follower.vehicle()).completeExceptionally(ex);
      }
      throw ex;
    }
  }

  private void enterLane(Step.Enter e) throws Exception {
    String plate = plate(e.vehicle(), e.plate());
    classes.put(e.vehicle(), e.vehicleClass());
    try (Held lane = hold(e.lane())) {
      awaitIdle(e.lane());
      arrive(e.lane(), plate, e.vehicleClass());
      if (e.season()) {
        if (e.backOff()) {
          sim.call("POST", "/lanes/" + e.lane() + "/vehicle/leave", null);
          return;
        }
        String card = seasonCards.get(e.vehicle());
        sim.call("POST", "/lanes/" + e.lane() + "/card/present", Map.of("card", card));
        cards.put(e.vehicle(), card);
        awaitLane(
            e.lane(),
            "the barrier open for the season card",
            l -> SimControl.barrier(l).equals("open"));
        drive(e.lane());
        return;
      }
      awaitLane(e.lane(), "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
      if (e.backOff()) {
        sim.call("POST", "/lanes/" + e.lane() + "/vehicle/leave", null);
        return;
      }
      String card =
          sim.call("POST", "/lanes/" + e.lane() + "/card/take", null).path("card").asText();
      cards.put(e.vehicle(), card);
      awaitLane(e.lane(), "the barrier open for it", l -> SimControl.barrier(l).equals("open"));
      Step.Tailgate follower = followers.get(e.vehicle());
      if (follower == null) {
        drive(e.lane());
        return;
      }
      CompletableFuture<Void> done = followed.get(follower.vehicle());
      try {
        follow(e.lane(), follower);
        done.complete(null);
      } catch (Exception ex) {
        done.completeExceptionally(ex);
        throw ex;
      }
    }
  }

  /**
   * The lead drives through slowly; the follower rolls onto the arming loop once the lead has left
   * it, while the lead is still under the arm. Then it takes a card if the lane offers one, drives
   * through if the arm opens for it, and otherwise backs off.
   */
  private void follow(String lane, Step.Tailgate follower) throws Exception {
    sim.call("POST", "/lanes/" + lane + "/vehicle/drive", Map.of("dwellMs", 2000, "wait", false));
    awaitLane(
        lane, "the lead off the arming loop", l -> !l.path("loops").path("arming").asBoolean());
    String followerPlate = plate(follower.vehicle(), follower.plate());
    classes.put(follower.vehicle(), follower.vehicleClass());
    arrive(lane, followerPlate, follower.vehicleClass());
    awaitLane(
        lane,
        "the lead clear of the safety loop",
        l -> !l.path("loops").path("safety").asBoolean());
    JsonNode state =
        sim.await(
            lane,
            l ->
                !l.path("cardUnit").path("cardAtMouth").isNull()
                    || (SimControl.barrier(l).equals("open")
                        && l.path("loops").path("arming").asBoolean()),
            Duration.ofSeconds(5));
    if (state == null) {
      sim.call("POST", "/lanes/" + lane + "/vehicle/leave", null);
      throw new IllegalStateException(
          "no card offered and the arm stayed down after the lead: it backed off");
    }
    if (!state.path("cardUnit").path("cardAtMouth").isNull()) {
      String card = sim.call("POST", "/lanes/" + lane + "/card/take", null).path("card").asText();
      cards.put(follower.vehicle(), card);
      awaitLane(
          lane, "the barrier open for the follower", l -> SimControl.barrier(l).equals("open"));
    }
    drive(lane);
  }

  /** The follower's own step: done when its lead's entry took it in. */
  private void tailgate(Step.Tailgate t) throws Exception {
    try {
      followed.get(t.vehicle()).get(QUEUE.toSeconds() + WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "it could not follow " + t.lead() + ": " + e.getCause().getMessage());
    }
  }

  private void exit(Step.Exit x) throws Exception {
    try {
      exitLane(x);
    } catch (Exception e) {
      clear(x.lane());
      throw e;
    }
  }

  /**
   * A vehicle whose step failed at a lane backs off if it can, so the vehicles queued behind it are
   * not stuck behind its failure too.
   */
  private void clear(String lane) {
    try {
      if (sim.lane(lane).path("loops").path("arming").asBoolean()) {
        sim.call("POST", "/lanes/" + lane + "/vehicle/leave", null);
      }
    } catch (Exception e) {
      // Under the arm or gone: nothing to back off.
    }
  }

  private void exitLane(Step.Exit x) throws Exception {
    String card = cards.get(x.vehicle());
    if (card == null && !x.lostCard()) {
      throw new IllegalStateException(x.vehicle() + " has no card: it never got in");
    }
    try (Held lane = hold(x.lane())) {
      awaitIdle(x.lane());
      int mark = link.mark();
      arrive(x.lane(), plates.get(x.vehicle()), classes.getOrDefault(x.vehicle(), "car"));
      Optional<ConsoleEvent.ExitPending> pending;
      if (x.lostCard()) {
        pending = lostCard(x, mark);
      } else {
        sim.call("POST", "/lanes/" + x.lane() + "/card/present", Map.of("card", card));
        pending = feeOrOpen(x.lane(), card, mark);
      }
      Money due = pending.map(ConsoleEvent.ExitPending::due).orElse(Money.zero(currency));
      fees.put(x.vehicle(), due);
      if (x.backOff()) {
        sim.call("POST", "/lanes/" + x.lane() + "/vehicle/leave", null);
        return;
      }
      if (pending.isPresent() && due.isPositive()) {
        settle(x, pending.get());
      }
      awaitLane(x.lane(), "the barrier open for it", l -> SimControl.barrier(l).equals("open"));
      drive(x.lane());
      drivenOut.incrementAndGet();
    }
  }

  /**
   * The fee the controller asks for this card, or empty when the barrier opens with nothing due.
   */
  private Optional<ConsoleEvent.ExitPending> feeOrOpen(String lane, String card, int mark)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ConsoleEvent.ExitPending> p =
          link.awaitEvent(
              ConsoleEvent.ExitPending.class,
              mark,
              e -> e.lane().equals(lane) && card.equals(e.card()),
              Duration.ofMillis(100));
      if (p.isPresent()) {
        return p;
      }
      if (SimControl.barrier(sim.lane(lane)).equals("open")) {
        return Optional.empty();
      }
    }
    throw new IllegalStateException(
        "no fee asked and the barrier stayed shut at " + lane + " for card " + card);
  }

  private Optional<ConsoleEvent.ExitPending> lostCard(Step.Exit x, int mark) throws Exception {
    String session = cashierSession();
    // The cashier deals with the driver once the lane has seen the vehicle and waits for a card.
    link.awaitEvent(
            ConsoleEvent.LaneStatus.class,
            mark,
            e ->
                e.lane().equals(x.lane())
                    && e.vehiclePresent()
                    && e.state() == org.parkgate.site.LaneState.WAITING_CARD,
            WAIT)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    x.lane() + " never showed the vehicle waiting for a card"));
    String plate = plates.get(x.vehicle());
    CommandResult found =
        link.call(new ConsoleCommand.FindStay(link.id("find"), session, plate, null));
    if (!found.ok() || !(found.answer() instanceof Answer.StaysFound stays)) {
      throw new IllegalStateException(
          "finding the stay of " + plate + " was refused: " + found.error());
    }
    long stayId =
        stays.stays().stream()
            .filter(s -> plate.equals(s.plate()))
            .mapToLong(Answer.FoundStay::stayId)
            .findFirst()
            .orElse(0);
    LostCardForm form =
        new LostCardForm(
            "Scenario Driver",
            "13800138000",
            "11010519491231002X",
            plate,
            classes.getOrDefault(x.vehicle(), "car"),
            "white",
            "lost in the car park (scenario " + scenario.name() + ")");
    CommandResult asked =
        link.call(
            new ConsoleCommand.ReportLostCard(link.id("lost"), session, x.lane(), stayId, form));
    if (!asked.ok() || !(asked.answer() instanceof Answer.LostCardAsked a)) {
      throw new IllegalStateException("the lost card was refused: " + asked.error());
    }
    if (a.status() == LostCardStatus.AWAITING_APPROVAL) {
      String approver =
          sessions.values().stream()
              .filter(l -> l.role() == Role.SUPERVISOR || l.role() == Role.FINANCE)
              .map(Login::session)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the lost card waits for approval: log in a supervisor or finance"));
      CommandResult decided =
          link.call(
              new ConsoleCommand.DecideLostCard(
                  link.id("approve"),
                  approver,
                  a.lostCardNo(),
                  true,
                  "driver and vehicle checked"));
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
                WAIT)
            .orElseThrow(() -> new IllegalStateException("no lost-card fee asked at " + x.lane())));
  }

  /** The cashier takes the fee shown as the step says, or lifts the arm and it leaves owing. */
  private void settle(Step.Exit x, ConsoleEvent.ExitPending p) throws Exception {
    String session = cashierSession();
    if (x.pay() == Step.Pay.OWING) {
      CommandResult r =
          link.call(
              new ConsoleCommand.LiftBarrier(
                  link.id("lift"), session, x.lane(), "driver cannot pay; leaves owing"));
      if (!r.ok()) {
        throw new IllegalStateException("lifting the barrier was refused: " + r.error());
      }
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
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      CommandResult r =
          link.call(
              new ConsoleCommand.RecordCashPayment(
                  requestId, session, x.lane(), p.stayId(), p.due(), tender, tendered, reference));
      if (r.ok() && r.answer() instanceof Answer.Receipt receipt) {
        takenMinor.addAndGet(receipt.amount().minor());
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

  private final java.util.Set<String> platesInUse = ConcurrentHashMap.newKeySet();

  private String plate(String vehicle, String given) {
    return plates.computeIfAbsent(
        vehicle,
        v -> {
          if (given != null) {
            platesInUse.add(given);
            return given;
          }
          // A plate of its own per vehicle, made from its name (so the same on every run of the
          // file), the next number up if another vehicle has it.
          int h = Math.floorMod(v.hashCode(), 100_000);
          String plate;
          do {
            plate = "沪S" + String.format("%05d", h);
            h = (h + 1) % 100_000;
          } while (!platesInUse.add(plate));
          return plate;
        });
  }

  private void arrive(String lane, String plate, String vehicleClass) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plate", plate);
    body.put("class", vehicleClass);
    sim.call("POST", "/lanes/" + lane + "/vehicle/arrive", body);
  }

  private void drive(String lane) throws Exception {
    sim.call("POST", "/lanes/" + lane + "/vehicle/drive", Map.of("wait", true));
  }

  /** Waits for the vehicle before to be gone and the arm down, so one vehicle is at a lane. */
  private void awaitIdle(String lane) throws Exception {
    awaitLane(
        lane,
        "the lane free and the barrier down",
        l ->
            !l.path("loops").path("arming").asBoolean()
                && !l.path("loops").path("safety").asBoolean()
                && SimControl.barrier(l).equals("closed"));
  }

  private JsonNode awaitLane(String lane, String what, java.util.function.Predicate<JsonNode> c)
      throws Exception {
    JsonNode state = sim.await(lane, c, WAIT);
    if (state == null) {
      JsonNode now = sim.lane(lane);
      throw new IllegalStateException(
          lane
              + ": "
              + what
              + " never happened (barrier "
              + SimControl.barrier(now)
              + ", display "
              + now.path("display").path("rows")
              + ")");
    }
    return state;
  }

  private interface Held extends AutoCloseable {
    @Override
    void close();
  }

  private Held hold(String lane) throws InterruptedException {
    ReentrantLock lock = lanes.computeIfAbsent(lane, l -> new ReentrantLock(true));
    if (!lock.tryLock(QUEUE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          lane + " stayed taken by other vehicles for " + QUEUE.toMinutes() + " min");
    }
    return lock::unlock;
  }

  // --- people

  private void login(Step.Login l) throws Exception {
    CommandResult r =
        link.call(new ConsoleCommand.Login(link.id("login"), l.user(), l.password(), "127.0.0.1"));
    if (!r.ok() || !(r.answer() instanceof Answer.LoggedIn in)) {
      throw new IllegalStateException("login of " + l.user() + " refused: " + r.error());
    }
    sessions.put(l.user(), new Login(in.session(), in.role()));
    if (in.role() == Role.CASHIER || (cashier == null && in.role() == Role.SUPERVISOR)) {
      cashier = l.user();
    }
  }

  private String cashierSession() {
    String who = cashier;
    if (who == null) {
      throw new IllegalStateException("no cashier is logged in (a cashier: login step)");
    }
    return sessions.get(who).session();
  }

  private void openShift(Step.OpenShift o) throws Exception {
    CashCount cashFloat = count(o.cashFloat());
    CommandResult r =
        link.call(new ConsoleCommand.OpenShift(link.id("open-shift"), cashierSession(), cashFloat));
    if (!r.ok()) {
      throw new IllegalStateException("opening the shift was refused: " + r.error());
    }
    drawerMinor.set(cashFloat.total().minor());
  }

  private void closeShift(Step.CloseShift c) throws Exception {
    String session = cashierSession();
    // A shift closes only with its incidents resolved: the cashier notes each one first.
    for (ConsoleEvent e : link.events()) {
      if (e instanceof ConsoleEvent.Incident i && i.incidentNo() != null) {
        link.call(
            new ConsoleCommand.ResolveIncident(
                link.id("resolve"),
                session,
                i.incidentNo(),
                "seen at the booth during the scenario"));
      }
    }
    Map<Long, Long> counted = c.counted() != null ? c.counted() : pieces(drawerMinor.get());
    CommandResult r =
        link.call(new ConsoleCommand.CloseShift(link.id("close-shift"), session, count(counted)));
    if (!r.ok()) {
      throw new IllegalStateException("closing the shift was refused: " + r.error());
    }
  }

  private CashCount count(Map<Long, Long> pieces) {
    List<CashCount.Pieces> list = new ArrayList<>();
    pieces.forEach((face, n) -> list.add(new CashCount.Pieces(face, n)));
    return new CashCount(currency.getCurrencyCode(), list);
  }

  /** An amount as the fewest notes and coins, as a cashier counts what should be there. */
  private Map<Long, Long> pieces(long minor) {
    Map<Long, Long> out = new LinkedHashMap<>();
    long left = minor;
    for (long face : Denominations.of(currency)) {
      if (left >= face) {
        out.put(face, left / face);
        left %= face;
      }
    }
    return out;
  }

  // --- faults

  private void fault(Step.Fault f) throws Exception {
    String lane = "/lanes/" + f.lane();
    switch (f.device()) {
      case "mechanism" -> sim.call("POST", lane + "/barrier/fault", Map.of("on", f.on()));
      case "power" -> {
        JsonNode state = sim.lane(f.lane());
        for (String device : List.of("barrier", "cardUnit", "display", "camera")) {
          if (state.path(device).isNull() || state.path(device).isMissingNode()) {
            continue;
          }
          if (f.on()) {
            sim.call("POST", lane + "/faults/" + device, Map.of("disconnect", true));
          } else {
            sim.call("DELETE", lane + "/faults/" + device, null);
          }
        }
      }
      default -> {
        if (f.clear()) {
          sim.call("DELETE", lane + "/faults/" + f.device(), null);
        } else {
          sim.call("POST", lane + "/faults/" + f.device(), f.faults());
        }
      }
    }
  }
}
