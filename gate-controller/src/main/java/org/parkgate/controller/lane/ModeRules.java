package org.parkgate.controller.lane;

import java.util.List;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/**
 * The part of {@link Lane#on} that obeys the lane mode a supervisor set (the site records who and
 * why): NORMAL, HELD_OPEN, CLOSED, FREE_EXIT (an exit that behaves as NORMAL; the site quotes
 * nothing due).
 */
final class ModeRules {
  static final String CLOSED_REASON = "lane closed";

  private ModeRules() {}

  static Lane.Step set(Lane lane, LaneMode to) {
    if (to == lane.mode()) {
      return lane.stay();
    }
    Lane next = lane.withMode(to);
    LaneState state = lane.state();
    if (state == LaneState.STARTING) {
      return next.stay(); // applied once the devices are read
    }
    if (state == LaneState.HELD_OPEN) {
      // Close once the safety loop is clear. A vehicle under the arm whose exit is quoted still
      // has it recorded as it clears (owing, if it went past the arm unpaid); anything else it was
      // doing is dropped.
      Visit keep = lane.visit().stayId() != 0 ? lane.visit() : Visit.NONE;
      return next.withArm(next.arm().reason(Arm.Reason.MODE))
          .close(keep, Lane.show(next.idleRows()));
    }
    if (to == LaneMode.HELD_OPEN) {
      // A vehicle whose card is being dealt with keeps it: its entry or paid exit still counts.
      boolean busy = state != LaneState.IDLE && state != LaneState.WAITING_CARD;
      Visit keep = busy ? lane.visit() : lane.visit().fresh();
      return next.open(
          LaneState.HELD_OPEN, keep, Arm.Reason.MODE, Lane.show(DriverMessages.driveThrough()));
    }
    if (state == LaneState.IDLE) {
      return new Lane.Step(next, List.of(Lane.show(next.idleRows())));
    }
    if (state == LaneState.WAITING_CARD && to == LaneMode.CLOSED) {
      // No card read yet: the lane closes now; a card taken or presented is refused.
      return new Lane.Step(
          next.withVisit(next.visit().offered(false)),
          List.of(Lane.show(DriverMessages.laneClosed())));
    }
    if (state == LaneState.WAITING_CARD && lane.mode() == LaneMode.CLOSED) {
      // Re-opened with a vehicle waiting: serve it as if it had just arrived.
      return next.with(LaneState.IDLE).withVisit(next.visit().fresh()).arrival();
    }
    // Mid-transaction: it finishes first; the new mode shows when the lane is next idle.
    return next.stay();
  }

  /**
   * Held open: cards are still read and answered, so a season card's entry is recorded and an exit
   * is recorded as its vehicle clears the safety loop: with nothing due (or paid at the booth), or
   * owing, which the site records as left unpaid against the plate.
   */
  static Lane.Step whileHeldOpen(Lane lane, LaneEvent event) {
    Visit v = lane.visit();
    if (event instanceof LaneEvent.CardRead e) {
      if (!lane.inputs().armingLoop()) {
        // Nothing at the reader to pass with it: whose card it is cannot be told.
        return new Lane.Step(
            lane, List.of(new LaneCommand.ReportRefusal(e.card(), "no vehicle at the lane")));
      }
      return ExitRules.servingAnother(
          lane,
          e.card().equals(v.card()),
          new Lane.Step(lane.withVisit(v.fresh().card(e.card())), List.of(lane.ask(e.card()))));
    }
    if (v.card() == null || v.stayId() != 0 && !(event instanceof LaneEvent.Paid)) {
      return lane.stay();
    }
    if (!(event instanceof LaneEvent.Paid) && !v.card().equals(answered(event))) {
      return lane.stay(); // a late answer for a card no longer at the reader
    }
    if (event instanceof LaneEvent.EntryRecorded e && lane.kind() == LaneKind.ENTRY) {
      return new Lane.Step(
          lane.withVisit(v.stay(e.stayId(), null)), List.of(Lane.show(DriverMessages.driveIn())));
    }
    if (event instanceof LaneEvent.ExitQuoted e && lane.kind() == LaneKind.EXIT) {
      return new Lane.Step(
          lane.withVisit(v.stay(e.stayId(), e.due())),
          List.of(
              Lane.show(
                  e.due().isPositive()
                      ? DriverMessages.feeDue(e.due())
                      : DriverMessages.thankYou())));
    }
    if (event instanceof LaneEvent.CardRefused e) {
      return new Lane.Step(
          lane.withVisit(v.fresh()),
          List.of(
              Lane.show(DriverMessages.refused(e.notice())),
              new LaneCommand.ReportRefusal(e.card(), e.reason())));
    }
    if (event instanceof LaneEvent.Paid e && e.stayId() == v.stayId() && v.due() != null) {
      return new Lane.Step(lane.withVisit(v.paid()), List.of(Lane.show(DriverMessages.thankYou())));
    }
    return lane.stay();
  }

  /** The card a ledger answer is for, or null. */
  private static String answered(LaneEvent event) {
    if (event instanceof LaneEvent.EntryRecorded e) {
      return e.card();
    }
    if (event instanceof LaneEvent.ExitQuoted e) {
      return e.card();
    }
    return event instanceof LaneEvent.CardRefused e ? e.card() : null;
  }

  /**
   * Held open, the vehicle served has left: it was seen past the arm (or its exit is settled) and
   * has just left the safety loop with both loops clear. Its exit is recorded (owing, if it did not
   * pay: the site records it left unpaid) and the lane forgets it, as it forgets a vehicle when
   * every loop is clear. One that left with another vehicle behind it on the arming loop is
   * recorded when that vehicle presents another card ({@link #whileHeldOpen}) or clears the loops
   * in turn. The barrier is never closed here.
   */
  static Lane.Step heldOpenInputs(Lane lane, BarrierInputs before, BarrierInputs now) {
    Visit v = lane.visit();
    boolean left =
        v.stayId() != 0
            && (v.pastArm() || v.settled())
            && before.safetyLoop()
            && !now.vehiclePresent();
    Lane forgot = lane.withVisit(Visit.NONE);
    if (left && lane.kind() == LaneKind.EXIT) {
      return new Lane.Step(
          forgot,
          List.of(
              new LaneCommand.RecordExit(v.stayId()), Lane.show(DriverMessages.driveThrough())));
    }
    return now.vehiclePresent() || v.equals(Visit.NONE) ? lane.stay() : forgot.stay();
  }
}
