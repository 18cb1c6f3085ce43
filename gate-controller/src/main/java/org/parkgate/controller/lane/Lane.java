package org.parkgate.controller.lane;

import java.util.ArrayList;
import java.util.List;
import org.parkgate.money.Money;
import org.parkgate.site.LaneKind;

/**
 * One lane's state machine: an immutable value whose {@link #on} takes one event and returns the
 * next lane and the commands to carry out. No I/O and no clock, so every transition is tested as it
 * is written.
 *
 * <p>Safety: a close is only commanded when the vehicle has left the safety loop, and a safety loop
 * occupied while closing re-opens the barrier.
 */
public record Lane(
    LaneKind kind, LaneState state, BarrierInputs inputs, String card, long stayId, Money due) {

  /** A lane that has not yet read its devices. */
  public static Lane starting(LaneKind kind) {
    return new Lane(kind, LaneState.STARTING, BarrierInputs.UNKNOWN, null, 0, null);
  }

  /** The next lane and what to do to get there. */
  public record Step(Lane lane, List<LaneCommand> commands) {
    public Step {
      commands = List.copyOf(commands);
    }
  }

  public Step on(LaneEvent event) {
    if (event instanceof LaneEvent.Inputs e) {
      return onInputs(e.inputs());
    }
    if (event instanceof LaneEvent.CardRead e) {
      return onCard(e.card());
    }
    if (event instanceof LaneEvent.CardExpired e) {
      return state == LaneState.IDLE && e.card().equals(card)
          ? new Step(
              with(LaneState.IDLE, null, 0, null),
              List.of(new LaneCommand.ReportRefusal(e.card(), "no vehicle at the lane")))
          : stay();
    }
    if (event instanceof LaneEvent.EntryRecorded e) {
      return state == LaneState.CHECKING && kind == LaneKind.ENTRY
          ? open(e.stayId(), null, DriverMessages.driveIn())
          : stay();
    }
    if (event instanceof LaneEvent.ExitQuoted e) {
      return onQuote(e);
    }
    if (event instanceof LaneEvent.CardRefused e) {
      return state == LaneState.CHECKING
          ? new Step(
              with(LaneState.WAITING_CARD, null, 0, null),
              List.of(
                  new LaneCommand.Show(DriverMessages.refused(e.reason())),
                  new LaneCommand.ReportRefusal(e.card(), e.reason())))
          : stay();
    }
    if (event instanceof LaneEvent.PlateRead
        || event instanceof LaneEvent.ModeSet
        || event instanceof LaneEvent.SpacesFree) {
      return stay();
    }
    LaneEvent.Paid e = (LaneEvent.Paid) event;
    return state == LaneState.AWAITING_PAYMENT && e.stayId() == stayId
        ? open(stayId, due, DriverMessages.thankYou())
        : stay();
  }

  private Step onInputs(BarrierInputs now) {
    Lane seen = new Lane(kind, state, now, card, stayId, due);
    return switch (state) {
      case STARTING -> seen.fromStart();
      case IDLE -> now.armingLoop() ? seen.arrival() : new Step(seen, List.of());
      case WAITING_CARD, CHECKING, AWAITING_PAYMENT ->
          now.vehiclePresent()
              ? new Step(seen, List.of())
              // The vehicle backed off before it was let through: forget it.
              : new Step(
                  seen.with(LaneState.IDLE, null, 0, null),
                  List.of(new LaneCommand.Show(seen.idleRows())));
      case OPENING -> {
        if (now.safetyLoop()) {
          yield new Step(seen.with(LaneState.PASSING, card, stayId, due), List.of());
        }
        // Every loop is clear where a vehicle was a moment ago: it crossed the safety loop
        // between two polls (or a damaged answer hid it). Close behind it rather than leave the
        // lane open for the next vehicle to drive through unpaid.
        yield inputs.vehiclePresent() && !now.vehiclePresent()
            ? seen.vehicleCleared()
            : new Step(seen, List.of());
      }
      case PASSING -> now.safetyLoop() ? new Step(seen, List.of()) : seen.vehicleCleared();
      case CLOSING -> seen.whileClosing();
    };
  }

  /** On start, make the barrier safe from what the devices report, before anything else. */
  private Step fromStart() {
    if (inputs.closedLimit() && !inputs.openLimit()) {
      Lane idle = with(LaneState.IDLE, null, 0, null);
      return inputs.armingLoop()
          ? idle.arrival()
          : new Step(idle, List.of(new LaneCommand.Show(idleRows())));
    }
    if (inputs.safetyLoop()) {
      // Someone is under the arm: wait for them to clear before closing.
      return new Step(with(LaneState.PASSING, null, 0, null), List.of());
    }
    return new Step(
        with(LaneState.CLOSING, null, 0, null), List.of(new LaneCommand.CloseBarrier()));
  }

  private Step arrival() {
    if (card != null) {
      // The card came first: treat it as read now that its vehicle is here.
      Lane waiting = with(LaneState.WAITING_CARD, null, 0, null);
      return waiting.onCard(card);
    }
    if (kind == LaneKind.ENTRY) {
      return new Step(
          with(LaneState.WAITING_CARD, null, 0, null),
          List.of(new LaneCommand.IssueCard(), new LaneCommand.Show(DriverMessages.takeCard())));
    }
    return new Step(
        with(LaneState.WAITING_CARD, null, 0, null),
        List.of(new LaneCommand.Show(DriverMessages.insertCard())));
  }

  private Step onCard(String read) {
    if (state == LaneState.IDLE) {
      return new Step(with(LaneState.IDLE, read, 0, null), List.of(new LaneCommand.HoldCard(read)));
    }
    if (state != LaneState.WAITING_CARD) {
      return new Step(
          this, List.of(new LaneCommand.ReportRefusal(read, "lane busy with card " + card)));
    }
    LaneCommand ask =
        kind == LaneKind.ENTRY
            ? new LaneCommand.RecordEntry(read, null)
            : new LaneCommand.QuoteExit(read, null);
    return new Step(with(LaneState.CHECKING, read, 0, null), List.of(ask));
  }

  private Step onQuote(LaneEvent.ExitQuoted quote) {
    if (state != LaneState.CHECKING || kind != LaneKind.EXIT) {
      return stay();
    }
    if (!quote.due().isPositive()) {
      return open(quote.stayId(), quote.due(), DriverMessages.thankYou());
    }
    return new Step(
        with(LaneState.AWAITING_PAYMENT, card, quote.stayId(), quote.due()),
        List.of(new LaneCommand.Show(DriverMessages.feeDue(quote.due()))));
  }

  private Step open(long stay, Money owed, List<String> rows) {
    return new Step(
        with(LaneState.OPENING, card, stay, owed),
        List.of(new LaneCommand.OpenBarrier(), new LaneCommand.Show(rows)));
  }

  private Step vehicleCleared() {
    List<LaneCommand> commands = new ArrayList<>();
    commands.add(new LaneCommand.CloseBarrier());
    if (kind == LaneKind.EXIT && stayId != 0) {
      commands.add(new LaneCommand.RecordExit(stayId));
    }
    return new Step(with(LaneState.CLOSING, null, 0, null), commands);
  }

  private Step whileClosing() {
    if (inputs.safetyLoop()) {
      return new Step(
          with(LaneState.OPENING, null, 0, null), List.of(new LaneCommand.OpenBarrier()));
    }
    if (inputs.closedLimit() && !inputs.openLimit()) {
      Lane idle = with(LaneState.IDLE, null, 0, null);
      return inputs.armingLoop()
          ? idle.arrival()
          : new Step(idle, List.of(new LaneCommand.Show(idleRows())));
    }
    return new Step(this, List.of());
  }

  private List<String> idleRows() {
    return kind == LaneKind.ENTRY ? DriverMessages.welcome() : DriverMessages.insertCard();
  }

  private Step stay() {
    return new Step(this, List.of());
  }

  private Lane with(LaneState next, String nextCard, long nextStay, Money nextDue) {
    return new Lane(kind, next, inputs, nextCard, nextStay, nextDue);
  }
}
