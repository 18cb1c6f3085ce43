package org.parkgate.controller.lane;

/** What a lane timer watches; {@link LaneTimings} says how long each waits. */
public enum TimerKind {
  /** Entry: the card offered at the dispenser's mouth is taken. */
  CARD_NOT_TAKEN,
  /** The barrier reaches its open limit after an open command. */
  BARRIER_OPEN,
  /** The barrier reaches its closed limit after a close command. */
  BARRIER_CLOSE
}
