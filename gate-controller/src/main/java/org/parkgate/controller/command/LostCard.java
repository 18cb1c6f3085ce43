package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.ReportLostCard;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.controller.site.ExitDesk;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;

/**
 * The driver waiting at an exit lost the card of a stay: the loss is recorded (LOST_CARD) and the
 * card barred, once per stay, and the lane asks the lost-card fee as for a card read there; the
 * cashier then takes it as any payment.
 */
final class LostCard implements CommandHandler<ReportLostCard> {
  private final Stays stays;
  private final ExitDesk exits;
  private final AccessControl access;
  private final Map<String, LaneRunner> lanes;

  LostCard(Ledger ledger, ExitDesk exits, AccessControl access, Map<String, LaneRunner> lanes) {
    this.stays = new Stays(ledger);
    this.exits = exits;
    this.access = access;
    this.lanes = lanes;
  }

  @Override
  public Class<ReportLostCard> type() {
    return ReportLostCard.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.CASHIER, Role.SUPERVISOR);
  }

  @Override
  public Decision handle(ReportLostCard cmd, Session actor, Instant now) {
    LaneRunner runner = PayAtExit.ExitLanes.find(lanes, cmd.lane());
    if (runner == null) {
      return Decision.refused(cmd, Refusal.INVALID, PayAtExit.ExitLanes.unknown(lanes, cmd.lane()));
    }
    if (cmd.stayId() <= 0) {
      return Decision.refused(cmd, Refusal.INVALID, "a lost card needs stayId (a stay number)");
    }
    if (!runner.waiting().noCard()) {
      return Decision.refused(
          cmd, Refusal.NOT_NOW, "no vehicle is waiting at " + cmd.lane() + " without a card");
    }
    Optional<Stay> open = stays.openStayById(cmd.stayId());
    if (open.isEmpty()) {
      return Decision.refused(cmd, Refusal.NOT_NOW, "stay " + cmd.stayId() + " is not open");
    }
    Stay stay = open.get();
    LaneEvent quoted =
        exits.quote(cmd.lane(), stay, null, now, access.quoteLostCard(stay, now), true);
    Money due = ((LaneEvent.ExitQuoted) quoted).due();
    String detail =
        "card "
            + stay.card()
            + " of stay "
            + stay.stayId()
            + " reported lost at "
            + cmd.lane()
            + " by "
            + actor.username()
            + "; lost-card fee "
            + due;
    // Once per stay: asked again (the lane forgot after a restart), the fee is asked again and
    // nothing more is recorded.
    if (!exits.incidents().recorded(IncidentKind.LOST_CARD, stay.card(), stay.enteredAt())) {
      access.barLostCard(stay.card(), actor.username(), detail, now);
      exits.incidents().record(cmd.lane(), IncidentKind.LOST_CARD, stay.card(), null, detail, now);
    }
    return Decision.done(
        cmd,
        new Answer.LostCardAsked(cmd.lane(), stay.stayId(), stay.card(), due),
        () -> runner.deliver(new LaneEvent.LostCardQuoted(stay.stayId(), due)));
  }
}
