package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One vehicle's moves at a lane through the simulator's control interface: arrive, wait for the
 * lane, drive through, back off. A lane takes one vehicle at a time; the others queue.
 */
final class LaneMoves {
  /** How long one thing a vehicle waits for (a card, the arm) may take before the step fails. */
  static final Duration WAIT = Duration.ofSeconds(20);

  /** How long a vehicle queues for a lane taken by others. */
  static final Duration QUEUE = Duration.ofMinutes(3);

  private final SimControl sim;
  private final Duration dwell;
  private final Map<String, ReentrantLock> lanes = new ConcurrentHashMap<>();

  /**
   * {@code dwell}: how long a vehicle driving through is on the safety loop (null: the default).
   */
  LaneMoves(SimControl sim, Duration dwell) {
    this.sim = sim;
    this.dwell = dwell;
  }

  /**
   * A vehicle whose step failed at a lane backs off if it can, so the vehicles queued behind it are
   * not stuck behind its failure too.
   */
  void clear(String lane) {
    try {
      if (sim.lane(lane).path("loops").path("arming").asBoolean()) {
        sim.call("POST", "/lanes/" + lane + "/vehicle/leave", null);
      }
    } catch (Exception e) {
      // Under the arm or gone: nothing to back off.
    }
  }

  void arrive(String lane, String plate, String vehicleClass) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plate", plate);
    body.put("class", vehicleClass);
    sim.call("POST", "/lanes/" + lane + "/vehicle/arrive", body);
  }

  void drive(String lane) throws Exception {
    sim.call(
        "POST",
        "/lanes/" + lane + "/vehicle/drive",
        dwell == null ? Map.of("wait", true) : Map.of("wait", true, "dwellMs", dwell.toMillis()));
  }

  /** Waits for the vehicle before to be gone and the arm down, so one vehicle is at a lane. */
  void awaitIdle(String lane) throws Exception {
    awaitLane(
        lane,
        "the lane free and the barrier down",
        l ->
            !l.path("loops").path("arming").asBoolean()
                && !l.path("loops").path("safety").asBoolean()
                && SimControl.barrier(l).equals("closed"));
  }

  JsonNode awaitLane(String lane, String what, Predicate<JsonNode> c) throws Exception {
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

  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  Held hold(String lane) throws InterruptedException {
    ReentrantLock lock = lanes.computeIfAbsent(lane, l -> new ReentrantLock(true));
    if (!lock.tryLock(QUEUE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          lane + " stayed taken by other vehicles for " + QUEUE.toMinutes() + " min");
    }
    return lock::unlock;
  }
}
