package org.parkgate.controller.lane;

import org.parkgate.money.Money;

/**
 * The vehicle a lane is serving: its card, stay and fee as the ledger answered, what the camera saw
 * of it, (entry) whether a card is waiting at the dispenser's mouth for it, and (exit) whether it
 * has been seen past the arming loop, on the safety loop alone.
 */
public record Visit(
    String card, long stayId, Money due, Sighting vehicle, boolean cardOffered, boolean pastArm) {
  public static final Visit NONE = new Visit(null, 0, null, null, false, false);

  /** A new visit that keeps only what the camera saw. */
  Visit fresh() {
    return new Visit(null, 0, null, vehicle, false, false);
  }

  Visit card(String read) {
    return new Visit(read, stayId, due, vehicle, false, false);
  }

  Visit stay(long stay, Money owed) {
    return new Visit(card, stay, owed, vehicle, cardOffered, pastArm);
  }

  Visit seen(Sighting sighting) {
    return new Visit(card, stayId, due, sighting, cardOffered, pastArm);
  }

  Visit offered(boolean offered) {
    return new Visit(card, stayId, due, vehicle, offered, pastArm);
  }

  /** Its vehicle was seen on the safety loop with the arming loop clear: it is under the arm. */
  Visit seenPastArm() {
    return new Visit(card, stayId, due, vehicle, cardOffered, true);
  }

  /** Exit: the fee quoted is paid: nothing is owed now. */
  Visit paid() {
    return due == null ? this : stay(stayId, Money.zero(due.currency()));
  }

  /** Exit: the stay is known and nothing is owed on it. */
  boolean settled() {
    return stayId != 0 && (due == null || !due.isPositive());
  }

  /** Exit: the stay is known and the ledger quoted a fee still unpaid. */
  boolean owing() {
    return stayId != 0 && due != null && due.isPositive();
  }

  /**
   * Exit: its vehicle has left the lane owing. It was seen past the arming loop, on the safety loop
   * alone, and it has just left the safety loop with no vehicle on either loop. The loops cannot
   * tell a vehicle that drove on while another came up behind it from one that reversed back onto
   * the arming loop: that case waits for the next card (see {@link Lane}).
   */
  boolean leftOwing(BarrierInputs before, BarrierInputs now) {
    return owing() && pastArm && before.safetyLoop() && !now.vehiclePresent();
  }
}
