package org.parkgate.controller.site;

import java.time.Instant;
import org.parkgate.controller.lane.LaneEvent;

/** Exit: finds the card's stay and what is due on it, or refuses the card with the reason. */
final class PriceExit implements LaneHandler<LaneRequest.ExitQuote, LaneEvent> {
  private final AccessControl access;
  private final ExitDesk exits;

  PriceExit(AccessControl access, ExitDesk exits) {
    this.access = access;
    this.exits = exits;
  }

  @Override
  public Class<LaneRequest.ExitQuote> type() {
    return LaneRequest.ExitQuote.class;
  }

  @Override
  public LaneEvent handle(LaneRequest.ExitQuote r, Instant exit) {
    ExitDecision decision = access.exit(r.lane(), r.card(), r.vehicle(), exit);
    if (decision.refused()) {
      return new LaneEvent.CardRefused(r.card(), decision.refusal(), decision.notice());
    }
    return exits.quote(r.lane(), decision.stay(), r.vehicle(), exit, decision.quote());
  }
}
