package org.parkgate.controller.site;

import java.time.Instant;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.site.IncidentKind;

/**
 * What a lane asks of the site, each answered by its own {@link LaneHandler} through the {@link
 * LaneDesk}. {@code A} is the answer the lane gets back ({@code Void} when it only needs to know
 * the request was recorded). A {@code vehicle} is null when the lane has no camera.
 */
public sealed interface LaneRequest<A> {
  String lane();

  /** A card at an entry lane: answered with EntryRecorded or CardRefused. */
  record Entry(String lane, String card, Sighting vehicle) implements LaneRequest<LaneEvent> {}

  /** A card at an exit lane: answered with ExitQuoted or CardRefused. */
  record ExitQuote(String lane, String card, Sighting vehicle) implements LaneRequest<LaneEvent> {}

  /** The stay's vehicle has passed the exit barrier. */
  record Exit(String lane, long stayId) implements LaneRequest<Void> {}

  /** The stay's vehicle has passed the entry barrier: it is inside. */
  record Passage(String lane, long stayId) implements LaneRequest<Void> {}

  /**
   * Something a lane or a decision saw that a person should know of. {@code at} is when it was
   * reported, not when the ledger got to it; card, plate and detail may be null.
   */
  record IncidentReport(
      String lane, IncidentKind kind, String card, String plate, String detail, Instant at)
      implements LaneRequest<Void> {}
}
