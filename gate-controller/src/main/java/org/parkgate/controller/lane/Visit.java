package org.parkgate.controller.lane;

import org.parkgate.money.Money;

/**
 * The vehicle a lane is serving: its card, stay and fee as the ledger answered, what the camera saw
 * of it, and (entry) whether a card is waiting at the dispenser's mouth for it.
 */
public record Visit(String card, long stayId, Money due, Sighting vehicle, boolean cardOffered) {
  public static final Visit NONE = new Visit(null, 0, null, null, false);

  /** A new visit that keeps only what the camera saw. */
  Visit fresh() {
    return new Visit(null, 0, null, vehicle, false);
  }

  Visit card(String read) {
    return new Visit(read, stayId, due, vehicle, false);
  }

  Visit stay(long stay, Money owed) {
    return new Visit(card, stay, owed, vehicle, cardOffered);
  }

  Visit seen(Sighting sighting) {
    return new Visit(card, stayId, due, sighting, cardOffered);
  }

  Visit offered(boolean offered) {
    return new Visit(card, stayId, due, vehicle, offered);
  }

  /** Exit: the stay is known and nothing is owed on it. */
  boolean settled() {
    return stayId != 0 && (due == null || !due.isPositive());
  }
}
