package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.DecideLostCard;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.site.LostCardApproval;

/** A supervisor or finance, as the site says, decides a registered loss. */
final class LostCardVerdict implements CommandHandler<DecideLostCard> {
  private final LostCardDesk desk;
  private final SecurityEvents security;

  LostCardVerdict(LostCardDesk desk, SecurityEvents security) {
    this.desk = desk;
    this.security = security;
  }

  @Override
  public Class<DecideLostCard> type() {
    return DecideLostCard.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.SUPERVISOR, Role.FINANCE);
  }

  @Override
  public Decision handle(DecideLostCard cmd, Session actor, Instant now) {
    if (!desk.approval.approvers().contains(actor.role())) {
      return Decision.refused(
          cmd,
          Refusal.FORBIDDEN,
          desk.approval.needed()
              ? Said.of(
                  "本场遗失卡放行由" + LostCardDesk.approvers(desk.approval) + "审批",
                  "lost-card releases on this site are decided by "
                      + desk.approval.key().replace('-', ' '))
              : Said.of("本场遗失卡放行无需审批", "lost-card releases on this site need no approval"));
    }
    Optional<Decision> badNote = Approvals.noteProblem(cmd, cmd.approve(), cmd.note());
    if (badNote.isPresent()) {
      return badNote.get();
    }
    String note = Approvals.note(cmd.note());
    Optional<LostCards.Registered> found = desk.register.find(cmd.lostCardNo());
    if (found.isEmpty()) {
      return Decision.refused(
          cmd,
          Refusal.INVALID,
          Said.of("没有遗失卡 " + cmd.lostCardNo(), "no lost card " + cmd.lostCardNo()));
    }
    LostCards.Registered r = found.get();
    String what = Said.of("遗失卡 " + r.lostCardNo(), "lost card " + r.lostCardNo());
    if (r.decision().isPresent()) {
      LostCards.Decision d = r.decision().get();
      return Approvals.decidedAlready(cmd, what, d.approved(), d.decidedBy());
    }
    if (!r.approval().needed()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(Said.zh(what) + " 无需审批", Said.en(what) + " needed no approval"));
    }
    Optional<Decision> own =
        Approvals.ownRequest(
            cmd,
            security,
            actor,
            r.registeredBy(),
            what,
            desk.approval == LostCardApproval.SUPERVISOR_OR_FINANCE
                ? Said.of("另一位主管或财务", "another supervisor or finance")
                : Said.of(
                    "另一位" + LostCardDesk.approvers(desk.approval),
                    "another " + desk.approval.key()),
            now);
    if (own.isPresent()) {
      return own.get();
    }
    String role = actor.role().name().toLowerCase(java.util.Locale.ROOT);
    if (!cmd.approve()) {
      LostCards.Registered refused =
          desk.register.decide(
              cmd.requestId(), r.lostCardNo(), false, 0, actor.username(), role, note, now);
      return Decision.done(cmd, answer(refused, 0, actor, note));
    }
    LaneRunner runner = desk.lanes.get(r.lane());
    Optional<Stay> stay =
        runner == null || !runner.waiting().noCard()
            ? Optional.empty()
            : desk.stayToRelease(r, now);
    if (stay.isEmpty()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              Said.zh(what) + " 的车辆已不在车道 " + r.lane() + " 等待；未批准（请填写备注拒绝以结案）",
              "the vehicle of "
                  + Said.en(what)
                  + " is no longer waiting at "
                  + r.lane()
                  + " without a card; nothing approved (refuse it with a note to close it)"));
    }
    LostCards.Registered approved =
        desk.register.decide(
            cmd.requestId(),
            r.lostCardNo(),
            true,
            stay.get().stayId(),
            actor.username(),
            role,
            note,
            now);
    Runnable ask = desk.ask(approved, stay.get(), now, runner);
    return Decision.done(cmd, answer(approved, stay.get().stayId(), actor, note), ask);
  }

  private static Answer.LostCardDecided answer(
      LostCards.Registered r, long stayId, Session actor, String note) {
    return new Answer.LostCardDecided(
        r.lostCardNo(),
        r.lane(),
        stayId,
        r.decision().orElseThrow().approved(),
        r.due(),
        r.registeredBy(),
        actor.username(),
        note);
  }
}
