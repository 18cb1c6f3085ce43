package org.parkgate.controller.lane;

import java.util.List;
import org.parkgate.money.Money;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/**
 * What only an exit lane does: takes the ledger's quote, waits for payment, lets a cashier lift the
 * barrier or price a lost card, and records the exit of a vehicle that went past the arm owing.
 * Part of {@link Lane}'s state machine, kept apart so the shared flow reads on its own.
 */
final class ExitRules {
  private ExitRules() {}

  /** A quote, payment or cashier's lift, taken by a lane that is not held open. */
  static Lane.Step on(Lane lane, LaneEvent event) {
    LaneState state = lane.state();
    if (event instanceof LaneEvent.ExitQuoted e) {
      return state == LaneState.CHECKING && e.card().equals(lane.card())
          ? onQuote(lane, e.stayId(), e.due())
          : lane.stay();
    }
    if (event instanceof LaneEvent.LostCardQuoted e) {
      return waitingWithoutCard(lane)
          ? servingAnother(
              lane,
              e.stayId() == lane.stayId(),
              onQuote(lane.withVisit(lane.visit().fresh()), e.stayId(), e.due()))
          : lane.stay();
    }
    if (event instanceof LaneEvent.ManualLift
        && lane.kind() == LaneKind.EXIT
        && (state == LaneState.WAITING_CARD
            || state == LaneState.CHECKING
            || state == LaneState.AWAITING_PAYMENT)) {
      return lane.open(
          LaneState.OPENING,
          lane.visit(),
          Arm.Reason.TRANSACTION,
          Lane.show(DriverMessages.driveThrough()));
    }
    if (event instanceof LaneEvent.Requoted e
        && state == LaneState.AWAITING_PAYMENT
        && e.stayId() == lane.stayId()) {
      return onQuote(lane, e.stayId(), e.due());
    }
    if (event instanceof LaneEvent.Paid e
        && state == LaneState.AWAITING_PAYMENT
        && e.stayId() == lane.stayId()) {
      return lane.open(
          LaneState.OPENING,
          lane.visit().paid(),
          Arm.Reason.TRANSACTION,
          Lane.show(DriverMessages.thankYou()));
    }
    return lane.stay();
  }

  /** See {@link Lane#waitingWithoutCard()}. */
  static boolean waitingWithoutCard(Lane lane) {
    return lane.kind() == LaneKind.EXIT
        && lane.state() == LaneState.WAITING_CARD
        && lane.inputs().armingLoop()
        && (lane.card() == null || lane.visit().pastArm())
        && lane.mode() != LaneMode.CLOSED;
  }

  /**
   * Exit: {@code next} serves the vehicle at the reader. If the vehicle served before went past the
   * arm and was last seen leaving the safety loop with this one behind it, a card (or a lost card's
   * stay) other than its own says it has gone: its exit is recorded first (owing: the site records
   * it left unpaid; settled, held open: as paid). The same card means it reversed to the reader.
   */
  static Lane.Step servingAnother(Lane lane, boolean same, Lane.Step next) {
    if (lane.kind() != LaneKind.EXIT || !lane.visit().pastArm() || same) {
      return next;
    }
    return BarrierWatch.then(new LaneCommand.RecordExit(lane.stayId()), next);
  }

  /**
   * Exit: the stay whose fee the lane waits for was closed by a supervisor. Its fee is not taken:
   * the card at the reader is priced again, as any card with no open stay is (anti-passback
   * decides). A vehicle that went past the arm owing is forgotten with its stay.
   */
  static Lane.Step onStayClosed(Lane lane, long closed) {
    if (lane.kind() != LaneKind.EXIT || closed == 0 || closed != lane.stayId()) {
      return lane.stay();
    }
    if (lane.state() != LaneState.AWAITING_PAYMENT) {
      return lane.stay();
    }
    if (lane.visit().pastArm() || lane.card() == null) {
      return new Lane.Step(
          lane.with(LaneState.WAITING_CARD).withVisit(lane.visit().fresh()),
          List.of(Lane.show(rows(lane))));
    }
    return lane.check(lane.card());
  }

  private static Lane.Step onQuote(Lane lane, long stayId, Money due) {
    if (lane.kind() != LaneKind.EXIT) {
      return lane.stay();
    }
    Visit quoted = lane.visit().stay(stayId, due);
    if (!due.isPositive()) {
      return lane.open(
          LaneState.OPENING, quoted, Arm.Reason.TRANSACTION, Lane.show(DriverMessages.thankYou()));
    }
    return new Lane.Step(
        lane.with(LaneState.AWAITING_PAYMENT).withVisit(quoted),
        List.of(Lane.show(DriverMessages.feeDue(due))));
  }

  /** What a driver at the reader is asked to do. */
  static List<DisplayText> rows(Lane lane) {
    return lane.mode() == LaneMode.FREE_EXIT
        ? DriverMessages.freeExit()
        : DriverMessages.insertCard();
  }
}
