package org.parkgate.controller.lane;

import java.util.List;

/** What a lane asks of its devices and the ledger. */
public sealed interface LaneCommand {
  /** Entry: the card dispenser offers a card at its mouth. */
  record IssueCard() implements LaneCommand {}

  /** Entry: open a stay for the card. Answered by EntryRecorded or CardRefused. */
  record RecordEntry(String card, Sighting vehicle) implements LaneCommand {}

  /** Exit: find the card's stay and the fee due. Answered by ExitQuoted or CardRefused. */
  record QuoteExit(String card, Sighting vehicle) implements LaneCommand {}

  /** Exit: the vehicle left; close its stay. */
  record RecordExit(long stayId) implements LaneCommand {}

  /** Entry: the stay's vehicle cleared the lane past the open arm: it is inside. */
  record RecordPassage(long stayId) implements LaneCommand {}

  record OpenBarrier() implements LaneCommand {}

  /** Only ever given with the safety loop clear; the runner checks again before sending. */
  record CloseBarrier() implements LaneCommand {}

  /** Rows for the driver's display, in both languages until the lane writes them. */
  record Show(List<DisplayText> rows) implements LaneCommand {
    public Show {
      rows = List.copyOf(rows);
    }
  }

  /**
   * A card was read before the vehicle was seen on the arming loop (the reader and the loop are
   * separate devices, polled at different times): hold it, and send {@link LaneEvent.CardExpired}
   * after the lane's {@link LaneTimings#cardHold()} if the vehicle does not show up by then.
   */
  record HoldCard(String card) implements LaneCommand {}

  /** Tell the consoles a card was refused at this lane. */
  record ReportRefusal(String card, String reason) implements LaneCommand {}

  /** Flag cheating or a fault: recorded in the ledger and pushed to the consoles. */
  record ReportIncident(org.parkgate.site.IncidentKind kind, String card, String detail)
      implements LaneCommand {}

  /**
   * Send {@link LaneEvent.TimerFired} with this kind and token after {@code after}. A lane keeps
   * one timer live: a timer whose token is no longer the lane's is ignored when it fires, so timers
   * are never cancelled.
   */
  record StartTimer(TimerKind kind, java.time.Duration after, long token) implements LaneCommand {}
}
