package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.LiftBarrier;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.ManualLifts;
import org.parkgate.site.LaneState;

/**
 * A barrier lifted by hand from the booth for the vehicle waiting at an exit: refused without a
 * reason or without a vehicle waiting there; recorded with who and why, and only then lifted. A
 * vehicle let out owing leaves its balance against its plate, as any exit that does.
 */
final class LiftByHand implements CommandHandler<LiftBarrier> {
  static final int MAX_REASON = 200;
  private static final Set<LaneState> WAITING =
      Set.of(LaneState.WAITING_CARD, LaneState.CHECKING, LaneState.AWAITING_PAYMENT);

  private final ManualLifts lifts;
  private final Map<String, LaneRunner> lanes;

  LiftByHand(Ledger ledger, Map<String, LaneRunner> lanes) {
    this.lifts = new ManualLifts(ledger);
    this.lanes = lanes;
  }

  @Override
  public Class<LiftBarrier> type() {
    return LiftBarrier.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.CASHIER, Role.SUPERVISOR);
  }

  @Override
  public Decision handle(LiftBarrier cmd, Session actor, Instant now) {
    LaneRunner runner = PayAtExit.ExitLanes.find(lanes, cmd.lane());
    if (runner == null) {
      return Decision.refused(cmd, Refusal.INVALID, PayAtExit.ExitLanes.unknown(lanes, cmd.lane()));
    }
    String reason = cmd.reason() == null ? "" : cmd.reason().strip();
    if (reason.isEmpty() || reason.length() > MAX_REASON) {
      return Decision.refused(
          cmd,
          Refusal.INVALID,
          Said.of(
              "手动抬杆须填写原因（1-" + MAX_REASON + " 个字）",
              "lifting the barrier by hand needs a reason of 1-" + MAX_REASON + " characters"));
    }
    LaneRunner.Waiting waiting = runner.waiting();
    if (!WAITING.contains(waiting.state())) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "车道 " + cmd.lane() + " 没有等待的车辆（" + waiting.state().zh() + "），未抬杆",
              "no vehicle is waiting at "
                  + cmd.lane()
                  + " (it is "
                  + waiting.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                  + "); nothing lifted"));
    }
    ManualLifts.Lift lift =
        lifts.record(
            cmd.requestId(),
            cmd.lane(),
            waiting.stayId(),
            waiting.due(),
            reason,
            actor.username(),
            now);
    return Decision.done(
        cmd,
        new Answer.BarrierLifted(
            lift.liftNo(), lift.lane(), lift.stayId(), lift.due(), lift.reason(), lift.by()),
        () -> runner.deliver(new LaneEvent.ManualLift()));
  }
}
