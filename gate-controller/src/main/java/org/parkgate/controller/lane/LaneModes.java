package org.parkgate.controller.lane;

import java.util.List;
import org.parkgate.money.Money;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;

/**
 * The part of {@link Lane#on} that obeys the lane mode a supervisor set (the site records who and
 * why): NORMAL, HELD_OPEN, CLOSED, FREE_EXIT (an exit that behaves as NORMAL; the site quotes
 * nothing due).
 */
final class LaneModes {
  static final String CLOSED_REASON = "lane closed";

  private LaneModes() {}

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
      // Close once the safety loop is clear. A vehicle under the arm whose exit is settled still
      // has it recorded as it clears; anything else it was doing is dropped.
      Visit keep = lane.visit().settled() ? lane.visit() : Visit.NONE;
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
   * with nothing due (or paid at the booth) is recorded as its vehicle clears the safety loop.
   */
  static Lane.Step whileHeldOpen(Lane lane, LaneEvent event) {
    Visit v = lane.visit();
    if (event instanceof LaneEvent.CardRead e) {
      return new Lane.Step(lane.withVisit(v.fresh().card(e.card())), List.of(lane.ask(e.card())));
    }
    if (v.card() == null || v.stayId() != 0 && !(event instanceof LaneEvent.Paid)) {
      return lane.stay();
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
              Lane.show(DriverMessages.refused(e.reason())),
              new LaneCommand.ReportRefusal(e.card(), e.reason())));
    }
    if (event instanceof LaneEvent.Paid e && e.stayId() == v.stayId() && v.due() != null) {
      return new Lane.Step(
          lane.withVisit(v.stay(v.stayId(), Money.zero(v.due().currency()))),
          List.of(Lane.show(DriverMessages.thankYou())));
    }
    return lane.stay();
  }

  /**
   * Held open, a vehicle leaving the safety loop has passed: an exit whose stay is settled is
   * recorded; then the lane forgets it. The barrier is never closed here.
   */
  static Lane.Step heldOpenInputs(Lane lane, BarrierInputs before, BarrierInputs now) {
    boolean passed = before.safetyLoop() && !now.safetyLoop();
    if (!passed && now.vehiclePresent()) {
      return lane.stay();
    }
    Visit v = lane.visit();
    Lane forgot = lane.withVisit(Visit.NONE);
    if (passed && lane.kind() == LaneKind.EXIT && v.settled()) {
      return new Lane.Step(
          forgot,
          List.of(
              new LaneCommand.RecordExit(v.stayId()), Lane.show(DriverMessages.driveThrough())));
    }
    return v.equals(Visit.NONE) ? lane.stay() : forgot.stay();
  }
}
