package org.parkgate.controller.command;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleCommand.RecordCashPayment;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.ExitDesk;
import org.parkgate.money.Money;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneState;

/**
 * Cash taken for the vehicle waiting at an exit: checked against what the lane is waiting for (the
 * stay and the fee it shows), recorded with the next receipt number in the cashier's name, and only
 * then, once committed, the barrier lifts.
 */
final class PayAtExit implements CommandHandler<RecordCashPayment> {
  private final Stays stays;
  private final Payments payments;
  private final ExitDesk exits;
  private final Map<String, LaneRunner> lanes;
  private final Shifts shifts;
  private final ZoneId zone;
  private final Money limit;

  PayAtExit(
      Ledger ledger, ExitDesk exits, Map<String, LaneRunner> lanes, ZoneId zone, Money limit) {
    this.limit = limit;
    this.stays = new Stays(ledger);
    this.payments = new Payments(ledger);
    this.shifts = new Shifts(ledger);
    this.exits = exits;
    this.lanes = lanes;
    this.zone = zone;
  }

  @Override
  public Class<RecordCashPayment> type() {
    return RecordCashPayment.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.CASHIER, Role.SUPERVISOR);
  }

  @Override
  public Decision handle(RecordCashPayment cmd, Session actor, Instant now) {
    LaneRunner runner = ExitLanes.find(lanes, cmd.lane());
    if (runner == null) {
      return Decision.refused(cmd, Refusal.INVALID, ExitLanes.unknown(lanes, cmd.lane()));
    }
    if (cmd.amount() == null || cmd.stayId() <= 0) {
      return Decision.refused(
          cmd, Refusal.INVALID, Said.of("收款须有停车记录号和金额", "a payment needs stayId and amount"));
    }
    Tenders.Checked tender =
        Tenders.check(cmd.tender(), cmd.amount(), cmd.tendered(), cmd.reference());
    if (tender.problem() != null) {
      return Decision.refused(cmd, Refusal.INVALID, tender.problem());
    }
    Tenders.OnShift onShift =
        Tenders.mayTake(shifts, actor.username(), zone, tender.tendering(), limit);
    if (onShift.refusal() != null) {
      return Decision.refused(cmd, Refusal.NOT_NOW, onShift.refusal());
    }
    long shiftNo = onShift.open().shiftNo();
    LaneRunner.Waiting waiting = runner.waiting();
    // Quoted, and the lane has not taken the quote yet: it is still checking the card, or, for a
    // lost card's fee, still waiting for a card with the vehicle on its loop; and not settled
    // since (a free pass). Asked only then: the usual payment, its lane waiting, reads nothing
    // here.
    Optional<Money> quoted =
        exits
            .asked(cmd.stayId())
            .filter(
                a ->
                    a.lane().equals(cmd.lane())
                        && beforeTaking(waiting.state(), a)
                        && !exits.settled(cmd.stayId()))
            .map(ExitDesk.Asked::due);
    if (quoted.isPresent() && !cmd.amount().equals(quoted.get())) {
      return wrongAmount(cmd, quoted.get()); // wrong either way
    }
    if (quoted.isPresent()) {
      // The fee reached the console before the lane took it: not a refusal to keep for this
      // request id, or its retry would be refused for good while the vehicle waits to pay.
      return Decision.refused(
          cmd,
          Refusal.NOT_RECORDED,
          Said.of(
              "停车记录 " + cmd.stayId() + " 的停车费尚未送达 " + cmd.lane() + "；未记录，请再发送",
              "the fee for stay "
                  + cmd.stayId()
                  + " is still reaching "
                  + cmd.lane()
                  + "; nothing recorded, send it again"));
    }
    if (!waiting.awaitingPaymentOf(cmd.stayId())) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          waiting.stayId() == 0
              ? Said.of(
                  "车道 " + cmd.lane() + " 没有待缴费车辆", "no vehicle is waiting to pay at " + cmd.lane())
              : Said.of(
                  "车道 " + cmd.lane() + " 的待缴费车辆是停车记录 " + waiting.stayId() + "，不是 " + cmd.stayId(),
                  "the vehicle waiting at "
                      + cmd.lane()
                      + " is stay "
                      + waiting.stayId()
                      + ", not "
                      + cmd.stayId()));
    }
    // The lane may not yet have heard that a supervisor's reset closed it.
    Optional<Stay> stay = stays.openStayById(cmd.stayId());
    if (stay.isEmpty()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "停车记录 " + cmd.stayId() + " 已结束（已出场或卡已重置），无需收款",
              "stay "
                  + cmd.stayId()
                  + " is closed (left, or its card was reset); nothing to take"));
    }
    if (!cmd.amount().equals(waiting.due())) {
      return wrongAmount(cmd, waiting.due());
    }
    if (exits.settled(cmd.stayId())) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "停车记录 " + cmd.stayId() + " 已缴费，道闸正在抬杆",
              "stay " + cmd.stayId() + " is paid; its barrier is lifting"));
    }
    Payments.Receipted recorded =
        payments.recordReceipted(
            cmd.requestId(),
            stay.get(),
            cmd.lane(),
            cmd.amount(),
            actor.username(),
            now,
            tender.tendering(),
            shiftNo,
            exits.tariffOf(cmd.stayId()));
    exits.paid(recorded.payment());
    return Decision.done(
            cmd,
            Tenders.receipt(recorded, stay.get().card(), tender.tendering()),
            () -> runner.deliver(new LaneEvent.Paid(cmd.stayId())))
        .sentWith(Tenders.withFigures(shifts, shiftNo, limit));
  }

  /** Whether a lane in {@code state} is yet to take the quote {@code asked} of it. */
  private static boolean beforeTaking(LaneState state, ExitDesk.Asked asked) {
    return state == LaneState.CHECKING
        || (state == LaneState.WAITING_CARD && asked.priced().lostCard());
  }

  /** The site's exit lanes by id. */
  static final class ExitLanes {
    private ExitLanes() {}

    static LaneRunner find(Map<String, LaneRunner> lanes, String id) {
      LaneRunner runner = id == null ? null : lanes.get(id);
      return runner != null && runner.config().kind() == LaneKind.EXIT ? runner : null;
    }

    /**
     * Null when the vehicle of stay {@code stayId} waits to pay at exit {@code runner}: the lane
     * waits for its payment, its fee was asked there and nothing has settled it since. Otherwise
     * {@code cmd}'s refusal, saying which is not so.
     */
    static Decision unlessWaiting(
        ConsoleCommand cmd, LaneRunner runner, ExitDesk exits, long stayId) {
      Optional<ExitDesk.Asked> asked = exits.asked(stayId);
      if (stayId <= 0
          || !runner.waiting().awaitingPaymentOf(stayId)
          || asked.isEmpty()
          || !asked.get().lane().equals(runner.id())) {
        return noVehicle(cmd, runner.id(), stayId);
      }
      if (exits.settled(stayId)) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "停车记录 " + stayId + " 已结清，道闸正在抬杆",
                "stay " + stayId + " is settled; its barrier is lifting"));
      }
      return null;
    }

    /** {@code cmd}'s refusal: no vehicle of stay {@code stayId} waits to pay at {@code lane}. */
    static Decision noVehicle(ConsoleCommand cmd, String lane, long stayId) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "车道 " + lane + " 没有停车记录 " + stayId + " 的待缴费车辆",
              "no vehicle of stay " + stayId + " is waiting to pay at " + lane));
    }

    static String unknown(Map<String, LaneRunner> lanes, String id) {
      String exits =
          String.join(
              ", ",
              lanes.values().stream()
                  .filter(l -> l.config().kind() == LaneKind.EXIT)
                  .map(LaneRunner::id)
                  .toList());
      return Said.of(
          "没有出场车道 '" + id + "'（出场车道：" + exits + "）",
          "unknown exit lane '" + id + "' (exit lanes: " + exits + ")");
    }
  }

  private static Decision wrongAmount(RecordCashPayment cmd, Money due) {
    return Decision.refused(
        cmd,
        Refusal.NOT_NOW,
        Said.of(
            "金额 " + cmd.amount() + " 与应收 " + due + " 不符",
            "amount " + cmd.amount() + " does not match the " + due + " due"));
  }
}
