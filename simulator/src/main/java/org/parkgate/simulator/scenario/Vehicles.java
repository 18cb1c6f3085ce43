package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;

/**
 * The vehicles of a scenario: each enters, follows a lead in, or exits as its steps say, with the
 * card it took, its plate and class remembered for its exit.
 */
final class Vehicles {
  private final SimControl sim;
  private final ConsoleLink link;
  private final LaneMoves lanes;
  private final Booth booth;
  private final Currency currency;
  private final Map<String, Money> fees;
  private final AtomicLong drivenOut;
  private final Map<String, String> cards = new ConcurrentHashMap<>();
  private final Map<String, String> plates = new ConcurrentHashMap<>();
  private final Map<String, String> classes = new ConcurrentHashMap<>();
  private final Map<String, Step.Tailgate> followers = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> followed = new ConcurrentHashMap<>();

  /** Season card numbers of the vehicles that hold one, to be registered before the run. */
  private final Map<String, String> seasonCards = new LinkedHashMap<>();

  /**
   * Records in {@code fees} the fee each vehicle was shown at the exit, and counts in {@code
   * drivenOut} those that drove out.
   */
  Vehicles(
      Scenario scenario,
      SimControl sim,
      ConsoleLink link,
      Booth booth,
      Map<String, Money> fees,
      AtomicLong drivenOut) {
    this.sim = sim;
    this.link = link;
    this.lanes = new LaneMoves(sim, scenario.pace().dwell());
    this.booth = booth;
    this.currency = scenario.currency();
    this.fees = fees;
    this.drivenOut = drivenOut;
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

  void enter(Step.Enter e) throws Exception {
    try {
      enterLane(e);
    } catch (Exception ex) {
      lanes.clear(e.lane());
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
    try (LaneMoves.Held lane = lanes.hold(e.lane())) {
      lanes.awaitIdle(e.lane());
      lanes.arrive(e.lane(), plate, e.vehicleClass());
      if (e.season()) {
        if (e.backOff()) {
          sim.call("POST", "/lanes/" + e.lane() + "/vehicle/leave", null);
          return;
        }
        String card = seasonCards.get(e.vehicle());
        sim.call("POST", "/lanes/" + e.lane() + "/card/present", Map.of("card", card));
        cards.put(e.vehicle(), card);
        lanes.awaitLane(
            e.lane(),
            "the barrier open for the season card",
            l -> SimControl.barrier(l).equals("open"));
        lanes.drive(e.lane());
        return;
      }
      lanes.awaitLane(
          e.lane(), "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
      if (e.backOff()) {
        sim.call("POST", "/lanes/" + e.lane() + "/vehicle/leave", null);
        return;
      }
      String card =
          sim.call("POST", "/lanes/" + e.lane() + "/card/take", null).path("card").asText();
      cards.put(e.vehicle(), card);
      lanes.awaitLane(
          e.lane(), "the barrier open for it", l -> SimControl.barrier(l).equals("open"));
      Step.Tailgate follower = followers.get(e.vehicle());
      if (follower == null) {
        lanes.drive(e.lane());
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
    lanes.awaitLane(
        lane, "the lead off the arming loop", l -> !l.path("loops").path("arming").asBoolean());
    String followerPlate = plate(follower.vehicle(), follower.plate());
    classes.put(follower.vehicle(), follower.vehicleClass());
    lanes.arrive(lane, followerPlate, follower.vehicleClass());
    lanes.awaitLane(
        lane,
        "the lead clear of the safety loop",
        l -> !l.path("loops").path("safety").asBoolean());
    // Like a driver, it rolls on while the arm is up; if the arm starts down in front of it (the
    // controller closes behind the lead), it stops and takes the card the lane then offers.
    long deadline = System.nanoTime() + LaneMoves.WAIT.toNanos();
    while (true) {
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
        lanes.awaitLane(
            lane, "the barrier open for the follower", l -> SimControl.barrier(l).equals("open"));
        lanes.drive(lane);
        return;
      }
      try {
        lanes.drive(lane);
        return;
      } catch (SimControl.Refused armComingDown) {
        if (System.nanoTime() > deadline) {
          throw armComingDown;
        }
        lanes.awaitLane(
            lane,
            "the arm down or a card offered after the lead",
            l ->
                !SimControl.barrier(l).equals("open")
                    || !l.path("cardUnit").path("cardAtMouth").isNull());
      }
    }
  }

  /** The follower's own step: done when its lead's entry took it in. */
  void tailgate(Step.Tailgate t) throws Exception {
    try {
      followed
          .get(t.vehicle())
          .get(LaneMoves.QUEUE.toSeconds() + LaneMoves.WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "it could not follow " + t.lead() + ": " + e.getCause().getMessage());
    }
  }

  void exit(Step.Exit x) throws Exception {
    try {
      exitLane(x);
    } catch (Exception e) {
      lanes.clear(x.lane());
      throw e;
    }
  }

  private void exitLane(Step.Exit x) throws Exception {
    String card = cards.get(x.vehicle());
    if (card == null && !x.lostCard()) {
      throw new IllegalStateException(x.vehicle() + " has no card: it never got in");
    }
    try (LaneMoves.Held lane = lanes.hold(x.lane())) {
      lanes.awaitIdle(x.lane());
      int mark = link.mark();
      lanes.arrive(x.lane(), plates.get(x.vehicle()), classes.getOrDefault(x.vehicle(), "car"));
      Optional<ConsoleEvent.ExitPending> pending;
      if (x.lostCard()) {
        pending =
            booth.lostCard(
                x, plates.get(x.vehicle()), classes.getOrDefault(x.vehicle(), "car"), mark);
      } else {
        booth.awaitWaitingForCard(x.lane(), mark);
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
        booth.settle(x, pending.get());
      }
      lanes.awaitLane(
          x.lane(), "the barrier open for it", l -> SimControl.barrier(l).equals("open"));
      lanes.drive(x.lane());
      drivenOut.incrementAndGet();
    }
  }

  /**
   * The fee the controller asks for this card, or empty when the barrier opens with nothing due.
   */
  private Optional<ConsoleEvent.ExitPending> feeOrOpen(String lane, String card, int mark)
      throws Exception {
    long deadline = System.nanoTime() + LaneMoves.WAIT.toNanos();
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

  private final Set<String> platesInUse = ConcurrentHashMap.newKeySet();

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
}
