package org.parkgate.controller.lane;

import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.device.LaneDevices;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one lane's state machine on one thread: feeds it events from devices and the ledger, carries
 * out its commands, and tells the consoles when the lane changes.
 */
public final class LaneRunner {
  private static final Logger log = LoggerFactory.getLogger(LaneRunner.class);

  private final LaneConfig config;
  private final EventExecutor executor;
  private final LaneServices services;
  private LaneDevices devices;
  private Lane lane;
  private List<String> display = List.of();
  private volatile Waiting waiting;
  private volatile boolean stopped;

  /** What a lane needs from the rest of the site: the ledger, the fee engine and the consoles. */
  public interface LaneServices {
    /**
     * Entry: decide on the card (casual, season, blacklisted, already inside, site full) and open
     * its stay. Answered with EntryRecorded or CardRefused. {@code vehicle} is null without a
     * camera.
     */
    CompletableFuture<LaneEvent> recordEntry(String lane, String card, Sighting vehicle);

    /** Exit: find the card's stay and what is due. Answered with ExitQuoted or CardRefused. */
    CompletableFuture<LaneEvent> quoteExit(String lane, String card, Sighting vehicle);

    /** Records an incident and tells the consoles; card and detail may be null. */
    void reportIncident(
        String lane, org.parkgate.site.IncidentKind kind, String card, String detail);

    CompletableFuture<Void> recordExit(String lane, long stayId);

    /** Entry: the stay's vehicle was seen through the barrier. */
    default CompletableFuture<Void> recordPassage(String lane, long stayId) {
      return CompletableFuture.completedFuture(null);
    }

    void publish(String lane, java.util.function.LongFunction<ConsoleEvent> event);

    java.time.Instant now();

    /** The language the lane displays speak (the site's {@code language}). */
    default org.parkgate.site.Language language() {
      return org.parkgate.site.Language.BOTH;
    }
  }

  public LaneRunner(LaneConfig config, EventExecutor executor, LaneServices services) {
    this(config, executor, services, LaneTimings.DEFAULTS);
  }

  public LaneRunner(
      LaneConfig config, EventExecutor executor, LaneServices services, LaneTimings timings) {
    this.config = config;
    this.executor = executor;
    this.services = services;
    this.lane = Lane.starting(config.kind(), timings);
    this.waiting = Waiting.of(lane);
  }

  /**
   * The lane's power was lost before the controller last stopped and never reported back: the
   * barrier's first answer reports POWER_RESTORED. Called before the devices are attached.
   */
  public void powerLostBeforeStart() {
    lane = lane.withPowerLost(true);
  }

  public void attach(LaneDevices devices) {
    this.devices = devices;
  }

  public String id() {
    return config.id();
  }

  public LaneConfig config() {
    return config;
  }

  public EventExecutor executor() {
    return executor;
  }

  /**
   * The controller is stopping: from now on the lane hears nothing, so that its devices going quiet
   * as the controller closes them is not taken for a power loss or a fault at the lane.
   */
  public void stop() {
    stopped = true;
  }

  /** Hands an event to the lane on its own thread. */
  public void deliver(LaneEvent event) {
    if (executor.inEventLoop()) {
      apply(event);
    } else {
      executor.execute(() -> apply(event));
    }
  }

  /** The lane as it is now; call on the lane's thread. */
  public Lane lane() {
    return lane;
  }

  /**
   * What the lane is waiting for, as of its last event: read from any thread (the ledger thread
   * checks a payment or a lost card against it without a hop onto the lane's thread).
   */
  public Waiting waiting() {
    return waiting;
  }

  /**
   * A lane's state as the ledger thread needs it: the stay waiting to pay and its fee (stay 0 and
   * due null when none), whether a vehicle waits at an exit with no card being dealt with, and what
   * the lane's camera saw of the vehicle being served ({@code seen}, null when nothing).
   */
  public record Waiting(
      LaneState state, long stayId, org.parkgate.money.Money due, boolean noCard, Sighting seen) {
    static Waiting of(Lane lane) {
      boolean paying = lane.state() == LaneState.AWAITING_PAYMENT;
      return new Waiting(
          lane.state(),
          paying ? lane.stayId() : 0,
          paying ? lane.due() : null,
          lane.waitingWithoutCard(),
          lane.visit().vehicle());
    }

    public boolean awaitingPaymentOf(long stay) {
      return state == LaneState.AWAITING_PAYMENT && stayId == stay;
    }
  }

  private void apply(LaneEvent event) {
    if (stopped) {
      log.debug("{}: stopping, {} not applied", config.id(), event);
      return;
    }
    Lane before = lane;
    Lane.Step step = lane.on(event);
    lane = step.lane();
    if (lane.state() != before.state()) {
      log.info("{}: {} -> {} on {}", config.id(), before.state(), lane.state(), event);
    }
    boolean displayChanged = false;
    for (LaneCommand command : step.commands()) {
      displayChanged |= carryOut(command);
    }
    waiting = Waiting.of(lane);
    if (displayChanged
        || lane.state() != before.state()
        || lane.mode() != before.mode()
        || !lane.inputs().equals(before.inputs())) {
      publishStatus();
    }
  }

  private boolean carryOut(LaneCommand command) {
    if (command instanceof LaneCommand.Show show) {
      display = DisplayText.in(show.rows(), services.language());
      devices.show(display);
      return true;
    }
    if (command instanceof LaneCommand.OpenBarrier) {
      devices.openBarrier();
    } else if (command instanceof LaneCommand.CloseBarrier) {
      // The machine never asks this over an occupied loop; this is the last interlock.
      if (lane.inputs().safetyLoop()) {
        log.error("{}: close refused, safety loop occupied", config.id());
      } else {
        devices.closeBarrier();
      }
    } else if (command instanceof LaneCommand.HoldCard hold) {
      executor.schedule(
          () -> apply(new LaneEvent.CardExpired(hold.card())),
          lane.timings().cardHold().toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    } else if (command instanceof LaneCommand.StartTimer timer) {
      // Never cancelled: the lane ignores a timer whose token is no longer its own.
      executor.schedule(
          () -> apply(new LaneEvent.TimerFired(timer.kind(), timer.token())),
          timer.after().toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    } else if (command instanceof LaneCommand.IssueCard) {
      devices.issueCard();
    } else if (command instanceof LaneCommand.RecordEntry entry) {
      answer(services.recordEntry(config.id(), entry.card(), entry.vehicle()), entry.card());
    } else if (command instanceof LaneCommand.QuoteExit exit) {
      answer(services.quoteExit(config.id(), exit.card(), exit.vehicle()), exit.card());
    } else if (command instanceof LaneCommand.RecordExit exit) {
      services
          .recordExit(config.id(), exit.stayId())
          .exceptionally(
              e -> {
                log.error(
                    "{}: exit of stay {} not recorded: {}",
                    config.id(),
                    exit.stayId(),
                    e.getMessage());
                return null;
              });
    } else if (command instanceof LaneCommand.RecordPassage passage) {
      services
          .recordPassage(config.id(), passage.stayId())
          .exceptionally(
              e -> {
                log.error(
                    "{}: passage of stay {} not recorded: {}",
                    config.id(),
                    passage.stayId(),
                    e.getMessage());
                return null;
              });
    } else if (command instanceof LaneCommand.ReportIncident incident) {
      services.reportIncident(config.id(), incident.kind(), incident.card(), incident.detail());
    } else if (command instanceof LaneCommand.ReportRefusal refusal) {
      services.publish(
          config.id(),
          seq ->
              new ConsoleEvent.CardRejected(
                  seq, services.now(), config.id(), refusal.card(), refusal.reason()));
    }
    return false;
  }

  private void answer(CompletableFuture<LaneEvent> reply, String card) {
    reply.whenComplete(
        (event, error) ->
            deliver(error == null ? event : new LaneEvent.CardRefused(card, rootMessage(error))));
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private void publishStatus() {
    Lane now = lane;
    List<String> rows = display;
    services.publish(
        config.id(),
        seq ->
            new ConsoleEvent.LaneStatus(
                seq,
                services.now(),
                config.id(),
                config.kind(),
                now.state(),
                now.inputs().position(),
                now.inputs().vehiclePresent(),
                rows,
                now.mode()));
  }
}
