package org.parkgate.controller.lane;

import java.util.ArrayList;
import java.util.List;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/**
 * One lane's state machine: an immutable value whose {@link #on} takes one event and returns the
 * next lane and the commands to carry out. No I/O and no clock (timeouts are asked for with {@link
 * LaneCommand.StartTimer} and come back as {@link LaneEvent.TimerFired}), so every transition is
 * tested as it is written. docs/lanes.md has the table and the diagram.
 *
 * <p>This class serves vehicles (cards, the ledger's answers, the display); {@link BarrierWatch}
 * follows the loops, limits, timers and power; {@link ModeRules} the supervisor's lane modes;
 * {@link ExitRules} what only an exit does (quotes, payment, a cashier's lift).
 *
 * <p>Safety: a close is only commanded when the safety loop is clear ({@link #close} waits in
 * PASSING otherwise), and a safety loop occupied while closing re-opens the barrier.
 *
 * @param spaces the site's last word on free spaces; null until it has spoken
 * @param powerLost the barrier module went offline and POWER_RESTORED is still to be reported
 */
public record Lane(
    LaneKind kind,
    LaneTimings timings,
    LaneState state,
    BarrierInputs inputs,
    LaneMode mode,
    Visit visit,
    Arm arm,
    LaneEvent.SpacesFree spaces,
    boolean powerLost) {

  /** A lane that has not yet read its devices. */
  public static Lane starting(LaneKind kind) {
    return starting(kind, LaneTimings.DEFAULTS);
  }

  public static Lane starting(LaneKind kind, LaneTimings timings) {
    return new Lane(
        kind,
        timings,
        LaneState.STARTING,
        BarrierInputs.UNKNOWN,
        LaneMode.NORMAL,
        Visit.NONE,
        Arm.AT_REST,
        null,
        false);
  }

  /** The next lane and what to do to get there. */
  public record Step(Lane lane, List<LaneCommand> commands) {
    public Step {
      commands = List.copyOf(commands);
    }
  }

  /** The card being served (or held for a vehicle not yet seen), or null. */
  public String card() {
    return visit.card();
  }

  /** The stay of the vehicle being served, or 0. */
  public long stayId() {
    return visit.stayId();
  }

  /** What the vehicle being served owes, or null before the ledger said. */
  public Money due() {
    return visit.due();
  }

  public Step on(LaneEvent event) {
    if (event instanceof LaneEvent.Inputs e) {
      return BarrierWatch.onInputs(this, e.inputs());
    }
    if (event instanceof LaneEvent.TimerFired e) {
      return BarrierWatch.onTimer(this, e);
    }
    if (event instanceof LaneEvent.BarrierOffline e) {
      return BarrierWatch.offline(this, e.detail());
    }
    if (event instanceof LaneEvent.BarrierOnline e) {
      return BarrierWatch.online(this, e.outFor());
    }
    if (event instanceof LaneEvent.ModeSet e) {
      return ModeRules.set(this, e.mode());
    }
    if (event instanceof LaneEvent.SpacesFree e) {
      return onSpaces(e);
    }
    if (event instanceof LaneEvent.PlateRead e) {
      return new Step(withVisit(visit.seen(e.sighting())), List.of());
    }
    if (event instanceof LaneEvent.CardRead e) {
      return onCard(e.card());
    }
    if (event instanceof LaneEvent.StayClosed e) {
      return ExitRules.onStayClosed(this, e.stayId());
    }
    if (state == LaneState.HELD_OPEN) {
      return ModeRules.whileHeldOpen(this, event);
    }
    if (event instanceof LaneEvent.CardExpired e) {
      return state == LaneState.IDLE && e.card().equals(card())
          ? new Step(
              withVisit(visit.card(null)),
              List.of(new LaneCommand.ReportRefusal(e.card(), "no vehicle at the lane")))
          : stay();
    }
    if (event instanceof LaneEvent.EntryRecorded e) {
      return state == LaneState.CHECKING && kind == LaneKind.ENTRY && e.card().equals(card())
          ? open(
              LaneState.OPENING,
              visit.stay(e.stayId(), null),
              Arm.Reason.TRANSACTION,
              show(DriverMessages.driveIn()))
          : stay();
    }
    if (event instanceof LaneEvent.ExitQuoted
        || event instanceof LaneEvent.LostCardQuoted
        || event instanceof LaneEvent.ManualLift
        || event instanceof LaneEvent.Requoted
        || event instanceof LaneEvent.Paid) {
      return ExitRules.on(this, event);
    }
    if (event instanceof LaneEvent.CardRefused e) {
      return state == LaneState.CHECKING && e.card().equals(card())
          ? new Step(
              with(LaneState.WAITING_CARD).withVisit(visit.fresh()),
              List.of(
                  show(DriverMessages.refused(e.notice())),
                  new LaneCommand.ReportRefusal(e.card(), e.reason())))
          : stay();
    }
    return stay();
  }

  private Step onSpaces(LaneEvent.SpacesFree now) {
    Lane next = new Lane(kind, timings, state, inputs, mode, visit, arm, now, powerLost);
    boolean redraw =
        kind == LaneKind.ENTRY && state == LaneState.IDLE && !next.idleRows().equals(idleRows());
    return new Step(next, redraw ? List.of(show(next.idleRows())) : List.of());
  }

  /** A vehicle is on the arming loop of an idle lane: offer it a card or ask for one. */
  Step arrival() {
    // The vehicle served before went past the arm owing: it is kept until a card shows whether
    // this is another vehicle behind it, or the same one reversed.
    boolean ahead = visit.pastArm();
    Lane waiting = with(LaneState.WAITING_CARD).withVisit(ahead ? visit : visit.fresh());
    if (card() != null && !ahead) {
      // The card came first: treat it as read now that its vehicle is here.
      return waiting.onCard(card());
    }
    if (mode == LaneMode.CLOSED) {
      return new Step(waiting, List.of(show(DriverMessages.laneClosed())));
    }
    if (kind == LaneKind.EXIT) {
      return new Step(waiting, List.of(show(ExitRules.rows(this))));
    }
    if (spaces != null && spaces.full()) {
      // Casual parkers are not let in; a season card presented is still recorded.
      return new Step(waiting, List.of(show(DriverMessages.fullSeasonCardsOnly())));
    }
    long token = arm.timer() + 1;
    return new Step(
        waiting.withVisit(waiting.visit.offered(true)).withArm(arm.timer(token)),
        List.of(
            new LaneCommand.IssueCard(),
            show(DriverMessages.takeCard()),
            new LaneCommand.StartTimer(TimerKind.CARD_NOT_TAKEN, timings.cardNotTaken(), token)));
  }

  private Step onCard(String read) {
    switch (state) {
      case STARTING:
        return new Step(
            this,
            List.of(new LaneCommand.ReportRefusal(read, "lane starting: devices not read yet")));
      case IDLE:
        return new Step(withVisit(visit.card(read)), List.of(new LaneCommand.HoldCard(read)));
      case HELD_OPEN:
        return ModeRules.whileHeldOpen(this, new LaneEvent.CardRead(read));
      case WAITING_CARD:
        if (mode == LaneMode.CLOSED) {
          return new Step(
              this,
              List.of(
                  show(DriverMessages.refused(DriverNotice.LANE_CLOSED)),
                  new LaneCommand.ReportRefusal(read, ModeRules.CLOSED_REASON)));
        }
        return ExitRules.servingAnother(this, read.equals(card()), check(read));
      case AWAITING_PAYMENT:
        if (visit.pastArm() && !read.equals(card())) {
          // The vehicle that owes went past a barrier that should have held it, another came up
          // behind it and presents its card.
          return ExitRules.servingAnother(this, false, check(read));
        }
        return busy(read);
      default:
        return busy(read);
    }
  }

  /** Asks the ledger about {@code read}, a card presented by a vehicle being served afresh. */
  Step check(String read) {
    return new Step(
        with(LaneState.CHECKING).withVisit(visit.fresh().card(read)), List.of(ask(read)));
  }

  private Step busy(String read) {
    return new Step(
        this, List.of(new LaneCommand.ReportRefusal(read, "lane busy with card " + card())));
  }

  /** The ledger question for a card read here: record the entry, or quote the exit. */
  LaneCommand ask(String read) {
    return kind == LaneKind.ENTRY
        ? new LaneCommand.RecordEntry(read, visit.vehicle())
        : new LaneCommand.QuoteExit(read, visit.vehicle());
  }

  /**
   * Exit: a vehicle waits on the arming loop and no card is being dealt with, in a lane that is not
   * closed: where a cashier may ask a lost card's fee.
   */
  public boolean waitingWithoutCard() {
    return ExitRules.waitingWithoutCard(this);
  }

  /** Commands the barrier open for {@code why} and starts the timer for its open limit. */
  Step open(LaneState next, Visit v, Arm.Reason why, LaneCommand... also) {
    long token = arm.timer() + 1;
    List<LaneCommand> commands =
        travel(new LaneCommand.OpenBarrier(), TimerKind.BARRIER_OPEN, token, also);
    return new Step(
        with(next).withVisit(v).withArm(arm.command(Arm.Command.OPEN, why, token)), commands);
  }

  /**
   * Closes the barrier behind {@code v} and starts the timer for its closed limit; with the safety
   * loop occupied it commands nothing and waits in PASSING for the loop to clear.
   */
  Step close(Visit v, LaneCommand... also) {
    if (inputs.safetyLoop()) {
      return new Step(with(LaneState.PASSING).withVisit(v), List.of(also));
    }
    long token = arm.timer() + 1;
    List<LaneCommand> commands =
        travel(new LaneCommand.CloseBarrier(), TimerKind.BARRIER_CLOSE, token, also);
    Lane closing =
        with(LaneState.CLOSING)
            .withVisit(v)
            .withArm(arm.command(Arm.Command.CLOSE, arm.reason(), token));
    if (BarrierWatch.closed(inputs)) {
      // Still down (it was told to open but had not moved): no limit change will come to end
      // the closing, so the lane is idle now.
      Step idle = closing.settled();
      commands.addAll(idle.commands());
      return new Step(idle.lane(), commands);
    }
    return new Step(closing, commands);
  }

  /** {@code move}, the timer for the limit it should reach ({@code token}), then {@code also}. */
  private List<LaneCommand> travel(
      LaneCommand move, TimerKind limit, long token, LaneCommand... also) {
    List<LaneCommand> commands = new ArrayList<>();
    commands.add(move);
    commands.add(new LaneCommand.StartTimer(limit, timings.barrierTravel(), token));
    commands.addAll(List.of(also));
    return commands;
  }

  /** The barrier is down: serve a vehicle already on the arming loop, or show the idle display. */
  Step settled() {
    // A vehicle that owes and never went past the arm is served afresh: a card is asked for again.
    Visit keep = visit.owing() && !visit.pastArm() ? visit.fresh() : visit;
    Lane idle = with(LaneState.IDLE).withArm(arm.reason(null)).withVisit(keep);
    if (inputs.armingLoop()) {
      return idle.arrival();
    }
    // The vehicle the camera saw has gone: forget it with the rest.
    return new Step(idle.withVisit(Visit.NONE), List.of(show(idle.idleRows())));
  }

  List<DisplayText> idleRows() {
    if (mode == LaneMode.CLOSED) {
      return DriverMessages.laneClosed();
    }
    if (mode == LaneMode.HELD_OPEN) {
      return DriverMessages.driveThrough();
    }
    if (kind == LaneKind.EXIT) {
      return ExitRules.rows(this);
    }
    if (spaces == null || (spaces.free() < 0 && !spaces.full())) {
      return DriverMessages.welcome(); // no count told, or the site sets no limit
    }
    return spaces.full()
        ? DriverMessages.fullSeasonCardsOnly()
        : DriverMessages.welcome(spaces.free());
  }

  static LaneCommand show(List<DisplayText> rows) {
    return new LaneCommand.Show(rows);
  }

  LaneCommand incident(IncidentKind what, String detail) {
    return new LaneCommand.ReportIncident(what, card(), detail);
  }

  Step stay() {
    return new Step(this, List.of());
  }

  Lane with(LaneState next) {
    return new Lane(kind, timings, next, inputs, mode, visit, arm, spaces, powerLost);
  }

  Lane withVisit(Visit next) {
    return new Lane(kind, timings, state, inputs, mode, next, arm, spaces, powerLost);
  }

  Lane withArm(Arm next) {
    return new Lane(kind, timings, state, inputs, mode, visit, next, spaces, powerLost);
  }

  Lane withInputs(BarrierInputs next) {
    return new Lane(kind, timings, state, next, mode, visit, arm, spaces, powerLost);
  }

  Lane withMode(LaneMode next) {
    return new Lane(kind, timings, state, inputs, next, visit, arm, spaces, powerLost);
  }

  Lane withPowerLost(boolean lost) {
    return new Lane(kind, timings, state, inputs, mode, visit, arm, spaces, lost);
  }
}
