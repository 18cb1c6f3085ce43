package org.parkgate.controller.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.device.LaneDevices;
import org.parkgate.money.Money;
import org.parkgate.site.BarrierIoMap;
import org.parkgate.site.CardProtocol;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/**
 * A simulated physical lane (an arm with travel time and limits, vehicles that arrive, back off,
 * pass and follow each other, a card dispenser, a ledger that answers late or refuses, a cashier
 * (taking fees, and asking a lost card's fee at any moment), power cuts, a sticking arm, an arm
 * lifted by hand, mode changes) drives a lane through thousands of seeded random sequences, both as
 * the pure machine and through {@link LaneRunner} on a virtual-time event loop. It checks that no
 * close is ever sent with a vehicle on the safety loop, that no arm comes down on a vehicle, that
 * every open has a reason, that an exit is recorded unpaid only as a vehicle leaves the lane (the
 * site then records it left unpaid against the plate), that no exit is recorded twice, and that
 * once the vehicles have gone the barrier is down (or held open by the mode, or reported stuck).
 *
 * <p>A failure names its seed; rerun just that sequence with {@code -Dlane.seed=<seed>}.
 */
class LaneSafetyPropertyTest {
  private static final int RUNS = 1_000;
  private static final int ACTIONS = 150;
  private static final int TICK_MS = 100;
  private static final Money FIVE = Money.of(500, "CNY");

  @Test
  void entryLaneAsThePureMachine() {
    check(LaneKind.ENTRY, false, 20261126L);
  }

  @Test
  void exitLaneAsThePureMachine() {
    check(LaneKind.EXIT, false, 20261127L);
  }

  @Test
  void entryLaneThroughTheLaneRunner() {
    check(LaneKind.ENTRY, true, 20261128L);
  }

  @Test
  void exitLaneThroughTheLaneRunner() {
    check(LaneKind.EXIT, true, 20261129L);
  }

  private static void check(LaneKind kind, boolean runner, long masterSeed) {
    Totals totals = new Totals();
    String one = System.getProperty("lane.seed");
    Random master = new Random(masterSeed);
    int runs = one == null ? RUNS : 1;
    for (int run = 0; run < runs; run++) {
      long seed = one == null ? master.nextLong() : Long.parseLong(one);
      try {
        new World(kind, runner, seed, totals).play();
      } catch (AssertionError | RuntimeException e) {
        String where = kind + (runner ? " lane through LaneRunner" : " lane, pure machine");
        System.out.println("LaneSafetyPropertyTest: failing seed " + seed + " (" + where + ")");
        throw new AssertionError(
            "seed " + seed + " (" + where + "; rerun with -Dlane.seed=" + seed + "): " + e, e);
      }
    }
    System.out.printf(
        "LaneSafetyPropertyTest: %s %s: %d runs, %d opens, %d closes, %d exits recorded owing,"
            + " incidents %s%n",
        kind,
        runner ? "runner" : "pure",
        runs,
        totals.opens,
        totals.closes,
        totals.leftOwing,
        totals.incidents);
    assertEquals(0, totals.closesOverVehicle, "closes sent with a vehicle on the safety loop");
    if (one == null) {
      // The sequences reached what they are meant to test.
      assertTrue(totals.closes > runs, "closes: " + totals.closes);
      assertTrue(totals.reopens > 0, "re-opens for a vehicle under a closing arm");
      for (IncidentKind k :
          List.of(
              IncidentKind.ARM_LIFTED_WITHOUT_TRANSACTION,
              IncidentKind.TAILGATING,
              IncidentKind.BARRIER_STUCK,
              IncidentKind.POWER_LOST,
              IncidentKind.POWER_RESTORED)) {
        assertTrue(totals.incidents.getOrDefault(k, 0) > 0, "no " + k + ": " + totals.incidents);
      }
      if (kind == LaneKind.ENTRY) {
        assertTrue(totals.incidents.getOrDefault(IncidentKind.CARD_NOT_TAKEN, 0) > 0);
      } else {
        assertTrue(totals.leftOwing > 0, "no vehicle left owing (held open or arm lifted)");
      }
    }
  }

  private static final class Totals {
    long opens;
    long closes;
    long reopens;
    long closesOverVehicle;
    long leftOwing;
    final Map<IncidentKind, Integer> incidents = new EnumMap<>(IncidentKind.class);
  }

  /** Where a vehicle is: on the arming loop, on both loops, on the safety loop under the arm. */
  private enum Spot {
    ARMING,
    BOTH,
    SAFETY
  }

  /** A vehicle in the lane, with the card its driver holds (exit). */
  private static final class Car {
    final int id;
    Spot spot;
    boolean departed; // left the lane forward

    Car(int id, Spot spot) {
      this.id = id;
      this.spot = spot;
    }

    String card() {
      return "C" + id;
    }

    @Override
    public String toString() {
      return spot + "#" + id;
    }
  }

  private record Ask(boolean entry, String card, CompletableFuture<LaneEvent> reply) {}

  private record Timer(long at, long order, LaneEvent event) {}

  /** The physical lane and everything around the lane under test. */
  private static final class World {
    private final LaneKind kind;
    private final boolean throughRunner;
    private final Random r;
    private final Totals totals;
    private final int travel;

    private long now;
    private long order;
    // The arm: 0 is down, travel is up.
    private int pos;
    private int motion;
    private boolean stuck;
    private boolean online = true;
    private long offlineAt;
    private BarrierInputs delivered;
    private final List<Car> vehicles = new ArrayList<>(); // front first
    private int carsSeen;
    private final Map<String, Car> carsByCard = new java.util.HashMap<>();
    private final Map<Long, Car> stayOf = new java.util.HashMap<>(); // exit: whose stay
    private String cardAtMouth;
    private int cardsIssued;
    private final List<Ask> pending = new ArrayList<>();
    private long nextStay = 100;
    private final Set<Long> admitted = new HashSet<>();
    private final List<Long> owing = new ArrayList<>();
    private final Set<Long> exited = new HashSet<>();
    private LaneMode mode = LaneMode.NORMAL;
    private long lastBarrierCommand;
    private long lastStuckReport;
    // Recorded rather than thrown: the event loop's timers and the ledger's callbacks would
    // swallow an AssertionError thrown inside them.
    private final List<String> failures = new ArrayList<>();
    private final java.util.ArrayDeque<String> trace = new java.util.ArrayDeque<>();

    private void note(String what) {
      trace.addLast(now + " ms: " + what);
      if (trace.size() > 40) {
        trace.removeFirst();
      }
    }

    // The pure machine and its timers.
    private Lane pure;
    private final PriorityQueue<Timer> timers =
        new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    // Or the runner on a virtual-time loop.
    private EmbeddedChannel loop;
    private LaneRunner runner;

    World(LaneKind kind, boolean throughRunner, long seed, Totals totals) {
      this.kind = kind;
      this.throughRunner = throughRunner;
      this.r = new Random(seed);
      this.totals = totals;
      this.travel = 500 + r.nextInt(2500);
      if (throughRunner) {
        loop = new EmbeddedChannel();
        loop.freezeTime();
        DeviceAddress none = new DeviceAddress.Local("unused");
        LaneConfig config =
            new LaneConfig(
                "lane-1",
                kind,
                "lane-1",
                none,
                1,
                BarrierIoMap.DEFAULT,
                none,
                CardProtocol.ASCII,
                none,
                null);
        runner = new LaneRunner(config, loop.eventLoop(), new Services());
        runner.attach(new Devices());
      } else {
        pure = Lane.starting(kind);
      }
    }

    void play() {
      pos = r.nextInt(4) == 0 ? r.nextInt(travel + 1) : 0;
      if (r.nextInt(10) == 0) {
        vehicles.add(arrived(Spot.SAFETY));
      }
      poll();
      for (int i = 0; i < ACTIONS; i++) {
        act();
        verify();
      }
      settle();
      verify();
    }

    private void require(boolean ok, String what) {
      if (!ok) {
        failures.add(what + " (at " + now + " ms); last steps:\n  " + String.join("\n  ", trace));
      }
    }

    private void verify() {
      if (!failures.isEmpty()) {
        throw new AssertionError(failures.get(0));
      }
    }

    private void act() {
      int roll = r.nextInt(122);
      if (roll < 15) {
        arrive();
      } else if (roll < 35) {
        forward();
      } else if (roll < 40) {
        backOff();
      } else if (roll < 43) {
        fastCar();
      } else if (roll < 55) {
        card();
      } else if (roll < 70) {
        answer();
      } else if (roll < 75) {
        pay();
      } else if (roll < 97) {
        run(100 + r.nextInt(1900));
      } else if (roll < 99) {
        run(10_000 + r.nextInt(30_000));
      } else if (roll < 102) {
        setMode(LaneMode.values()[r.nextInt(LaneMode.values().length)]);
      } else if (roll < 104) {
        power(!online);
      } else if (roll < 106) {
        // A stuck arm stops where it is and ignores commands until freed.
        stuck = !stuck;
        motion = 0;
        note(stuck ? "arm sticks" : "arm freed");
      } else if (roll < 107) {
        lift();
      } else if (roll < 111) {
        deliver(new LaneEvent.PlateRead(new Sighting("P" + r.nextInt(9), "CAR", "white")));
      } else if (roll < 114) {
        int free = r.nextInt(3);
        deliver(new LaneEvent.SpacesFree(free, free == 0));
      } else if (roll < 116) {
        // A card read with no vehicle at the reader.
        if (!armingLoop()) {
          deliver(new LaneEvent.CardRead("S" + r.nextInt(3)));
        }
      } else if (roll < 118) {
        lostCard();
      } else {
        deliver(
            new LaneEvent.TimerFired(
                TimerKind.values()[r.nextInt(TimerKind.values().length)], r.nextInt(5)));
      }
    }

    // Vehicles.

    private boolean armingLoop() {
      return atReader() != null;
    }

    /** The vehicle on the arming loop, at the card reader, or null. */
    private Car atReader() {
      return vehicles.stream()
          .filter(c -> c.spot == Spot.ARMING || c.spot == Spot.BOTH)
          .findFirst()
          .orElse(null);
    }

    private boolean safetyLoop() {
      return vehicles.stream().anyMatch(c -> c.spot == Spot.BOTH || c.spot == Spot.SAFETY);
    }

    private boolean open() {
      return pos == travel;
    }

    private void arrive() {
      if (vehicles.isEmpty()) {
        vehicles.add(arrived(Spot.ARMING));
      } else if (vehicles.size() == 1 && vehicles.get(0).spot == Spot.SAFETY) {
        vehicles.add(arrived(Spot.ARMING)); // following closely
      } else {
        return;
      }
      poll();
    }

    /** The front vehicle moves on; under the arm only while it is (nearly) up. */
    private void forward() {
      if (vehicles.isEmpty()) {
        return;
      }
      Car front = vehicles.get(0);
      switch (front.spot) {
        case ARMING -> {
          // A driver squeezes under an arm that is still more than half up; not while the
          // module is offline, when the lane cannot see it.
          boolean roomUnder = open() || (online && pos * 2 > travel);
          if (!roomUnder || vehicles.size() > 1) {
            return;
          }
          front.spot = Spot.BOTH;
        }
        case BOTH -> front.spot = Spot.SAFETY;
        case SAFETY -> departed();
      }
      poll();
    }

    /** The front vehicle leaves the lane forward. */
    private void departed() {
      vehicles.remove(0).departed = true;
    }

    private void backOff() {
      if (vehicles.size() != 1) {
        if (vehicles.size() == 2 && r.nextBoolean()) {
          vehicles.remove(1); // the follower reverses away
          poll();
        }
        return;
      }
      Car only = vehicles.get(0);
      switch (only.spot) {
        case ARMING -> vehicles.remove(0);
        case BOTH -> only.spot = Spot.ARMING;
        case SAFETY -> only.spot = Spot.BOTH;
      }
      poll();
    }

    /** A fast car crosses both loops between two polls. */
    private void fastCar() {
      if (vehicles.size() == 1 && vehicles.get(0).spot == Spot.ARMING && open()) {
        departed();
        poll();
      }
    }

    private void card() {
      if (!armingLoop()) {
        return;
      }
      if (kind == LaneKind.ENTRY) {
        if (cardAtMouth != null && r.nextInt(3) > 0) {
          String taken = cardAtMouth;
          cardAtMouth = null;
          deliver(new LaneEvent.CardRead(taken));
        } else if (r.nextInt(4) == 0) {
          deliver(new LaneEvent.CardRead("SEASON" + r.nextInt(3)));
        }
      } else {
        deliver(new LaneEvent.CardRead(atReader().card()));
      }
    }

    // The ledger and the cashier.

    private void answer() {
      if (pending.isEmpty()) {
        return;
      }
      Ask ask = pending.remove(0);
      LaneEvent reply;
      int roll = r.nextInt(10);
      if (roll < 2) {
        reply = new LaneEvent.CardRefused(ask.card(), "refused");
      } else if (ask.entry()) {
        long stay = nextStay++;
        admitted.add(stay);
        reply = new LaneEvent.EntryRecorded(ask.card(), stay);
      } else if (roll < 6) {
        long stay = nextStay++;
        admitted.add(stay);
        reply = new LaneEvent.ExitQuoted(ask.card(), stay, Money.zero(FIVE.currency()));
      } else {
        long stay = nextStay++;
        owing.add(stay);
        stayOf.put(stay, carWithCard(ask.card()));
        reply = new LaneEvent.ExitQuoted(ask.card(), stay, FIVE);
      }
      if (throughRunner) {
        ask.reply().complete(reply);
      } else {
        deliver(reply);
      }
    }

    private Car carWithCard(String card) {
      return carsByCard.get(card);
    }

    private Car arrived(Spot spot) {
      Car car = new Car(++carsSeen, spot);
      carsByCard.put(car.card(), car);
      return car;
    }

    /** The cashier asks a lost card's fee at the lane, whatever it is doing just then. */
    private void lostCard() {
      long stay = nextStay++;
      boolean owes = r.nextBoolean();
      (owes ? owing : admitted).add(stay);
      stayOf.put(stay, atReader());
      deliver(new LaneEvent.LostCardQuoted(stay, owes ? FIVE : Money.zero(FIVE.currency())));
    }

    private void pay() {
      if (owing.isEmpty()) {
        return;
      }
      long stay = owing.remove(owing.size() - 1);
      admitted.add(stay);
      deliver(new LaneEvent.Paid(stay));
    }

    // The barrier module, power and the supervisor.

    private BarrierInputs inputs() {
      return new BarrierInputs(armingLoop(), safetyLoop(), pos == travel, pos == 0, false);
    }

    /** The module's poll: the lane hears of every change while the module answers. */
    private void poll() {
      if (!online) {
        return;
      }
      BarrierInputs in = inputs();
      if (!in.equals(delivered)) {
        delivered = in;
        deliver(new LaneEvent.Inputs(in));
      }
    }

    private void power(boolean on) {
      if (on == online) {
        return;
      }
      online = on;
      note(on ? "module back" : "module offline");
      if (on) {
        deliver(new LaneEvent.BarrierOnline(Duration.ofMillis(now - offlineAt)));
        delivered = null;
        poll();
      } else {
        // Power lost: the module is silent and the arm stops where it is.
        motion = 0;
        offlineAt = now;
        deliver(new LaneEvent.BarrierOffline("no answer"));
      }
    }

    private void lift() {
      if (!stuck && pos < travel) {
        note("arm lifted by hand");
        motion = 1; // someone raises the arm by hand
      }
    }

    private void setMode(LaneMode m) {
      mode = m;
      deliver(new LaneEvent.ModeSet(m));
    }

    /** Lets time pass in ticks: the arm moves, the module is polled, timers run. */
    private void run(long ms) {
      for (long t = 0; t < ms; t += TICK_MS) {
        int before = pos;
        pos = Math.max(0, Math.min(travel, pos + motion * TICK_MS));
        if (pos == 0 || pos == travel) {
          motion = 0;
        }
        require(!(before > 0 && pos == 0 && safetyLoop()), "the arm came down on a vehicle");
        now += TICK_MS;
        poll();
        if (throughRunner) {
          loop.advanceTimeBy(TICK_MS, TimeUnit.MILLISECONDS);
          loop.runScheduledPendingTasks();
        } else {
          while (!timers.isEmpty() && timers.peek().at <= now) {
            deliver(timers.poll().event);
          }
        }
      }
    }

    // The lane under test.

    private Lane lane() {
      return throughRunner ? runner.lane() : pure;
    }

    private void deliver(LaneEvent event) {
      note(event + " to " + lane().state() + " (arm " + pos + "/" + travel + ", " + vehicles + ")");
      if (throughRunner) {
        runner.deliver(event);
        return;
      }
      Lane.Step step = pure.on(event);
      pure = step.lane();
      for (LaneCommand c : step.commands()) {
        carryOut(c);
      }
    }

    /** What the runner does with the pure machine's commands (without its last interlock). */
    private void carryOut(LaneCommand c) {
      if (c instanceof LaneCommand.OpenBarrier) {
        openCommanded();
      } else if (c instanceof LaneCommand.CloseBarrier) {
        closeCommanded();
      } else if (c instanceof LaneCommand.IssueCard) {
        issue();
      } else if (c instanceof LaneCommand.RecordEntry e) {
        pending.add(new Ask(true, e.card(), null));
      } else if (c instanceof LaneCommand.QuoteExit e) {
        pending.add(new Ask(false, e.card(), null));
      } else if (c instanceof LaneCommand.RecordExit e) {
        exitRecorded(e.stayId());
      } else if (c instanceof LaneCommand.ReportIncident i) {
        incident(i.kind());
      } else if (c instanceof LaneCommand.StartTimer t) {
        timers.add(
            new Timer(
                now + t.after().toMillis(),
                order++,
                new LaneEvent.TimerFired(t.kind(), t.token())));
      } else if (c instanceof LaneCommand.HoldCard h) {
        timers.add(
            new Timer(
                now + LaneTimings.DEFAULTS.cardHold().toMillis(),
                order++,
                new LaneEvent.CardExpired(h.card())));
      }
    }

    private void openCommanded() {
      note("OPEN");
      totals.opens++;
      lastBarrierCommand = ++order;
      Lane l = lane();
      boolean transaction =
          l.state() == LaneState.OPENING
              && l.arm().reason() == Arm.Reason.TRANSACTION
              && admitted.contains(l.stayId());
      boolean held = l.state() == LaneState.HELD_OPEN && mode == LaneMode.HELD_OPEN;
      boolean forSafety = safetyLoop();
      if (forSafety && !transaction && !held) {
        totals.reopens++;
      }
      require(
          transaction || held || forSafety,
          "open with no transaction, mode or vehicle under the arm: " + l);
      if (online && !stuck) {
        motion = 1;
      }
    }

    private void closeCommanded() {
      note("CLOSE");
      totals.closes++;
      lastBarrierCommand = ++order;
      if (safetyLoop()) {
        totals.closesOverVehicle++;
        require(false, "close sent with a vehicle on the safety loop: " + lane());
      }
      require(mode != LaneMode.HELD_OPEN, "close sent while held open: " + lane());
      if (online && !stuck) {
        motion = -1;
      }
    }

    private void issue() {
      if (cardAtMouth == null) {
        cardAtMouth = "E" + ++cardsIssued;
      }
    }

    /**
     * A paid (or free) exit may be recorded as its vehicle clears; one still owing only once its
     * own vehicle has left the lane, or is past the arm (on the safety loop alone) as the vehicle
     * behind presents its card.
     */
    private void exitRecorded(long stay) {
      require(exited.add(stay), "exit recorded twice for stay " + stay);
      if (admitted.contains(stay)) {
        return;
      }
      Car car = stayOf.get(stay);
      require(
          owing.contains(stay) && car != null && (car.departed || car.spot == Spot.SAFETY),
          "exit recorded for stay " + stay + ", not paid, of " + car + " still at the lane");
      totals.leftOwing++;
    }

    private void incident(IncidentKind k) {
      totals.incidents.merge(k, 1, Integer::sum);
      if (k == IncidentKind.BARRIER_STUCK) {
        lastStuckReport = ++order;
      }
    }

    /** Everyone leaves and every fault clears; then the barrier must be where it belongs. */
    private void settle() {
      power(true);
      stuck = false;
      while (!pending.isEmpty()) {
        answer();
      }
      run(TICK_MS);
      while (!vehicles.isEmpty()) {
        Car last = vehicles.get(vehicles.size() - 1);
        if (last.spot == Spot.ARMING) {
          vehicles.remove(vehicles.size() - 1);
        } else {
          departed();
        }
        poll();
        run(500);
      }
      run(60_000);
      Lane l = lane();
      boolean reportedStuck = lastStuckReport > lastBarrierCommand;
      if (mode == LaneMode.HELD_OPEN) {
        require(open() || reportedStuck, "held open but the arm is not up: " + l);
        require(l.state() == LaneState.HELD_OPEN, "held open: " + l);
      } else {
        require(
            pos == 0 || reportedStuck,
            "barrier left "
                + (open() ? "open" : "part open")
                + " with nobody at the lane and no stuck barrier reported: "
                + l);
        require(pos != 0 || l.state() == LaneState.IDLE, "barrier down and nobody, but " + l);
      }
    }

    /** The runner's devices: the simulated barrier and dispenser. */
    private final class Devices implements LaneDevices {
      @Override
      public void issueCard() {
        issue();
      }

      @Override
      public void openBarrier() {
        openCommanded();
      }

      @Override
      public void closeBarrier() {
        closeCommanded();
      }

      @Override
      public void show(List<String> rows) {}

      @Override
      public void close() {}
    }

    /** The runner's site: the simulated ledger, answered when the sequence says so. */
    private final class Services implements LaneRunner.LaneServices {
      @Override
      public CompletableFuture<LaneEvent> recordEntry(String lane, String card, Sighting v) {
        CompletableFuture<LaneEvent> reply = new CompletableFuture<>();
        pending.add(new Ask(true, card, reply));
        return reply;
      }

      @Override
      public CompletableFuture<LaneEvent> quoteExit(String lane, String card, Sighting v) {
        CompletableFuture<LaneEvent> reply = new CompletableFuture<>();
        pending.add(new Ask(false, card, reply));
        return reply;
      }

      @Override
      public void reportIncident(String lane, IncidentKind k, String card, String detail) {
        incident(k);
      }

      @Override
      public CompletableFuture<Void> recordExit(String lane, long stayId) {
        exitRecorded(stayId);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void publish(String lane, LongFunction<ConsoleEvent> event) {
        ConsoleEvent e = event.apply(0);
        if (e instanceof ConsoleEvent.LaneStatus s) {
          require(runner.lane().mode() == s.mode(), "published mode " + s.mode());
        }
      }

      @Override
      public Instant now() {
        return Instant.ofEpochMilli(now);
      }
    }
  }
}
