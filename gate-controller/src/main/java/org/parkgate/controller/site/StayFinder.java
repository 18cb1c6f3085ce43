package org.parkgate.controller.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.FoundStay;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.PlateStay;
import org.parkgate.controller.ledger.Plates;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.fee.FeeQuote;
import org.parkgate.money.Money;

/**
 * Finds the open stay of a vehicle for the cashier, by plate when the driver lost the card, and
 * says what it would owe leaving now without the card. Reads only; runs on the ledger thread.
 */
public final class StayFinder {
  private static final Pattern CARD = Pattern.compile("[A-Za-z0-9]{1,32}");

  private final Stays stays;
  private final Sightings sightings;
  private final AccessControl access;
  private final Money zero;

  public StayFinder(Ledger ledger, AccessControl access, Money zero) {
    this.stays = new Stays(ledger);
    this.sightings = new Sightings(ledger);
    this.access = access;
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
          Refusal.INVALID,
          byPlate
              ? Said.of("查找车辆只填车牌或卡号一项", "find-stay takes a plate or a card, not both")
              : Said.of("查找车辆须填写车牌或卡号", "find-stay needs a plate or a card"));
    }
    List<PlateStay> found;
    String asked;
    if (byPlate) {
      String problem = Plates.problem(cmd.plate());
      if (problem != null) {
        return CommandResult.refused(cmd.requestId(), Refusal.INVALID, problem);
      }
      asked = Said.of("车牌 " + Plates.normal(cmd.plate()), "plate " + Plates.normal(cmd.plate()));
      found = stays.openStayByPlate(cmd.plate());
    } else {
      String card = cmd.card().strip();
      if (!CARD.matcher(card).matches()) {
        return CommandResult.refused(
            cmd.requestId(),
            Refusal.INVALID,
            Said.of(
                "卡号 '" + card + "' 应为 1-32 位字母或数字",
                "card '" + card + "' must be 1-32 letters or digits"));
      }
      asked = Said.of("卡号 " + card, "card " + card);
      Optional<Stay> open = stays.openStay(card);
      found =
          open.map(
                  s ->
                      List.of(
                          new PlateStay(
                              s, sightings.of(s.stayId(), Sightings.Direction.ENTRY).orElse(null))))
              .orElse(List.of());
    }
    if (found.isEmpty()) {
      return CommandResult.refused(
          cmd.requestId(),
          Refusal.NOT_NOW,
          Said.of(Said.zh(asked) + " 没有在场车辆", "no open stay for " + Said.en(asked)));
    }
    List<FoundStay> stays = new ArrayList<>();
    for (PlateStay f : found) {
      stays.add(describe(f, now));
    }
    return CommandResult.ok(cmd.requestId(), new Answer.StaysFound(stays));
  }

  private FoundStay describe(PlateStay found, Instant now) {
    Stay stay = found.stay();
    FeeQuote quote = access.quoteLostCard(stay, now);
    Sightings.Seen entry = found.entry();
    return new FoundStay(
        stay.stayId(),
        stay.card(),
        stay.entryLane(),
        stay.enteredAt(),
        entry == null ? null : entry.plate(),
        entry == null ? null : entry.vehicleClass(),
        entry == null ? null : entry.colour(),
        quote == null ? null : quote.total().max(zero));
  }
}
