package org.parkgate.controller.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A season (monthly) card as its latest ledger row says: valid from the start of {@code validFrom}
 * to the end of {@code validTo}, both days in the site's zone, unless cancelled.
 *
 * @param plates the plates bound to the card, upper case; empty when any vehicle may use it
 */
public record SeasonCard(
    long rowId,
    String card,
    String action,
    String holder,
    List<String> plates,
    String vehicleClass,
    LocalDate validFrom,
    LocalDate validTo,
    String issuedBy,
    Instant recordedAt) {

  public SeasonCard {
    plates = List.copyOf(plates);
  }

  public boolean cancelled() {
    return "cancel".equals(action);
  }

  /** The first instant the card is valid. */
  public Instant startsAt(ZoneId zone) {
    return validFrom.atStartOfDay(zone).toInstant();
  }

  /** The first instant the card is no longer valid: the start of the day after {@code validTo}. */
  public Instant endsAt(ZoneId zone) {
    return validTo.plusDays(1).atStartOfDay(zone).toInstant();
  }

  public boolean validAt(Instant at, ZoneId zone) {
    return !cancelled() && !at.isBefore(startsAt(zone)) && at.isBefore(endsAt(zone));
  }

  /** True when the card is bound to no plate, or to this one. */
  public boolean allowsPlate(String plate) {
    return plates.isEmpty() || plate == null || plates.contains(Plates.normal(plate));
  }
}
