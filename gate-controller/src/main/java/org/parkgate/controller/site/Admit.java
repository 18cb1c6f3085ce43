package org.parkgate.controller.site;

import java.time.Instant;
import org.parkgate.controller.lane.LaneEvent;

/** Entry: the card's stay is opened (with what the camera saw) or the card is refused. */
final class Admit implements LaneHandler<LaneRequest.Entry, LaneEvent> {
  private final AccessControl access;
  private final ExitDesk exits;

  Admit(AccessControl access, ExitDesk exits) {
    this.access = access;
    this.exits = exits;
  }

  @Override
  public Class<LaneRequest.Entry> type() {
    return LaneRequest.Entry.class;
  }

  @Override
  public LaneEvent handle(LaneRequest.Entry r, Instant at) {
    return exits.entered(
        r.lane(), r.vehicle(), at, () -> access.enter(r.lane(), r.card(), r.vehicle(), at));
  }
}
