package org.parkgate.controller.lane;

/**
 * What a driver whose card was refused is told on the lane display: what to do, in the driver's
 * words. The reason for the cashier and the ledger is kept apart and never shown at the lane.
 */
public enum DriverNotice {
  /** Any refusal with nothing more a driver could act on. */
  SEE_CASHIER,
  /** The card (or the plate with it) is on the blacklist. */
  CARD_NOT_ACCEPTED,
  /** A season card cancelled, expired or not yet valid. */
  SEASON_NOT_VALID,
  /** A season card presented with a plate it is not bound to. */
  PLATE_NOT_ON_CARD,
  /** Anti-passback: the card is already inside. */
  ALREADY_INSIDE,
  /** Anti-passback: the card has no entry to leave on. */
  NO_ENTRY,
  /** Entry: no space for a casual parker. */
  FULL,
  /** The lane is closed. */
  LANE_CLOSED
}
