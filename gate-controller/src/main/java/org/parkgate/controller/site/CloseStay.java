package org.parkgate.controller.site;

import java.time.Instant;
import org.parkgate.controller.ledger.Stays;

/**
 * The vehicle has left: its stay is closed (what it still owed carried against its plate) and it no
 * longer counts as inside.
 */
final class CloseStay implements LaneHandler<LaneRequest.Exit, Void> {
  private final ExitDesk exits;
  private final Stays stays;
  private final AccessControl access;

  CloseStay(ExitDesk exits, Stays stays, AccessControl access) {
    this.exits = exits;
    this.stays = stays;
    this.access = access;
  }

  @Override
  public Class<LaneRequest.Exit> type() {
    return LaneRequest.Exit.class;
  }

  @Override
  public Void handle(LaneRequest.Exit r, Instant at) {
    exits.exited(r.lane(), r.stayId(), at, () -> stays.recordExit(r.stayId(), r.lane(), at));
    access.left(r.stayId(), at);
    return null;
  }

  /** An entry's vehicle seen through the barrier: its passage is recorded. */
  static final class Passed implements LaneHandler<LaneRequest.Passage, Void> {
    private final Stays stays;

    Passed(Stays stays) {
      this.stays = stays;
    }

    @Override
    public Class<LaneRequest.Passage> type() {
      return LaneRequest.Passage.class;
    }

    @Override
    public Void handle(LaneRequest.Passage r, Instant at) {
      stays.recordPassage(r.stayId(), r.lane(), at);
      return null;
    }
  }
}
