package org.parkgate.simulator.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.parkgate.money.Money;

/**
 * Runs a scenario's timeline against a running site: vehicles through the simulator's control
 * interface, people through the console API, faults through the simulator's fault interface. Each
 * vehicle acts on a thread of its own, in the order of its steps; a lane takes one vehicle at a
 * time and the others queue, as drivers do. What each step could not do is kept with its line.
 */
final class ScenarioRun {
  private final Scenario scenario;
  private final Map<String, ExecutorService> vehicleThreads = new LinkedHashMap<>();
  private final ExecutorService people = Executors.newSingleThreadExecutor();

  /** The fee each vehicle was shown at the exit. */
  final Map<String, Money> fees = new ConcurrentHashMap<>();

  /** The fees the cashier was asked to take, and what the controller's receipts say was taken. */
  final AtomicLong expectedMinor = new AtomicLong();

  final AtomicLong takenMinor = new AtomicLong();

  /** What supervisors reversed during the run (negative or zero), from their answers. */
  long reversedMinor() {
    return booth.reversedMinor.get();
  }

  /** Vehicles that drove out through an exit. */
  final AtomicLong drivenOut = new AtomicLong();

  /** Steps that could not be done: "line 12 (car-3 exits at exit-1): why". */
  final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  /** Steps acting now (dispatched and not yet done). */
  private final AtomicInteger acting = new AtomicInteger();

  private final Booth booth;
  private final Vehicles vehicles;
  private final FaultInjector faults;

  ScenarioRun(Scenario scenario, SimControl sim, ConsoleLink link) {
    this.scenario = scenario;
    this.booth = new Booth(link, scenario.currency(), scenario.name(), expectedMinor, takenMinor);
    this.vehicles = new Vehicles(scenario, sim, link, booth, fees, drivenOut);
    this.faults = new FaultInjector(sim);
  }

  /** Season card to vehicle class, for each vehicle of the scenario that holds one. */
  Map<String, String> seasonCardClasses() {
    return vehicles.seasonCardClasses();
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
    List<ExecutorService> all = new ArrayList<>(vehicleThreads.values());
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

  /**
   * Nothing under way: no step acting, and every lane clear with its arm down (so the controller
   * has dealt with the last vehicle before the clock jumps past it).
   */
  boolean quiet(SimControl sim) {
    if (acting.get() > 0) {
      return false;
    }
    try {
      for (com.fasterxml.jackson.databind.JsonNode lane : sim.lanes().path("lanes")) {
        if (lane.path("loops").path("arming").asBoolean()
            || lane.path("loops").path("safety").asBoolean()
            || !SimControl.barrier(lane).equals("closed")) {
          return false;
        }
      }
      return acting.get() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void dispatch(Step step) {
    acting.incrementAndGet();
    if (step instanceof Step.Fault f) {
      guarded(f, () -> faults.inject(f));
    } else if (step instanceof Step.Login l) {
      people.execute(() -> guarded(l, () -> booth.login(l)));
    } else if (step instanceof Step.OpenShift o) {
      people.execute(() -> guarded(o, () -> booth.openShift(o)));
    } else if (step instanceof Step.CloseShift c) {
      people.execute(() -> guarded(c, () -> booth.closeShift(c)));
    } else if (step instanceof Step.HandOver h) {
      people.execute(() -> guarded(h, () -> booth.handOver(h)));
    } else if (step instanceof Step.Reverse r) {
      people.execute(() -> guarded(r, () -> booth.reverse(r)));
    } else if (step instanceof Step.Enter e) {
      vehicle(e.vehicle()).execute(() -> guarded(e, () -> vehicles.enter(e)));
    } else if (step instanceof Step.Tailgate t) {
      vehicle(t.vehicle()).execute(() -> guarded(t, () -> vehicles.tailgate(t)));
    } else if (step instanceof Step.Exit x) {
      vehicle(x.vehicle()).execute(() -> guarded(x, () -> vehicles.exit(x)));
    }
  }

  private ExecutorService vehicle(String name) {
    return vehicleThreads.computeIfAbsent(
        name,
        n ->
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "vehicle " + n);
                  t.setDaemon(true);
                  return t;
                }));
  }

  private void guarded(Step step, StepContext.Action action) {
    try {
      StepContext.during(step, action);
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      failures.add("line " + step.line() + " (" + step.describe() + "): " + why);
    } finally {
      acting.decrementAndGet();
    }
  }
}
