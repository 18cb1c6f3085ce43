package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.parkgate.api.LostCardForm;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.controller.site.ExitDesk;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.fee.FeeEngine;
import org.parkgate.fee.FeeQuote;
import org.parkgate.fee.StayRequest;
import org.parkgate.fee.Tariff;
import org.parkgate.money.Money;
import org.parkgate.site.LostCardApproval;

/**
 * A driver at an exit lost the card. The cashier registers the loss with the driver's form; the fee
 * is the matched entry's lost-card fee, or the tariff's lost-card rule when nothing matched, plus
 * the card replacement fee. Where the site requires it ({@code lostCard.approval}) a supervisor or
 * finance other than the one who registered it approves or refuses the release; then, or at once,
 * the fee is asked at the lane and taken as any payment. Who acts comes from the sessions.
 *
 * <p>What both steps need: the ledger's tables, the exits and the site's approval rule.
 */
final class LostCardDesk {
  /** The card a vehicle with no matched entry leaves on: one per registered loss. */
  static String standInCard(long lostCardNo) {
    return "LOST-" + lostCardNo;
  }

  /** Who approves lost-card releases, in the booth's Chinese. */
  static String approvers(LostCardApproval approval) {
    return switch (approval) {
      case NONE -> "无人";
      case SUPERVISOR -> "主管";
      case FINANCE -> "财务";
      case SUPERVISOR_OR_FINANCE -> "主管或财务";
    };
  }

  final Ledger ledger;
  final LostCards register;
  final Stays stays;
  final Sightings sightings;
  final ExitDesk exits;
  final AccessControl access;
  final TariffBook tariffs;
  final Map<String, LaneRunner> lanes;
  final LostCardApproval approval;

  LostCardDesk(
      Ledger ledger,
      ExitDesk exits,
      AccessControl access,
      TariffBook tariffs,
      Map<String, LaneRunner> lanes,
      LostCardApproval approval) {
    this.ledger = ledger;
    this.register = new LostCards(ledger);
    this.stays = new Stays(ledger);
    this.sightings = new Sightings(ledger);
    this.exits = exits;
    this.access = access;
    this.tariffs = tariffs;
    this.lanes = lanes;
    this.approval = approval;
  }

  /**
   * The stay the vehicle of {@code r} leaves on: the matched one, or one opened now for a vehicle
   * nothing matched (its entry is the loss's registration, at the exit lane).
   */
  Optional<Stay> stayToRelease(LostCards.Registered r, Instant now) {
    if (r.matched()) {
      return stays.openStayById(r.stayId());
    }
    return Optional.of(stays.recordEntry(r.lane(), standInCard(r.lostCardNo()), now));
  }

  /** Asks the fee at the lane for {@code stay}: the lane is told after the commit. */
  Runnable ask(LostCards.Registered r, Stay stay, Instant now, LaneRunner runner) {
    FeeQuote quote = quote(stay, r.form(), now);
    LaneEvent quoted = exits.quote(r.lane(), stay, null, now, quote, true);
    Money due = ((LaneEvent.ExitQuoted) quoted).due();
    return () -> runner.deliver(new LaneEvent.LostCardQuoted(stay.stayId(), due));
  }

  /** The lost-card fee for {@code stay} (an unsaved stand-in entering now when none matched). */
  FeeQuote quote(Stay stay, LostCardForm form, Instant now) {
    // A vehicle nothing matched is priced as the class on the form, if the tariff prices it.
    Sighting described =
        stay.stayId() > 0 ? null : new Sighting(form.plate(), form.vehicleClass(), form.colour());
    return access.quote(stay, described, now, true, java.util.List.of());
  }

  Money replacementFee(Stay stay, Instant now) {
    Tariff tariff = tariffs.tariff(now);
    return FeeEngine.replacementFee(
        tariff,
        StayRequest.of(
            AccessControl.defaultClass(tariff.versionAt(stay.enteredAt()).vehicleClasses()),
            stay.enteredAt(),
            now));
  }
}
