package org.parkgate.device.card;

/** Commands the controller sends to a lane's card unit. */
public sealed interface CardUnitCommand {

  /** Entry lanes: dispense a new card to the mouth of the dispenser. */
  record Issue() implements CardUnitCommand {}
}
