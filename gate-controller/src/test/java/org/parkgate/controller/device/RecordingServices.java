package org.parkgate.controller.device;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.site.LaneState;

/** What lanes tell the consoles and ask the ledger, recorded; the ledger never answers. */
final class RecordingServices implements LaneRunner.LaneServices {
  final List<ConsoleEvent> events = new CopyOnWriteArrayList<>();
  final List<String> asked = new CopyOnWriteArrayList<>();
  private final AtomicLong seq = new AtomicLong();

  @Override
  public CompletableFuture<LaneEvent> recordEntry(
      String lane, String card, org.parkgate.controller.lane.Sighting vehicle) {
    asked.add(lane + " entry " + card);
    return new CompletableFuture<>();
  }

  @Override
  public CompletableFuture<LaneEvent> quoteExit(
      String lane, String card, org.parkgate.controller.lane.Sighting vehicle) {
    asked.add(lane + " exit " + card);
    return new CompletableFuture<>();
  }

  @Override
  public CompletableFuture<Void> recordExit(String lane, long stayId) {
    return new CompletableFuture<>();
  }

  @Override
  public void reportIncident(
      String lane, org.parkgate.site.IncidentKind kind, String card, String detail) {
    asked.add(lane + " incident " + kind);
  }

  @Override
  public void publish(String lane, LongFunction<ConsoleEvent> event) {
    events.add(event.apply(seq.incrementAndGet()));
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  /** The latest device status of one device on one lane, or null. */
  ConsoleEvent.DeviceStatus device(String lane, String device) {
    ConsoleEvent.DeviceStatus last = null;
    for (ConsoleEvent e : events) {
      if (e instanceof ConsoleEvent.DeviceStatus d
          && d.lane().equals(lane)
          && d.device().equals(device)) {
        last = d;
      }
    }
    return last;
  }

  boolean online(String lane, String device) {
    ConsoleEvent.DeviceStatus d = device(lane, device);
    return d != null && d.online();
  }

  boolean offline(String lane, String device) {
    ConsoleEvent.DeviceStatus d = device(lane, device);
    return d != null && !d.online();
  }

  /** The lane state the lane last told the consoles, or null. */
  LaneState laneState(String lane) {
    LaneState state = null;
    for (ConsoleEvent e : events) {
      if (e instanceof ConsoleEvent.LaneStatus s && s.lane().equals(lane)) {
        state = s.state();
      }
    }
    return state;
  }

  /** Whether the lane last told the consoles a vehicle is present. */
  boolean vehiclePresent(String lane) {
    Boolean present = null;
    for (ConsoleEvent e : events) {
      if (e instanceof ConsoleEvent.LaneStatus s && s.lane().equals(lane)) {
        present = s.vehiclePresent();
      }
    }
    return Boolean.TRUE.equals(present);
  }

  /**
   * Waits for {@code condition}; returns the milliseconds it took, or fails naming {@code what}.
   */
  static long await(String what, long timeoutMs, BooleanSupplier condition)
      throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > timeoutMs * 1_000_000) {
        throw new AssertionError("not within " + timeoutMs + " ms: " + what);
      }
      Thread.sleep(5);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
