package org.parkgate.controller.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneState;

/** Drives one pure lane through events and checks each step's state and commands. */
class LaneScript {
  // arming, safety, open limit, closed limit, fault
  static final BarrierInputs CLOSED_EMPTY = new BarrierInputs(false, false, false, true, false);
  static final BarrierInputs CLOSED_ARMED = new BarrierInputs(true, false, false, true, false);
  static final BarrierInputs MOVING_ARMED = new BarrierInputs(true, false, false, false, false);
  static final BarrierInputs OPEN_ARMED = new BarrierInputs(true, false, true, false, false);
  static final BarrierInputs OPEN_UNDER_ARM = new BarrierInputs(false, true, true, false, false);
  static final BarrierInputs OPEN_BOTH = new BarrierInputs(true, true, true, false, false);
  static final BarrierInputs OPEN_EMPTY = new BarrierInputs(false, false, true, false, false);
  static final BarrierInputs MOVING_EMPTY = new BarrierInputs(false, false, false, false, false);
  static final BarrierInputs MOVING_UNDER_ARM = new BarrierInputs(false, true, false, false, false);
  static final BarrierInputs MOVING_BOTH = new BarrierInputs(true, true, false, false, false);
  static final BarrierInputs CLOSED_UNDER_ARM = new BarrierInputs(false, true, false, true, false);
  static final BarrierInputs CLOSED_BOTH = new BarrierInputs(true, true, false, true, false);
  static final Money FIVE = Money.of(500, "CNY");
  static final Money ZERO = Money.zero(FIVE.currency());

  Lane lane;
  final List<LaneCommand> commands = new ArrayList<>();

  LaneScript(LaneKind kind) {
    lane = Lane.starting(kind);
  }

  LaneScript on(LaneEvent event) {
    Lane.Step step = lane.on(event);
    lane = step.lane();
    commands.clear();
    commands.addAll(step.commands());
    return this;
  }

  LaneScript inputs(BarrierInputs inputs) {
    return on(new LaneEvent.Inputs(inputs));
  }

  /** The state, and the commands other than timers (timers are checked on their own). */
  void expect(LaneState state, Class<?>... kinds) {
    assertEquals(state, lane.state(), "state after the last event");
    assertEquals(
        List.of(kinds),
        commands.stream()
            .filter(c -> !(c instanceof LaneCommand.StartTimer))
            .map(Object::getClass)
            .toList(),
        "commands " + commands);
  }

  /** The one command of this type in the last step. */
  <T extends LaneCommand> T the(Class<T> type) {
    List<T> found = commands.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), "one " + type.getSimpleName() + " in " + commands);
    return found.get(0);
  }

  /** The rows last shown, in both languages. */
  List<DisplayText> shown() {
    return the(LaneCommand.Show.class).rows();
  }

  IncidentKind incident() {
    return the(LaneCommand.ReportIncident.class).kind();
  }

  /** Fires the timer the last step started. */
  LaneScript fire() {
    LaneCommand.StartTimer t = the(LaneCommand.StartTimer.class);
    return on(new LaneEvent.TimerFired(t.kind(), t.token()));
  }

  // Ready-made situations, each from a fresh start.

  /** Idle, barrier down, nobody at the lane. */
  LaneScript idle() {
    return inputs(CLOSED_EMPTY);
  }

  /** A vehicle on the arming loop, its card read, the ledger not yet answered. */
  LaneScript checking() {
    idle().inputs(CLOSED_ARMED);
    return on(new LaneEvent.CardRead("C1"));
  }

  /** Exit: a vehicle waiting to pay 5.00 on stay 7. */
  LaneScript awaitingPayment() {
    checking();
    return on(new LaneEvent.ExitQuoted("C1", 7, FIVE));
  }

  /** The barrier told to open for an admitted (entry) or free (exit) vehicle on stay 7. */
  LaneScript opening() {
    checking();
    return lane.kind() == LaneKind.ENTRY
        ? on(new LaneEvent.EntryRecorded("C1", 7))
        : on(new LaneEvent.ExitQuoted("C1", 7, ZERO));
  }

  /** The admitted vehicle under the open arm, clear of the arming loop. */
  LaneScript passing() {
    return opening().inputs(OPEN_ARMED).inputs(OPEN_UNDER_ARM);
  }

  /** The barrier closing behind the vehicle that passed. */
  LaneScript closing() {
    return passing().inputs(OPEN_EMPTY);
  }
}
