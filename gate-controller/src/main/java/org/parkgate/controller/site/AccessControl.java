package org.parkgate.controller.site;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.parkgate.api.Said;
import org.parkgate.controller.lane.DriverNotice;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Admissions;
import org.parkgate.controller.ledger.Blacklist;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SeasonCard;
import org.parkgate.controller.ledger.SeasonCards;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.fee.FeeQuote;
import org.parkgate.money.Money;
import org.parkgate.site.AccessRules;
import org.parkgate.site.AntiPassback;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.SiteConfig;

/**
 * Who may enter and leave, decided on the ledger thread: the blacklist, season cards and their
 * bound plates, anti-passback and capacity; and what a leaving stay owes, with season windows and
 * pay-station payments taken into account. See {@code docs/credentials.md}.
 */
public final class AccessControl {
  /** Vehicle class for vehicles no camera classed, or classed as something the tariff lacks. */
  public static final String DEFAULT_CLASS = "car";

  /** Where incidents go (the site service records them and tells the consoles). */
  public interface Incidents {
    /** {@code plate} is what the lane's camera read, as compared, or null when none was read. */
    void report(String lane, IncidentKind kind, String card, String plate, String detail);
  }

  private final AccessRules rules;
  private final TariffBook tariffs;
  private final Ledger ledger;
  private final SeasonCards seasons;
  private final Blacklist blacklist;
  private final Admissions admissions;
  private final Stays stays;
  private final Occupancy occupancy;
  private final Incidents incidents;
  private final Supplier<Collection<LaneRunner>> lanes;
  private final StayPricing pricing;
  private final AccessNotices notices;

  public AccessControl(
      SiteConfig site,
      TariffBook tariffs,
      Ledger ledger,
      Incidents incidents,
      Supplier<Collection<LaneRunner>> lanes) {
    this.rules = site.access();
    this.tariffs = tariffs;
    this.ledger = ledger;
    this.seasons = new SeasonCards(ledger);
    this.blacklist = new Blacklist(ledger);
    this.admissions = new Admissions(ledger);
    this.stays = new Stays(ledger);
    // Counting open stays reads every stay: only a site with limits needs the count.
    this.occupancy =
        new Occupancy(
            rules.capacity(),
            DEFAULT_CLASS,
            rules.capacity().limited() ? admissions.openByClass(DEFAULT_CLASS) : Map.of());
    this.incidents = incidents;
    this.lanes = lanes;
    this.pricing = new StayPricing(site.zone(), tariffs, seasons, admissions);
    this.notices = new AccessNotices(site.zone());
  }

  public Occupancy occupancy() {
    return occupancy;
  }

  /** Tells consoles and entry lanes how many spaces are free; call on the ledger thread. */
  public void publishOccupancy(Instant at) {
    occupancy.publish(ledger, lanes.get(), at);
  }

  /** Entry: opens the card's stay (EntryRecorded) or refuses it with the reason (CardRefused). */
  public LaneEvent enter(String lane, String card, Sighting vehicle, Instant at) {
    String plate = vehicle == null ? null : vehicle.plate();
    Optional<Blacklist.Entry> barred = barred(lane, card, plate, "拒绝入场：", "entry refused: ");
    if (barred.isPresent()) {
      return new LaneEvent.CardRefused(
          card, AccessNotices.barred(barred.get()), DriverNotice.CARD_NOT_ACCEPTED);
    }
    Optional<SeasonCard> season = seasons.find(card);
    String vehicleClass = classOf(vehicle, season);
    if (season.isPresent()) {
      String why = notices.seasonRefusal(season.get(), at);
      if (why != null) {
        return new LaneEvent.CardRefused(card, why, DriverNotice.SEASON_NOT_VALID);
      }
      if (!season.get().allowsPlate(plate)) {
        String detail = AccessNotices.plateNotBound(season.get(), card, plate);
        if (rules.seasonPlateCheck() == AntiPassback.HARD) {
          return new LaneEvent.CardRefused(card, detail, DriverNotice.PLATE_NOT_ON_CARD);
        }
        incidents.report(
            lane,
            IncidentKind.PLATE_MISMATCH,
            card,
            ExitChecks.plate(plate),
            Said.of(Said.zh(detail) + "；已放行", Said.en(detail) + "; admitted"));
      }
    }
    Optional<Stay> inside = stays.openStay(card);
    if (inside.isPresent()) {
      if (rules.antiPassback() == AntiPassback.HARD) {
        return new LaneEvent.CardRefused(
            card, notices.alreadyInside(card, inside.get(), true), DriverNotice.ALREADY_INSIDE);
      }
      incidents.report(
          lane,
          IncidentKind.PASSBACK_VIOLATION,
          card,
          ExitChecks.plate(plate),
          notices.alreadyInside(card, inside.get(), false));
    }
    boolean seasonHolder = season.isPresent();
    // A card let in again closes its open stay: the space that stay holds is the vehicle's own.
    Occupancy room =
        inside.isPresent() ? occupancy.without(classOfStay(inside.get().stayId())) : occupancy;
    if (!seasonHolder && room.fullFor(vehicleClass)) {
      return new LaneEvent.CardRefused(
          card,
          room.free() == 0
              ? Said.of("车场已满", "car park full")
              : Said.of("车场 " + vehicleClass + " 车位已满", "car park full for " + vehicleClass + "s"),
          DriverNotice.FULL);
    }
    Stay old = inside.orElse(null);
    Stay stay =
        admissions.admit(
            lane, card, new Admissions.Credentials(vehicleClass, plate, seasonHolder), inside, at);
    if (old != null) {
      countLeft(classOfStay(old.stayId()));
    }
    countEntered(vehicleClass);
    publishOccupancy(at);
    return new LaneEvent.EntryRecorded(card, stay.stayId());
  }

  /** Exit: the stay and what is due on it, or why the barrier stays down. */
  public ExitDecision exit(String lane, String card, Sighting vehicle, Instant at) {
    String plate = vehicle == null ? null : vehicle.plate();
    Optional<Blacklist.Entry> barred = barred(lane, card, plate, "出场拦截：", "exit held: ");
    if (barred.isPresent()) {
      String said = AccessNotices.barred(barred.get());
      return ExitDecision.refused(
          Said.of(Said.zh(said) + "：请找收费员", Said.en(said) + ": see the cashier"),
          DriverNotice.CARD_NOT_ACCEPTED);
    }
    Optional<Stay> open = stays.openStay(card);
    Money zero = Money.zero(tariffs.currency());
    if (open.isEmpty()) {
      if (rules.antiPassback() == AntiPassback.HARD) {
        return ExitDecision.refused(
            Said.of(
                "卡 " + card + " 没有入场记录：请找收费员",
                "card " + card + " has no open stay: see the cashier"),
            DriverNotice.NO_ENTRY);
      }
      Optional<SeasonCard> season = seasons.find(card);
      String vehicleClass = classOf(vehicle, season);
      Stay stay =
          admissions.softExit(
              lane, card, new Admissions.Credentials(vehicleClass, plate, season.isPresent()), at);
      countEntered(vehicleClass);
      incidents.report(
          lane,
          IncidentKind.PASSBACK_VIOLATION,
          card,
          ExitChecks.plate(plate),
          Said.of(
              "卡 " + card + " 无在场记录出场；按停车记录 " + stay.stayId() + " 免费放行",
              "card "
                  + card
                  + " left with no open stay; let out at no charge as stay "
                  + stay.stayId()));
      return new ExitDecision(stay, null, zero);
    }
    Stay stay = open.get();
    FeeQuote quote = quote(stay, vehicle, at);
    if (quote == null) {
      return new ExitDecision(stay, null, zero);
    }
    return new ExitDecision(stay, quote, quote.total().max(zero));
  }

  /**
   * The listing that bars the card or plate, reported as an incident headed {@code zh}/{@code en}.
   */
  private Optional<Blacklist.Entry> barred(
      String lane, String card, String plate, String zh, String en) {
    Optional<Blacklist.Entry> barred = blacklist.barring(card, plate);
    barred.ifPresent(
        entry ->
            incidents.report(
                lane,
                IncidentKind.BLACKLISTED,
                card,
                ExitChecks.plate(plate),
                Said.after(zh, en, AccessNotices.listed(entry))));
    return barred;
  }

  /**
   * The class a vehicle is priced as when nothing names one the tariff prices: a car, or the one
   * class a tariff without classes names for itself ({@code vehicleClass}).
   */
  public static String defaultClass(java.util.Set<String> priced) {
    return priced.size() == 1 ? priced.iterator().next() : DEFAULT_CLASS;
  }

  /** A stay has closed through a lane: frees its space. */
  public void left(long stayId, Instant at) {
    countLeft(classOfStay(stayId));
    publishOccupancy(at);
  }

  /** Counted in; counted out again if the ledger transaction it is part of rolls back. */
  private void countEntered(String vehicleClass) {
    occupancy.entered(vehicleClass);
    ledger.onRollback(() -> occupancy.left(vehicleClass));
  }

  private void countLeft(String vehicleClass) {
    if (occupancy.left(vehicleClass)) {
      ledger.onRollback(() -> occupancy.entered(vehicleClass));
    }
  }

  /**
   * What a stay owes if it left at {@code at}, after what was paid for it (as a pay-station
   * prepayment, so the tariff's exit grace applies); null when a valid season card covers it all.
   */
  public FeeQuote quote(Stay stay, Instant at) {
    return quote(stay, null, at);
  }

  /**
   * As {@link #quote(Stay, Instant)}, priced by the class the exit camera saw when the tariff has
   * it; otherwise by the class recorded at entry or on the season card; otherwise a car.
   */
  public FeeQuote quote(Stay stay, Sighting atExit, Instant at) {
    return quote(stay, atExit, at, false);
  }

  /** As {@link #quote(Stay, Instant)} for a driver without the card: the lost-card rule applies. */
  public FeeQuote quoteLostCard(Stay stay, Instant at) {
    return quote(stay, null, at, true);
  }

  private FeeQuote quote(Stay stay, Sighting atExit, Instant at, boolean lostCard) {
    return quote(stay, atExit, at, lostCard, List.of());
  }

  /**
   * As {@link #quote(Stay, Sighting, Instant)}, with a lost card or not, and with the tariff's
   * vouchers {@code vouchers} (their tariff codes) applied.
   */
  public FeeQuote quote(
      Stay stay, Sighting atExit, Instant at, boolean lostCard, List<String> vouchers) {
    return pricing.quote(stay, atExit, at, lostCard, vouchers);
  }

  /** Bars a card reported lost (unless it is barred already), so whoever finds it cannot use it. */
  public void barLostCard(String card, String by, String detail, Instant at) {
    if (blacklist.barring(card, null).isEmpty()) {
      blacklist.add(Blacklist.Kind.CARD, card, "reported lost: " + detail, by, at);
    }
  }

  /**
   * A supervisor clears a card's anti-passback state: a stay it had open is closed and the space
   * counted free again.
   */
  public Admissions.Reset resetPassback(
      String requestId, String card, String supervisor, String reason, Instant at) {
    Admissions.Reset reset = admissions.reset(requestId, card, supervisor, reason, at);
    if (reset.stayId() != 0) {
      left(reset.stayId(), at);
    } else {
      publishOccupancy(at);
    }
    return reset;
  }

  private static String classOf(Sighting vehicle, Optional<SeasonCard> season) {
    if (vehicle != null && vehicle.vehicleClass() != null && !vehicle.vehicleClass().isBlank()) {
      return vehicle.vehicleClass();
    }
    return season.filter(c -> !c.cancelled()).map(SeasonCard::vehicleClass).orElse(DEFAULT_CLASS);
  }

  private String classOfStay(long stayId) {
    return admissions.of(stayId).map(Admissions.Credentials::vehicleClass).orElse(DEFAULT_CLASS);
  }
}
