package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.SetLaneMode;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.LaneModes;
import org.parkgate.controller.site.ModeControl;

/** A supervisor sets a lane's mode with a reason; the lane hears of it once it is recorded. */
final class SetMode implements CommandHandler<SetLaneMode> {
  private final ModeControl modes;
  private final Map<String, LaneRunner> lanes;

  SetMode(ModeControl modes, Map<String, LaneRunner> lanes) {
    this.modes = modes;
    this.lanes = lanes;
  }

  @Override
  public Class<SetLaneMode> type() {
    return SetLaneMode.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.SUPERVISOR);
  }

  @Override
  public Decision handle(SetLaneMode cmd, Session actor, Instant now) {
    String refusal = ModeControl.refusal(cmd, lanes.keySet());
    if (refusal != null) {
      return Decision.refused(cmd, Refusal.INVALID, refusal);
    }
    LaneModes.Outcome outcome = modes.set(cmd, actor.username(), now);
    LaneModes.Change c = outcome.change();
    LaneRunner lane = lanes.get(cmd.lane());
    return Decision.done(
        cmd,
        new Answer.ModeSet(c.changeId(), c.lane(), c.mode(), c.by(), c.reason()),
        outcome.made() ? () -> lane.deliver(new LaneEvent.ModeSet(cmd.mode())) : () -> {});
  }
}
