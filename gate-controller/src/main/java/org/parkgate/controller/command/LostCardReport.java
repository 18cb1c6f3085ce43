package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.ReportLostCard;
import org.parkgate.api.LostCardForm;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.fee.FeeQuote;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;

/** A cashier (or supervisor) registers the loss for the vehicle waiting at an exit. */
final class LostCardReport implements CommandHandler<ReportLostCard> {
  private final LostCardDesk desk;
  private final Shifts shifts;

  LostCardReport(LostCardDesk desk, Shifts shifts) {
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
      stay = new Stay(0, LostCardDesk.standInCard(0), cmd.lane(), now);
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
    Money zero = Money.zero(desk.tariffs.currency());
    Money total = quote.total().max(zero);
    Money replacement = desk.replacementFee(stay, now).min(total);
    Money parking = total.minus(replacement);
    String exitPlate = waiting.seen() == null ? null : waiting.seen().plate();
    boolean release = !desk.approval.needed();
    long lostCardNo = desk.register.nextNo();
    Stay leavesOn = matched ? stay : null;
    if (!matched && release) {
      // Released at once: the vehicle leaves on a stay opened for it, numbered for this loss.
      leavesOn = desk.stays.recordEntry(cmd.lane(), LostCardDesk.standInCard(lostCardNo), now);
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
