package org.parkgate.simulator.lane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A barrier arm driven by open and close pulse coils. It takes the configured travel time to go
 * from one limit to the other; reversed mid-way it takes as long as it has already travelled. Like
 * real hardware it obeys every command, safe or not: the lane counts unsafe closes.
 *
 * <p>The coils are pulse outputs: the one last written ON reads back ON while the motion it started
 * is under way and resets to OFF when the arm reaches its limit.
 */
public final class Barrier {
  private static final Logger log = LoggerFactory.getLogger(Barrier.class);

  public enum Position {
    CLOSED,
    OPENING,
    OPEN,
    CLOSING
  }

  private final String lane;
  private final long travelNanos;
  private final ScheduledExecutorService clock;
  private final Clock wall;
  private Instant openCommandAt;
  private Position position = Position.CLOSED;
  private long motionStart;
  private long motionNanos;
  private ScheduledFuture<?> arrival;
  private boolean openCoil;
  private boolean closeCoil;
  private boolean fault;
  private long travelledBeforeFault;
  private boolean held;
  private Position lastCommand; // OPENING or CLOSING, the motion the last command asked for
  private final EventLog events;

  public Barrier(String lane, Duration travel, ScheduledExecutorService clock) {
    this(lane, travel, clock, org.parkgate.time.SharedClock.forMain("simulator"));
  }

  /** As above; {@code wall} stamps the open commands (see {@link #openCommandAt()}). */
  public Barrier(String lane, Duration travel, ScheduledExecutorService clock, Clock wall) {
    this(lane, travel, clock, wall, new EventLog());
  }

  /** As above; each motion, limit reached, fault and hold goes into {@code events}. */
  public Barrier(
      String lane, Duration travel, ScheduledExecutorService clock, Clock wall, EventLog events) {
    this.lane = lane;
    this.travelNanos = travel.toNanos();
    this.clock = clock;
    this.wall = wall;
    this.events = events;
  }

  /** How long the arm takes from one limit to the other. */
  public Duration travel() {
    return Duration.ofNanos(travelNanos);
  }

  public synchronized void open() {
    openCommandAt = wall.instant();
    openCoil = true;
    closeCoil = false;
    lastCommand = Position.OPENING;
    if (fault) {
      log.info("{}: barrier faulted, open command ignored", lane);
    } else if (held) {
      log.info("{}: barrier held up by hand, open command has nothing to do", lane);
    } else if (position == Position.CLOSED) {
      move(Position.OPENING, travelNanos);
    } else if (position == Position.CLOSING) {
      move(Position.OPENING, travelled());
    }
  }

  public synchronized void close() {
    closeCoil = true;
    openCoil = false;
    lastCommand = Position.CLOSING;
    if (fault) {
      log.info("{}: barrier faulted, close command ignored", lane);
    } else if (held) {
      log.info("{}: barrier held up by hand, close command ignored", lane);
    } else {
      goDown();
    }
  }

  private void goDown() {
    if (position == Position.OPEN) {
      move(Position.CLOSING, travelNanos);
    } else if (position == Position.OPENING) {
      move(Position.CLOSING, travelled());
    }
  }

  /**
   * Someone lifts the arm by hand and holds it up: it rises to its open limit with no command, and
   * no command moves it while it is held. Let go, it obeys the last command written: after a close
   * (the controller's answer to an arm lifted without a transaction) it comes down.
   */
  public synchronized void setHeld(boolean on) {
    if (on == held) {
      return;
    }
    held = on;
    log.info("{}: barrier {}", lane, on ? "lifted and held up by hand" : "let go");
    events.add(lane, on ? LaneEvent.Kind.BARRIER_HELD : LaneEvent.Kind.BARRIER_LET_GO);
    if (on && position == Position.CLOSED) {
      move(Position.OPENING, travelNanos);
    } else if (on && position == Position.CLOSING) {
      move(Position.OPENING, travelled());
    } else if (!on && lastCommand == Position.CLOSING) {
      goDown();
    }
  }

  public synchronized boolean held() {
    return held;
  }

  /** Writing a coil OFF ends nothing: the pulse has already started the motion. */
  public synchronized void coilOff(boolean openCoilAddressed) {
    if (openCoilAddressed) {
      openCoil = false;
    } else {
      closeCoil = false;
    }
  }

  /** A faulted barrier stops where it is, shows the fault input and ignores commands. */
  public synchronized void setFault(boolean on) {
    if (on == fault) {
      return;
    }
    fault = on;
    events.add(
        lane,
        on ? LaneEvent.Kind.BARRIER_STUCK : LaneEvent.Kind.BARRIER_FREED,
        "position",
        position.name().toLowerCase());
    boolean moving = position == Position.OPENING || position == Position.CLOSING;
    if (on && moving) {
      arrival.cancel(false);
      travelledBeforeFault = travelled();
    } else if (!on && moving) {
      // Time spent frozen is not travel: resume with what was left when the fault came.
      move(position, motionNanos - travelledBeforeFault);
    }
  }

  private void move(Position motion, long nanos) {
    if (arrival != null) {
      arrival.cancel(false);
    }
    log.info("{}: barrier {}", lane, motion.name().toLowerCase());
    if (position != motion) {
      events.add(lane, kind(motion));
    }
    position = motion;
    motionStart = System.nanoTime();
    motionNanos = nanos;
    arrival = clock.schedule(() -> arrive(motion), nanos, TimeUnit.NANOSECONDS);
  }

  private synchronized void arrive(Position motion) {
    if (position != motion || fault) {
      return;
    }
    position = motion == Position.OPENING ? Position.OPEN : Position.CLOSED;
    openCoil = false;
    closeCoil = false;
    log.info("{}: barrier {}", lane, position.name().toLowerCase());
    events.add(lane, kind(position));
  }

  private static LaneEvent.Kind kind(Position position) {
    return switch (position) {
      case CLOSED -> LaneEvent.Kind.BARRIER_CLOSED;
      case OPENING -> LaneEvent.Kind.BARRIER_OPENING;
      case OPEN -> LaneEvent.Kind.BARRIER_OPEN;
      case CLOSING -> LaneEvent.Kind.BARRIER_CLOSING;
    };
  }

  /**
   * How far up the arm is, from 0 (closed) to 1 (open): part-way while it moves, and where it
   * stopped when a fault froze it.
   */
  public synchronized double openFraction() {
    return switch (position) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case OPENING -> 1 - remaining() / (double) travelNanos;
      case CLOSING -> remaining() / (double) travelNanos;
    };
  }

  /** What is left of the motion under way; a frozen arm has what was left when it froze. */
  private long remaining() {
    return motionNanos - (fault ? travelledBeforeFault : travelled());
  }

  private long travelled() {
    return Math.min(System.nanoTime() - motionStart, motionNanos);
  }

  public synchronized Position position() {
    return position;
  }

  public synchronized boolean openLimit() {
    return position == Position.OPEN;
  }

  public synchronized boolean closedLimit() {
    return position == Position.CLOSED;
  }

  /** When the open coil was last written on, whatever the arm did then; null before the first. */
  public synchronized Instant openCommandAt() {
    return openCommandAt;
  }

  public synchronized boolean openCoil() {
    return openCoil;
  }

  public synchronized boolean closeCoil() {
    return closeCoil;
  }

  public synchronized boolean fault() {
    return fault;
  }
}
