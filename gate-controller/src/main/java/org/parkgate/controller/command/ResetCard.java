package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.ResetPassback;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.Admissions;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.controller.site.ExitDesk;

/**
 * A supervisor clears a card's anti-passback state (a driver let out by hand, say): the stay it had
 * open is closed by the supervisor, so the card may enter or leave once more.
 */
final class ResetCard implements CommandHandler<ResetPassback> {
  private static final Pattern CARD = Pattern.compile("[A-Za-z0-9]{1,32}");

  private final AccessControl access;
  private final ExitDesk exits;
  private final Map<String, LaneRunner> lanes;

  ResetCard(AccessControl access, ExitDesk exits, Map<String, LaneRunner> lanes) {
    this.access = access;
    this.exits = exits;
    this.lanes = lanes;
  }

  @Override
  public Class<ResetPassback> type() {
    return ResetPassback.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.SUPERVISOR);
  }

  @Override
  public Decision handle(ResetPassback cmd, Session actor, Instant now) {
    String card = cmd.card() == null ? "" : cmd.card().strip();
    String reason = cmd.reason() == null ? "" : cmd.reason().strip();
    if (!CARD.matcher(card).matches() || reason.isEmpty() || reason.length() > Reverse.MAX_REASON) {
      return Decision.refused(
          cmd,
          Refusal.INVALID,
          Said.of(
              "重置防潜回须填写卡号（1-32 位字母或数字）和原因（1-" + Reverse.MAX_REASON + " 个字）",
              "a passback reset needs a card (1-32 letters or digits) and a reason of 1-"
                  + Reverse.MAX_REASON
                  + " characters"));
    }
    Admissions.Reset reset =
        access.resetPassback(cmd.requestId(), card, actor.username(), reason, now);
    Answer answer = new Answer.PassbackCleared(reset.card(), reset.stayId(), reset.supervisor());
    if (reset.stayId() == 0) {
      return Decision.done(cmd, answer);
    }
    // A fee quoted for the stay at an exit is not to be taken: the lane prices its card again.
    exits.closedElsewhere(reset.stayId());
    return Decision.done(
        cmd,
        answer,
        () -> lanes.values().forEach(l -> l.deliver(new LaneEvent.StayClosed(reset.stayId()))));
  }
}
