package org.parkgate.controller.site;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.PlateStay;
import org.parkgate.controller.ledger.Plates;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.fee.FeeQuote;
import org.parkgate.money.Money;

/**
 * Finds the open stay of a vehicle for the cashier, by plate when the driver lost the card, and
 * says what it would owe leaving now without the card. Reads only; runs on the ledger thread.
 */
public final class StayFinder {
  private static final Pattern CARD = Pattern.compile("[A-Za-z0-9]{1,32}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final Ledger ledger;
  private final Sightings sightings;
  private final AccessControl access;
  private final ZoneId zone;
  private final Money zero;

  public StayFinder(Ledger ledger, AccessControl access, ZoneId zone, Money zero) {
    this.ledger = ledger;
    this.sightings = new Sightings(ledger);
    this.access = access;
    this.zone = zone;
    this.zero = zero;
  }

  /**
   * The answer to {@code find-stay}: each open stay found (newest first), or refused with what is
   * wrong with the request or that nothing is open.
   */
  public CommandResult find(ConsoleCommand.FindStay cmd, Instant now) {
    boolean byPlate = cmd.plate() != null && !cmd.plate().isBlank();
    boolean byCard = cmd.card() != null && !cmd.card().isBlank();
    if (byPlate == byCard) {
      return CommandResult.refused(
          cmd.requestId(),
          byPlate
              ? "find-stay takes a plate or a card, not both"
              : "find-stay needs a plate or a card");
    }
    List<PlateStay> found;
    String asked;
    if (byPlate) {
      String problem = Plates.problem(cmd.plate());
      if (problem != null) {
        return CommandResult.refused(cmd.requestId(), problem);
      }
      asked = "plate " + Plates.normal(cmd.plate());
      found = ledger.openStayByPlate(cmd.plate());
    } else {
      String card = cmd.card().strip();
      if (!CARD.matcher(card).matches()) {
        return CommandResult.refused(
            cmd.requestId(), "card '" + card + "' must be 1-32 letters or digits");
      }
      asked = "card " + card;
      Optional<Stay> open = ledger.openStay(card);
      found =
          open.map(
                  s ->
                      List.of(
                          new PlateStay(
                              s, sightings.of(s.stayId(), Sightings.Direction.ENTRY).orElse(null))))
              .orElse(List.of());
    }
    if (found.isEmpty()) {
      return CommandResult.refused(cmd.requestId(), "no open stay for " + asked);
    }
    List<String> stays = new ArrayList<>();
    for (PlateStay f : found) {
      stays.add(describe(f, now));
    }
    String detail =
        found.size() == 1
            ? stays.get(0)
            : found.size()
                + " open stays for "
                + asked
                + ", newest first: "
                + String.join("; ", stays);
    return CommandResult.ok(cmd.requestId(), detail);
  }

  private String describe(PlateStay found, Instant now) {
    Stay stay = found.stay();
    FeeQuote quote = access.quoteLostCard(stay, now);
    String fee =
        quote == null
            ? "nothing due: a season card covers it"
            : quote.total().max(zero) + " due with a lost card if it leaves now";
    return "stay "
        + stay.stayId()
        + ": card "
        + stay.card()
        + ", entered at "
        + stay.entryLane()
        + " "
        + TIME.format(stay.enteredAt().atZone(zone))
        + " "
        + zone.getId()
        + ", "
        + seen(found.entry())
        + "; "
        + fee;
  }

  private static String seen(Sightings.Seen entry) {
    if (entry == null) {
      return "no camera reading at entry";
    }
    List<String> parts = new ArrayList<>();
    parts.add(entry.plate() == null ? "plate not read" : entry.plate());
    if (entry.vehicleClass() != null) {
      parts.add(entry.vehicleClass());
    }
    if (entry.colour() != null) {
      parts.add(entry.colour());
    }
    return "seen as " + String.join(" ", parts);
  }
}
