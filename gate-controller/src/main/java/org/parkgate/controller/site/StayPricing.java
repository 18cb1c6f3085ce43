package org.parkgate.controller.site;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Admissions;
import org.parkgate.controller.ledger.SeasonCard;
import org.parkgate.controller.ledger.SeasonCards;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.fee.FeeEngine;
import org.parkgate.fee.FeeQuote;
import org.parkgate.fee.Prepayment;
import org.parkgate.fee.StayRequest;
import org.parkgate.fee.Tariff;

/**
 * What a leaving stay owes: the class it is priced as, the part a season card's window does not
 * cover, and what a pay station took for it already. Read on the ledger thread.
 */
final class StayPricing {
  private final ZoneId zone;
  private final TariffBook tariffs;
  private final SeasonCards seasons;
  private final Admissions admissions;

  StayPricing(ZoneId zone, TariffBook tariffs, SeasonCards seasons, Admissions admissions) {
    this.zone = zone;
    this.tariffs = tariffs;
    this.seasons = seasons;
    this.admissions = admissions;
  }

  /** See {@link AccessControl#quote(Stay, Sighting, Instant, boolean, List)}. */
  FeeQuote quote(Stay stay, Sighting atExit, Instant at, boolean lostCard, List<String> vouchers) {
    TariffBook.Edition edition = tariffs.at(at);
    Tariff tariff = edition.tariff();
    Optional<SeasonCard> season = seasons.find(stay.card()).filter(c -> !c.cancelled());
    Instant from = stay.enteredAt();
    Instant to = at;
    if (season.isPresent()) {
      Instant start = season.get().startsAt(zone);
      Instant end = season.get().endsAt(zone);
      boolean before = stay.enteredAt().isBefore(start);
      boolean after = at.isAfter(end);
      if (!before && !after) {
        return null;
      }
      if (before && !after && start.isBefore(at)) {
        to = start; // entered before the window opened: that part is charged
      } else if (after && !before && end.isAfter(stay.enteredAt())) {
        from = end; // the window closed during the stay: the rest is charged
      }
      // Otherwise the window lies inside the stay or misses it: the whole stay is charged.
    }
    StayRequest request = StayRequest.of(vehicleClass(tariff, stay, atExit, season), from, to);
    if (lostCard) {
      request = request.withLostCard();
    }
    if (!vouchers.isEmpty()) {
      request = request.withVouchers(vouchers);
    }
    Optional<Prepayment> prepaid = admissions.prepaid(stay.stayId(), tariff.currency());
    if (prepaid.isPresent()) {
      request = request.withPrepaid(prepaid.get());
    }
    return FeeEngine.quote(tariff, request).pricedBy(edition.ref());
  }

  /**
   * The class the exit camera saw if the tariff prices it; otherwise the one recorded at entry, or
   * on the season card; otherwise {@link AccessControl#defaultClass}.
   */
  private String vehicleClass(
      Tariff tariff, Stay stay, Sighting atExit, Optional<SeasonCard> season) {
    Set<String> priced = tariff.versionAt(stay.enteredAt()).vehicleClasses();
    String seen =
        atExit == null || atExit.vehicleClass() == null
            ? ""
            : atExit.vehicleClass().trim().toLowerCase(Locale.ROOT);
    // Each in turn, if the tariff prices it: a class recorded at entry that it does not (a camera's
    // "unknown") gives way to the season card's, not straight to a car.
    return Optional.of(seen)
        .filter(priced::contains)
        .or(
            () ->
                admissions
                    .of(stay.stayId())
                    .map(Admissions.Credentials::vehicleClass)
                    .filter(priced::contains))
        .or(() -> season.map(SeasonCard::vehicleClass).filter(priced::contains))
        .orElse(AccessControl.defaultClass(priced));
  }
}
