package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.AskFreePass;
import org.parkgate.api.ConsoleCommand.DecideFreePass;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.FreePasses;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.site.ExitDesk;

/**
 * A free pass for one vehicle: a cashier asks with a reason for the vehicle waiting at an exit; a
 * supervisor other than the one who asked approves (the fee is waived and the barrier lifts) or
 * refuses it, once. Who asked and who decided come from the sessions, never from the message.
 */
final class FreePassCommands {
  static final int MAX_TEXT = 200;

  private FreePassCommands() {}

  /** A cashier (or supervisor) asks. */
  static final class Ask implements CommandHandler<AskFreePass> {
    private final FreePasses passes;
    private final ExitDesk exits;
    private final Map<String, LaneRunner> lanes;

    Ask(Ledger ledger, ExitDesk exits, Map<String, LaneRunner> lanes) {
      this.passes = new FreePasses(ledger);
      this.exits = exits;
      this.lanes = lanes;
    }

    @Override
    public Class<AskFreePass> type() {
      return AskFreePass.class;
    }

    @Override
    public Set<Role> roles() {
      return Set.of(Role.CASHIER, Role.SUPERVISOR);
    }

    @Override
    public Decision handle(AskFreePass cmd, Session actor, Instant now) {
      LaneRunner runner = PayAtExit.ExitLanes.find(lanes, cmd.lane());
      if (runner == null) {
        return Decision.refused(
            cmd, Refusal.INVALID, PayAtExit.ExitLanes.unknown(lanes, cmd.lane()));
      }
      String reason = text(cmd.reason());
      if (cmd.stayId() <= 0 || reason == null) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of(
                "免费放行须有停车记录号和原因（1-" + MAX_TEXT + " 个字）",
                "a free pass needs the stayId and a reason of 1-" + MAX_TEXT + " characters"));
      }
      Decision notWaiting = PayAtExit.ExitLanes.unlessWaiting(cmd, runner, exits, cmd.stayId());
      if (notWaiting != null) {
        return notWaiting;
      }
      Optional<FreePasses.Pass> open =
          passes.forStay(cmd.stayId()).stream().filter(p -> p.decision().isEmpty()).findFirst();
      if (open.isPresent()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "该车辆的免费放行 " + open.get().passNo() + " 已在等待主管审批",
                "free pass "
                    + open.get().passNo()
                    + " for this vehicle is waiting for a supervisor already"));
      }
      // Waiting: its fee was asked at this lane.
      ExitDesk.Asked at = exits.asked(cmd.stayId()).orElseThrow();
      if (!at.ownFee().isPositive()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "本次停车无费用；应收（" + at.due() + "）为以前停车的欠费，免费放行不免除欠费",
                "this visit owes nothing; what is due ("
                    + at.due()
                    + ") is left unpaid from earlier visits, which a free pass does not waive"));
      }
      FreePasses.Pass pass =
          passes.ask(
              cmd.requestId(),
              cmd.lane(),
              cmd.stayId(),
              at.card(),
              at.plate(),
              at.ownFee(),
              reason,
              actor.username(),
              now);
      return Decision.done(
          cmd,
          new Answer.FreePassAsked(
              pass.passNo(), pass.lane(), pass.stayId(), pass.plate(), pass.fee(), pass.reason()));
    }
  }

  /** A supervisor decides. */
  static final class Decide implements CommandHandler<DecideFreePass> {
    private final FreePasses passes;
    private final ExitDesk exits;
    private final Map<String, LaneRunner> lanes;
    private final SecurityEvents security;

    Decide(Ledger ledger, ExitDesk exits, Map<String, LaneRunner> lanes, SecurityEvents security) {
      this.passes = new FreePasses(ledger);
      this.exits = exits;
      this.lanes = lanes;
      this.security = security;
    }

    @Override
    public Class<DecideFreePass> type() {
      return DecideFreePass.class;
    }

    @Override
    public Set<Role> roles() {
      return Set.of(Role.SUPERVISOR);
    }

    @Override
    public Decision handle(DecideFreePass cmd, Session actor, Instant now) {
      Optional<Decision> badNote = Approvals.noteProblem(cmd, cmd.approve(), cmd.note());
      if (badNote.isPresent()) {
        return badNote.get();
      }
      String note = Approvals.note(cmd.note());
      Optional<FreePasses.Pass> found = passes.find(cmd.passNo());
      if (found.isEmpty()) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of("没有免费放行 " + cmd.passNo(), "no free pass " + cmd.passNo()));
      }
      FreePasses.Pass pass = found.get();
      String what = Said.of("免费放行 " + pass.passNo(), "free pass " + pass.passNo());
      if (pass.decision().isPresent()) {
        FreePasses.Decision d = pass.decision().get();
        return Approvals.decidedAlready(cmd, what, d.approved(), d.decidedBy());
      }
      Optional<Decision> own =
          Approvals.ownRequest(
              cmd,
              security,
              actor,
              pass.askedBy(),
              what,
              Said.of("另一位主管", "another supervisor"),
              now);
      if (own.isPresent()) {
        return own.get();
      }
      LaneRunner runner = lanes.get(pass.lane());
      if (cmd.approve()
          && (runner == null
              || !runner.waiting().awaitingPaymentOf(pass.stayId())
              || exits.asked(pass.stayId()).isEmpty()
              || exits.settled(pass.stayId()))) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "免费放行 " + pass.passNo() + " 的车辆已不在车道 " + pass.lane() + " 等待缴费；未批准（请填写备注拒绝以结案）",
                "the vehicle of free pass "
                    + pass.passNo()
                    + " is no longer waiting to pay at "
                    + pass.lane()
                    + "; nothing approved (refuse it with a note to close it)"));
      }
      FreePasses.Pass decided =
          passes.decide(cmd.requestId(), pass.passNo(), cmd.approve(), actor.username(), note, now);
      Answer.FreePassDecided answer =
          new Answer.FreePassDecided(
              decided.passNo(),
              decided.lane(),
              decided.stayId(),
              cmd.approve(),
              decided.fee(),
              decided.askedBy(),
              actor.username(),
              note);
      if (!cmd.approve()) {
        return Decision.done(cmd, answer);
      }
      exits.waive(pass.stayId());
      return Decision.done(cmd, answer, () -> runner.deliver(new LaneEvent.Paid(pass.stayId())));
    }
  }

  /** The text stripped, or null when blank or longer than {@link #MAX_TEXT}. */
  private static String text(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() || t.length() > MAX_TEXT ? null : t;
  }
}
