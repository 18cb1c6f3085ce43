package org.parkgate.controller.lane;

import java.time.Duration;
import java.util.List;
import org.parkgate.api.Said;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/**
 * The part of {@link Lane#on} that follows the barrier module: loops and limits per state, the
 * barrier and card timers, an arm that moves without a command, tailgating, and power.
 */
final class BarrierWatch {
  private BarrierWatch() {}

  static Lane.Step onInputs(Lane lane, BarrierInputs now) {
    BarrierInputs before = lane.inputs();
    Lane seen = lane.withInputs(now);
    if (lane.state() == LaneState.STARTING) {
      return fromStart(seen);
    }
    Visit v = lane.visit();
    if (lane.kind() == LaneKind.EXIT
        && v.stayId() != 0
        && !v.pastArm()
        && now.safetyLoop()
        && !now.armingLoop()) {
      seen = seen.withVisit(v.seenPastArm());
    }
    if (liftedWithoutCommand(lane, before, now)) {
      return armLifted(seen);
    }
    return switch (lane.state()) {
      case STARTING -> throw new IllegalStateException("handled above");
      case IDLE -> now.armingLoop() ? seen.arrival() : seen.stay();
      case WAITING_CARD, CHECKING, AWAITING_PAYMENT -> {
        if (seen.visit().leftOwing(before, now)) {
          // It went past a barrier that should have held it (an arm broken off, or up while its
          // limits read closed): its exit is recorded owing, so the site records it left unpaid.
          yield then(new LaneCommand.RecordExit(v.stayId()), seen.withVisit(Visit.NONE).settled());
        }
        yield now.vehiclePresent()
            ? seen.stay()
            // The vehicle backed off before it was let through: forget it.
            : new Lane.Step(
                seen.with(LaneState.IDLE).withVisit(Visit.NONE),
                List.of(Lane.show(seen.idleRows())));
      }
      case OPENING -> {
        if (now.safetyLoop()) {
          yield seen.with(LaneState.PASSING).stay();
        }
        // Every loop is clear where a vehicle was a moment ago: it crossed the safety loop
        // between two polls (or a damaged answer hid it), or it backed off; the loops cannot tell
        // which. Close behind it rather than leave the lane open for the next vehicle.
        yield before.vehiclePresent() && !now.vehiclePresent()
            ? vehicleCleared(seen, before)
            : seen.stay();
      }
      case PASSING -> passing(seen, before, now);
      case CLOSING -> closing(seen);
      case HELD_OPEN -> ModeRules.heldOpenInputs(seen, before, now);
    };
  }

  /** On start, make the barrier safe from what the devices report, before anything else. */
  private static Lane.Step fromStart(Lane lane) {
    BarrierInputs in = lane.inputs();
    if (lane.mode() == LaneMode.HELD_OPEN) {
      return lane.open(
          LaneState.HELD_OPEN,
          Visit.NONE,
          Arm.Reason.MODE,
          Lane.show(DriverMessages.driveThrough()));
    }
    Visit v = lane.visit();
    if (v.settled()) {
      return afterOutage(lane, v);
    }
    if (closed(in)) {
      return lane.settled();
    }
    // Up or between limits: close it, once whoever is under the arm has cleared the safety loop.
    return lane.withArm(lane.arm().reason(Arm.Reason.START)).close(Visit.NONE);
  }

  /**
   * The module fell silent while a settled exit was being let through, and answers again: the
   * driver still on the loops is let through, and their exit recorded as they clear; with the loops
   * clear and the arm up they drove out meanwhile, and the exit is recorded now. With the arm down
   * and nobody there, nobody can tell whether they left: the stay stays open, as before.
   */
  private static Lane.Step afterOutage(Lane lane, Visit v) {
    BarrierInputs in = lane.inputs();
    if (in.vehiclePresent()) {
      return lane.open(
          LaneState.OPENING, v, Arm.Reason.TRANSACTION, Lane.show(DriverMessages.thankYou()));
    }
    if (!closed(in)) {
      return lane.withArm(lane.arm().reason(Arm.Reason.START))
          .close(Visit.NONE, new LaneCommand.RecordExit(v.stayId()));
    }
    return lane.withVisit(Visit.NONE).settled();
  }

  /**
   * The arm left its closed limit, or reached its open limit, with no open command behind it and
   * not held open by the lane mode (someone lifted it, or a vehicle forced it).
   */
  private static boolean liftedWithoutCommand(Lane lane, BarrierInputs before, BarrierInputs now) {
    boolean lifted =
        (now.openLimit() && !before.openLimit()) || (before.closedLimit() && !now.closedLimit());
    Arm.Reason why = lane.arm().reason();
    return lifted
        && lane.arm().commanded() != Arm.Command.OPEN
        && lane.mode() != LaneMode.HELD_OPEN
        && why != Arm.Reason.UNEXPLAINED
        && why != Arm.Reason.START;
  }

  /**
   * Report it and put the arm down again once the safety loop is clear. A vehicle whose card was
   * being dealt with is served afresh once the barrier is down; one that owes and drives through
   * under the lifted arm has its exit recorded owing as it clears the safety loop.
   */
  private static Lane.Step armLifted(Lane lane) {
    LaneCommand report =
        lane.incident(
            IncidentKind.ARM_LIFTED_WITHOUT_TRANSACTION,
            Said.of(
                "道闸" + position(lane) + "，没有开闸指令",
                "barrier " + lane.inputs().position().wireName() + " with no open command"));
    Lane flagged = lane.withArm(lane.arm().reason(Arm.Reason.UNEXPLAINED));
    if (lane.state() == LaneState.PASSING) {
      return new Lane.Step(flagged, List.of(report));
    }
    return flagged.close(lane.visit().owing() ? lane.visit() : Visit.NONE, report);
  }

  private static Lane.Step passing(Lane lane, BarrierInputs before, BarrierInputs now) {
    if (!now.safetyLoop()) {
      return vehicleCleared(lane, before);
    }
    if (now.armingLoop() && !before.armingLoop() && lane.arm().reason() == Arm.Reason.TRANSACTION) {
      // The first vehicle had left the arming loop; another drove onto it while the first is
      // still under the arm. Flag it; the barrier closes in front of it once the first clears.
      return new Lane.Step(
          lane.withArm(lane.arm().reason(Arm.Reason.TAILGATE)),
          List.of(
              lane.incident(
                  IncidentKind.TAILGATING,
                  Said.of(
                      "前车通过时第二辆车驶上检测线圈",
                      "a second vehicle on the arming loop while the first was passing"))));
    }
    return lane.stay();
  }

  /**
   * The vehicle under the arm has cleared the safety loop: an entry's passage is recorded when it
   * was seen under the arm (it is inside; one that only left the loops may have backed off); an
   * exit settled, or one that owes and left past the arm, is recorded; the site records the second
   * as left unpaid. One that owes, went past the arm and cleared the safety loop with a vehicle on
   * the arming loop stays known: it drove on with another behind it, or reversed; the next card
   * presented tells which.
   */
  private static Lane.Step vehicleCleared(Lane lane, BarrierInputs before) {
    Visit v = lane.visit();
    if (lane.kind() == LaneKind.EXIT && (v.settled() || v.leftOwing(before, lane.inputs()))) {
      return lane.close(Visit.NONE, new LaneCommand.RecordExit(v.stayId()));
    }
    // Seen under the arm, then gone forward (nothing on the arming loop, or only the tailgater
    // flagged behind it): it drove in. Back onto the arming loop, or only gone from the loops, it
    // may have backed off: no passage, and the controller names the stay at its next start.
    boolean forward = !lane.inputs().armingLoop() || lane.arm().reason() == Arm.Reason.TAILGATE;
    if (lane.kind() == LaneKind.ENTRY
        && v.stayId() > 0
        && lane.state() == LaneState.PASSING
        && forward) {
      return lane.close(Visit.NONE, new LaneCommand.RecordPassage(v.stayId()));
    }
    return lane.close(v.pastArm() ? v : Visit.NONE);
  }

  /** {@code first}, then the step. */
  static Lane.Step then(LaneCommand first, Lane.Step step) {
    List<LaneCommand> commands = new java.util.ArrayList<>();
    commands.add(first);
    commands.addAll(step.commands());
    return new Lane.Step(step.lane(), commands);
  }

  private static Lane.Step closing(Lane lane) {
    if (lane.inputs().safetyLoop()) {
      // Something is under the arm again: re-open for safety. After a paid or admitted vehicle
      // it is another vehicle following it (or the same one backing up): flag it once.
      if (lane.arm().reason() == Arm.Reason.TRANSACTION) {
        return lane.open(
            LaneState.OPENING,
            Visit.NONE,
            Arm.Reason.TAILGATE,
            lane.incident(
                IncidentKind.TAILGATING,
                Said.of(
                    "放行车辆后落杆时安全线圈再次有车",
                    "the safety loop occupied again while closing behind a paid or admitted"
                        + " vehicle")));
      }
      // A vehicle that owes, under an arm lifted by hand, stays known: if it drives on, its exit
      // is recorded owing.
      return lane.open(LaneState.OPENING, lane.visit(), lane.arm().reason());
    }
    return closed(lane.inputs()) ? lane.settled() : lane.stay();
  }

  static Lane.Step onTimer(Lane lane, LaneEvent.TimerFired fired) {
    if (fired.token() != lane.arm().timer() || lane.state() == LaneState.STARTING) {
      return lane.stay();
    }
    BarrierInputs in = lane.inputs();
    long travel = lane.timings().barrierTravel().toSeconds();
    String after = " within " + travel + " s";
    switch (fired.kind()) {
      case CARD_NOT_TAKEN:
        if (lane.state() != LaneState.WAITING_CARD || !lane.visit().cardOffered()) {
          return lane.stay();
        }
        // The card stays at the mouth: taken later, it is read and served as usual.
        return new Lane.Step(
            lane.withVisit(lane.visit().offered(false)),
            List.of(
                lane.incident(
                    IncidentKind.CARD_NOT_TAKEN,
                    Said.of(
                        "已出卡 " + lane.timings().cardNotTaken().toSeconds() + " 秒未取",
                        "card offered "
                            + lane.timings().cardNotTaken().toSeconds()
                            + " s ago not taken")),
                Lane.show(DriverMessages.cardNotTaken())));
      case BARRIER_OPEN:
        if (lane.arm().commanded() != Arm.Command.OPEN || open(in)) {
          return lane.stay();
        }
        return stuck(
            lane,
            Said.of(
                "开闸指令后 " + travel + " 秒未到开闸限位",
                "open limit not reached" + after + " of the open command"));
      case BARRIER_CLOSE:
        if (lane.arm().commanded() != Arm.Command.CLOSE || closed(in)) {
          return lane.stay();
        }
        if (!lane.arm().closeRetried() && !in.safetyLoop()) {
          long token = lane.arm().timer() + 1;
          return new Lane.Step(
              lane.withArm(lane.arm().retried(token)),
              List.of(
                  new LaneCommand.CloseBarrier(),
                  new LaneCommand.StartTimer(
                      TimerKind.BARRIER_CLOSE, lane.timings().barrierTravel(), token)));
        }
        return stuck(
            lane,
            Said.of(
                "落闸指令发送两次，" + travel + " 秒内未到落闸限位",
                "closed limit not reached" + after + " of the close command, sent twice"));
      default:
        return lane.stay();
    }
  }

  private static Lane.Step stuck(Lane lane, String detail) {
    return new Lane.Step(
        lane,
        List.of(
            lane.incident(IncidentKind.BARRIER_STUCK, detail),
            Lane.show(DriverMessages.callForHelp())));
  }

  /**
   * The barrier module stopped answering: nothing the lane knows of the barrier can be trusted, so
   * it starts again and reads the devices before commanding anything. The vehicle being served is
   * served afresh when the module is back.
   */
  static Lane.Step offline(Lane lane, String detail) {
    if (lane.state() == LaneState.STARTING) {
      return lane.stay();
    }
    // A settled exit under way is kept: its driver is let through when the module answers again.
    boolean settledExit =
        lane.kind() == LaneKind.EXIT
            && lane.visit().settled()
            && (lane.state() == LaneState.OPENING || lane.state() == LaneState.PASSING);
    Lane restart =
        lane.with(LaneState.STARTING)
            .withInputs(BarrierInputs.UNKNOWN)
            .withVisit(settledExit ? lane.visit() : Visit.NONE)
            .withArm(new Arm(Arm.Command.NONE, null, lane.arm().timer() + 1, false))
            .withPowerLost(true);
    return new Lane.Step(
        restart,
        List.of(
            lane.incident(
                IncidentKind.POWER_LOST,
                Said.of("道闸模块离线：" + Said.zh(detail), "barrier module offline: " + Said.en(detail))),
            Lane.show(DriverMessages.outOfService())));
  }

  static Lane.Step online(Lane lane, Duration outFor) {
    if (!lane.powerLost()) {
      return lane.stay();
    }
    return new Lane.Step(
        lane.withPowerLost(false),
        List.of(
            new LaneCommand.ReportIncident(
                IncidentKind.POWER_RESTORED,
                null,
                outFor == null
                    ? Said.of(
                        "启动时道闸模块已应答；停机前曾断电",
                        "barrier module answering at start; its power was lost before the"
                            + " controller stopped")
                    : Said.of(
                        "道闸模块离线 " + outFor.toSeconds() + " 秒后恢复应答",
                        "barrier module answering again after "
                            + outFor.toSeconds()
                            + " s offline"))));
  }

  /** The arm's position in Chinese, for an incident's detail. */
  private static String position(Lane lane) {
    return switch (lane.inputs().position()) {
      case OPEN -> "已抬起";
      case CLOSED -> "已落下";
      default -> "在移动";
    };
  }

  static boolean closed(BarrierInputs in) {
    return in.closedLimit() && !in.openLimit();
  }

  static boolean open(BarrierInputs in) {
    return in.openLimit() && !in.closedLimit();
  }
}
