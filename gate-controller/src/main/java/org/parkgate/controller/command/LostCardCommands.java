package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.DecideLostCard;
import org.parkgate.api.ConsoleCommand.ReportLostCard;
import org.parkgate.api.LostCardForm;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.controller.site.ExitDesk;
import org.parkgate.fee.FeeEngine;
import org.parkgate.fee.FeeQuote;
import org.parkgate.fee.StayRequest;
import org.parkgate.fee.Tariff;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LostCardApproval;

/**
 * A driver at an exit lost the card. The cashier registers the loss with the driver's form; the fee
 * is the matched entry's lost-card fee, or the tariff's lost-card rule when nothing matched, plus
 * the card replacement fee. Where the site requires it ({@code lostCard.approval}) a supervisor or
 * finance other than the one who registered it approves or refuses the release; then, or at once,
 * the fee is asked at the lane and taken as any payment. Who acts comes from the sessions.
 */
final class LostCardCommands {
  private LostCardCommands() {}

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

  /** What both steps need: the ledger's tables, the exits and the site's approval rule. */
  static final class Desk {
    final Ledger ledger;
    final LostCards register;
    final Stays stays;
    final Sightings sightings;
    final ExitDesk exits;
    final AccessControl access;
    final Tariff tariff;
    final Map<String, LaneRunner> lanes;
    final LostCardApproval approval;

    Desk(
        Ledger ledger,
        ExitDesk exits,
        AccessControl access,
        Tariff tariff,
        Map<String, LaneRunner> lanes,
        LostCardApproval approval) {
      this.ledger = ledger;
      this.register = new LostCards(ledger);
      this.stays = new Stays(ledger);
      this.sightings = new Sightings(ledger);
      this.exits = exits;
      this.access = access;
      this.tariff = tariff;
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
      return FeeEngine.replacementFee(
          tariff,
          StayRequest.of(
              AccessControl.defaultClass(tariff.versionAt(stay.enteredAt()).vehicleClasses()),
              stay.enteredAt(),
              now));
    }
  }

  /** A cashier (or supervisor) registers the loss for the vehicle waiting at an exit. */
  static final class Report implements CommandHandler<ReportLostCard> {
    private final Desk desk;
    private final Shifts shifts;

    Report(Desk desk, Shifts shifts) {
      this.desk = desk;
      this.shifts = shifts;
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
      LaneRunner runner = PayAtExit.ExitLanes.find(desk.lanes, cmd.lane());
      if (runner == null) {
        return Decision.refused(
            cmd, Refusal.INVALID, PayAtExit.ExitLanes.unknown(desk.lanes, cmd.lane()));
      }
      if (cmd.form() == null) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of("遗失卡须填写停车卡遗失登记表", "a lost card needs its registration form (form)"));
      }
      Optional<String> wrong = cmd.form().problem();
      if (wrong.isPresent()) {
        return Decision.refused(cmd, Refusal.INVALID, wrong.get());
      }
      if (cmd.stayId() < 0) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of(
                "停车记录号应为匹配的停车记录，无匹配时为 0",
                "stayId is the matched stay's number, or 0 when none matched"));
      }
      LostCardForm form = cmd.form().normal();
      LaneRunner.Waiting waiting = runner.waiting();
      if (!waiting.noCard()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "车道 " + cmd.lane() + " 没有无卡等待的车辆",
                "no vehicle is waiting at " + cmd.lane() + " without a card"));
      }
      Optional<LostCards.Registered> open = desk.register.awaiting(cmd.lane()).stream().findFirst();
      if (open.isPresent()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "车道 " + cmd.lane() + " 的遗失卡 " + open.get().lostCardNo() + " 已在等待审批（如车辆已离开，请填写备注拒绝）",
                "lost card "
                    + open.get().lostCardNo()
                    + " at "
                    + cmd.lane()
                    + " is waiting for approval already (if its vehicle has gone, refuse it with a"
                    + " note)"));
      }
      boolean matched = cmd.stayId() > 0;
      Stay stay;
      String entryPlate = null;
      if (matched) {
        Optional<Stay> found = desk.stays.openStayById(cmd.stayId());
        if (found.isEmpty()) {
          return Decision.refused(
              cmd,
              Refusal.NOT_NOW,
              Said.of("停车记录 " + cmd.stayId() + " 不在场内", "stay " + cmd.stayId() + " is not open"));
        }
        stay = found.get();
        entryPlate =
            desk.sightings
                .of(stay.stayId(), Sightings.Direction.ENTRY)
                .map(Sightings.Seen::plate)
                .orElse(null);
      } else {
        // Priced as a stay entering now: the tariff's lost-card rule decides the fee.
        stay = new Stay(0, standInCard(0), cmd.lane(), now);
      }
      FeeQuote quote = desk.quote(stay, form, now);
      if (quote == null) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                "停车记录 " + stay.stayId() + " 为月卡车辆，无遗失卡费可收",
                "stay "
                    + stay.stayId()
                    + " is covered by its season card: there is no lost-card fee to take"));
      }
      Money zero = Money.zero(desk.tariff.currency());
      Money total = quote.total().max(zero);
      Money replacement = desk.replacementFee(stay, now).min(total);
      Money parking = total.minus(replacement);
      String exitPlate = waiting.seen() == null ? null : waiting.seen().plate();
      boolean release = !desk.approval.needed();
      long lostCardNo = desk.register.nextNo();
      Stay leavesOn = matched ? stay : null;
      if (!matched && release) {
        // Released at once: the vehicle leaves on a stay opened for it, numbered for this loss.
        leavesOn = desk.stays.recordEntry(cmd.lane(), standInCard(lostCardNo), now);
      }
      if (matched) {
        // Barred first, so a booth's lane card ends on the registration, not the incident.
        barCard(cmd.lane(), stay, actor, lostCardNo, total, form.plate(), now);
      }
      LostCards.Registered r =
          desk.register.register(
              cmd.requestId(),
              cmd.lane(),
              leavesOn == null ? 0 : leavesOn.stayId(),
              matched,
              leavesOn == null ? null : leavesOn.card(),
              form,
              entryPlate,
              exitPlate,
              parking,
              replacement,
              lines(quote),
              desk.approval,
              actor.username(),
              shifts.openShiftOf(actor.username()).map(Shifts.Open::shiftNo).orElse(null),
              now);
      Runnable afterCommit = release ? desk.ask(r, leavesOn, now, runner) : () -> {};
      long stayId = r.stayId();
      String card = r.card();
      return Decision.done(
          cmd,
          new Answer.LostCardAsked(
              r.lostCardNo(),
              r.lane(),
              stayId,
              card,
              r.form().plate(),
              entryPlate,
              exitPlate,
              parking,
              replacement,
              r.due(),
              r.status(),
              actor.username()),
          afterCommit);
    }

    /** The card, once per stay, is barred and its loss recorded as an incident. */
    private void barCard(
        String lane,
        Stay stay,
        Session actor,
        long lostCardNo,
        Money due,
        String plate,
        Instant now) {
      if (desk.exits.incidents().recorded(IncidentKind.LOST_CARD, stay.card(), stay.enteredAt())) {
        return;
      }
      String detail =
          "card "
              + stay.card()
              + " of stay "
              + stay.stayId()
              + " reported lost at "
              + lane
              + " by "
              + actor.username()
              + " (lost card "
              + lostCardNo
              + "); lost-card fee "
              + due;
      desk.access.barLostCard(stay.card(), actor.username(), detail, now);
      desk.exits.incidents().record(lane, IncidentKind.LOST_CARD, stay.card(), plate, detail, now);
    }

    private static String lines(FeeQuote quote) {
      StringBuilder out = new StringBuilder();
      quote
          .lines()
          .forEach(
              l ->
                  out.append(l.period())
                      .append('\t')
                      .append(l.rule())
                      .append('\t')
                      .append(l.amount().toDecimalString())
                      .append('\n'));
      return out.toString();
    }
  }

  /** A supervisor or finance, as the site says, decides a registered loss. */
  static final class Decide implements CommandHandler<DecideLostCard> {
    private final Desk desk;
    private final SecurityEvents security;

    Decide(Desk desk, SecurityEvents security) {
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
                    "本场遗失卡放行由" + approvers(desk.approval) + "审批",
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
                  : Said.of("另一位" + approvers(desk.approval), "another " + desk.approval.key()),
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
}
