package org.parkgate.simulator.lane;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parkgate.device.camera.CameraMessage;
import org.parkgate.device.card.CardRead;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated lane: its barrier, the vehicle on its loops, its card unit, display and plate
 * camera. What a person or test does at the lane (a vehicle arrives, takes a card, drives through)
 * comes in here; what the controller does comes through the device links.
 */
public final class SimLane {
  private static final Logger log = LoggerFactory.getLogger(SimLane.class);

  /** Where card reads go: the controller's connection to the card unit. */
  @FunctionalInterface
  public interface CardOutput {
    /** Sends the read; false if no controller is connected. */
    boolean send(CardRead read);
  }

  /** Where the camera's recognitions go: the controller's connection to the camera. */
  @FunctionalInterface
  public interface CameraOutput {
    /** Sends the recognition; false if no controller is connected. */
    boolean send(CameraMessage.Recognition read);
  }

  private final LaneConfig config;
  private final Barrier barrier;
  private final CardUnit cardUnit;
  private final DisplayRows display;
  private final ScheduledExecutorService clock;
  private final EventLog events;

  private volatile CardOutput cardOutput = read -> false;
  private volatile CameraOutput cameraOutput = read -> false;
  private final Clock wallClock = org.parkgate.time.SharedClock.forMain("simulator");
  private CameraMessage.Recognition lastRecognition;
  private long recognitions;
  private boolean armingLoop;
  private boolean safetyLoop;
  private boolean driving;
  private Vehicle vehicle;

  /** A vehicle that rolled onto the arming loop behind the one still under the arm, if any. */
  private Vehicle following;

  private long safetyViolations;

  public SimLane(LaneConfig config, Duration barrierTravel, ScheduledExecutorService clock) {
    this(config, barrierTravel, clock, new EventLog());
  }

  /** As above; what happens at the lane goes into {@code events}, shared by the site's lanes. */
  public SimLane(
      LaneConfig config, Duration barrierTravel, ScheduledExecutorService clock, EventLog events) {
    this(config, barrierTravel, clock, events, new CardUnit(config.kind() == LaneKind.ENTRY));
  }

  /**
   * A lane whose card unit issues numbers from {@code cardSeed} and the lane's id: the same on
   * every run with that seed, different from lane to lane.
   */
  public SimLane(
      LaneConfig config,
      Duration barrierTravel,
      ScheduledExecutorService clock,
      EventLog events,
      long cardSeed) {
    this(
        config,
        barrierTravel,
        clock,
        events,
        new CardUnit(
            config.kind() == LaneKind.ENTRY,
            new java.util.Random(cardSeed * 31 + config.id().hashCode())));
  }

  private SimLane(
      LaneConfig config,
      Duration barrierTravel,
      ScheduledExecutorService clock,
      EventLog events,
      CardUnit cardUnit) {
    this.config = config;
    this.clock = clock;
    this.events = events;
    this.barrier = new Barrier(config.id(), barrierTravel, clock, wallClock, events);
    this.cardUnit = cardUnit;
    this.display = new DisplayRows(config.id(), events);
  }

  public void connectCardOutput(CardOutput output) {
    this.cardOutput = output;
  }

  public void connectCameraOutput(CameraOutput output) {
    this.cameraOutput = output;
  }

  public String id() {
    return config.id();
  }

  public LaneConfig config() {
    return config;
  }

  public Barrier barrier() {
    return barrier;
  }

  public CardUnit cardUnit() {
    return cardUnit;
  }

  public DisplayRows display() {
    return display;
  }

  /** The controller pulses the open coil. */
  public void commandOpen() {
    barrier.open();
  }

  /** The controller pulses the close coil; with a vehicle under the arm that is a violation. */
  public synchronized void commandClose() {
    if (safetyLoop && barrier.position() != Barrier.Position.CLOSED) {
      safetyViolations++;
      log.warn(
          "{}: SAFETY VIOLATION: barrier told to close with a vehicle on the safety loop", id());
      events.add(id(), LaneEvent.Kind.UNSAFE_CLOSE, "plate", plate().orElse(null));
    }
    barrier.close();
  }

  /**
   * A vehicle drives onto the arming loop; the lane's camera, if it has one, sends what it reads.
   *
   * @return what the camera sent, or null without a camera
   */
  public synchronized CameraShot arrive(Vehicle vehicle) {
    // A second vehicle may roll onto the arming loop once the one driving through has left it,
    // while that one is still under the arm: a tailgater.
    if (armingLoop || (safetyLoop && !driving)) {
      throw new LaneConflict("a vehicle is already at the barrier of lane '" + id() + "'");
    }
    armingLoop = true;
    if (driving) {
      following = vehicle;
      log.info(
          "{}: vehicle {} on the arming loop behind {}",
          id(),
          vehicle.plate(),
          this.vehicle.plate());
    } else {
      this.vehicle = vehicle;
      log.info("{}: vehicle {} on the arming loop", id(), vehicle.plate());
    }
    events.add(
        id(),
        LaneEvent.Kind.VEHICLE_ARRIVED,
        "plate",
        vehicle.plate(),
        "class",
        vehicle.vehicleClass().wire(),
        "behind",
        driving ? this.vehicle.plate() : null);
    if (!config.hasCamera()) {
      return null;
    }
    CameraMessage.Recognition read =
        new CameraMessage.Recognition(
            config.camera().id(),
            vehicle.platePerCamera(),
            vehicle.vehicleClass(),
            vehicle.colour(),
            vehicle.confidence(),
            wallClock.instant());
    lastRecognition = read;
    recognitions++;
    boolean sent = cameraOutput.send(read);
    events.add(
        id(),
        LaneEvent.Kind.CAMERA_READ,
        "plate",
        read.plate(),
        "confidence",
        read.confidence(),
        "sentToController",
        sent);
    log.info(
        "{}: camera read {} (confidence {}){}",
        id(),
        read.plate(),
        read.confidence(),
        sent ? "" : ", but no controller is connected to the camera");
    return new CameraShot(read, sent);
  }

  /** A recognition the camera sent and whether it reached a controller. */
  public record CameraShot(CameraMessage.Recognition read, boolean sentToController) {}

  public synchronized void leave() {
    if (following != null) {
      armingLoop = false;
      log.info("{}: vehicle {} backed off", id(), following.plate());
      events.add(id(), LaneEvent.Kind.VEHICLE_BACKED_OFF, "plate", following.plate());
      following = null;
      return;
    }
    if (driving) {
      throw new LaneConflict("the vehicle is under the barrier; it can only drive on");
    }
    if (!armingLoop) {
      throw new LaneConflict("no vehicle on the arming loop of lane '" + id() + "'");
    }
    armingLoop = false;
    log.info("{}: vehicle {} backed off", id(), vehicle.plate());
    events.add(id(), LaneEvent.Kind.VEHICLE_BACKED_OFF, "plate", vehicle.plate());
    vehicle = null;
  }

  /**
   * Drives the waiting vehicle through the open barrier: onto the safety loop, off the arming loop
   * half-way through {@code dwell}, off the safety loop at its end. Completes when the vehicle has
   * cleared both loops.
   */
  public synchronized CompletableFuture<Void> drive(Duration dwell) {
    if (driving) {
      throw new LaneConflict("a vehicle is already driving through lane '" + id() + "'");
    }
    if (!armingLoop) {
      throw new LaneConflict("no vehicle on the arming loop of lane '" + id() + "'");
    }
    if (barrier.position() != Barrier.Position.OPEN) {
      throw new LaneConflict(
          "barrier is " + barrier.position().name().toLowerCase() + ", not fully open");
    }
    driving = true;
    safetyLoop = true;
    log.info("{}: vehicle {} driving through", id(), vehicle.plate());
    events.add(id(), LaneEvent.Kind.VEHICLE_DRIVING, "plate", vehicle.plate());
    CompletableFuture<Void> done = new CompletableFuture<>();
    long half = dwell.toNanos() / 2;
    clock.schedule(this::offArmingLoop, half, TimeUnit.NANOSECONDS);
    clock.schedule(() -> offSafetyLoop(done), dwell.toNanos(), TimeUnit.NANOSECONDS);
    return done;
  }

  private synchronized void offArmingLoop() {
    armingLoop = false;
  }

  private void offSafetyLoop(CompletableFuture<Void> done) {
    synchronized (this) {
      safetyLoop = false;
      driving = false;
      log.info("{}: vehicle {} cleared the barrier", id(), vehicle.plate());
      events.add(id(), LaneEvent.Kind.VEHICLE_CLEARED, "plate", vehicle.plate());
      vehicle = following;
      following = null;
    }
    done.complete(null);
  }

  /** The controller asked the dispenser for a card. */
  public Optional<String> issueCard() {
    Optional<String> card = cardUnit.issue();
    card.ifPresentOrElse(
        c -> {
          log.info("{}: card {} at the dispenser mouth", id(), c);
          events.add(id(), LaneEvent.Kind.CARD_OFFERED, "card", c);
        },
        () ->
            log.info(
                "{}: ISSUE ignored, {}",
                id(),
                cardUnit.dispenser() ? "a card is already at the mouth" : "no dispenser"));
    return card;
  }

  /** The driver takes the dispensed card; the unit reads it on the way out. */
  public CardTaken takeCard() {
    String card = cardUnit.take();
    boolean sent = cardOutput.send(new CardRead(card));
    events.add(
        id(),
        LaneEvent.Kind.CARD_TAKEN,
        "card",
        card,
        "plate",
        plate().orElse(null),
        "sentToController",
        sent);
    log.info(
        "{}: card {} taken{}",
        id(),
        card,
        sent ? "" : ", but no controller is connected to the card unit");
    return new CardTaken(card, sent);
  }

  /** A driver holds a card to the reader. */
  public CardTaken presentCard(CardRead card) {
    boolean sent = cardOutput.send(card);
    events.add(
        id(),
        LaneEvent.Kind.CARD_PRESENTED,
        "card",
        card.cardNumber(),
        "plate",
        plate().orElse(null),
        "sentToController",
        sent);
    log.info(
        "{}: card {} presented{}",
        id(),
        card.cardNumber(),
        sent ? "" : ", but no controller is connected to the card unit");
    return new CardTaken(card.cardNumber(), sent);
  }

  /** A card read and whether it reached a controller. */
  public record CardTaken(String card, boolean sentToController) {}

  public synchronized boolean armingLoop() {
    return armingLoop;
  }

  public synchronized boolean safetyLoop() {
    return safetyLoop;
  }

  public synchronized Optional<String> plate() {
    return Optional.ofNullable(vehicle).map(Vehicle::plate);
  }

  /** The vehicle on the loops, if any. */
  public synchronized Optional<Vehicle> vehicle() {
    return Optional.ofNullable(vehicle);
  }

  /** The camera's latest recognition, if it has sent one. */
  public synchronized Optional<CameraMessage.Recognition> lastRecognition() {
    return Optional.ofNullable(lastRecognition);
  }

  /** How many recognitions the camera has made. */
  public synchronized long recognitions() {
    return recognitions;
  }

  public synchronized long safetyViolations() {
    return safetyViolations;
  }
}
