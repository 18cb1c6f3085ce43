package org.parkgate.controller.command;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.HandOverShift;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.api.ShiftSheet;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Handovers;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Shifts;

/**
 * Handover (交接班) at one booth, in one transaction: the outgoing cashier (the session's person)
 * closes their shift with the blind count of cash, IC cards and receipts, and the incoming cashier,
 * whose password the pipeline checked as a login before this runs ({@link #verified}), accepts the
 * drawer: their recount must agree with the outgoing count note for note, and their shift opens
 * with the counted cash as its float. The variance against the cash expected stays with the
 * outgoing shift; any difference found after acceptance is the incoming cashier's, whose float is
 * what both counted.
 */
final class Handover implements CommandHandler<HandOverShift> {
  private final ShiftClosing closing;
  private final Handovers handovers;
  private final ZoneId zone;
  private final org.parkgate.money.Money limit;

  /** Incoming accounts whose password was checked, by request id; on the ledger thread only. */
  private final Map<String, Accounts.Account> verified = new HashMap<>();

  Handover(ShiftClosing closing, Ledger ledger, ZoneId zone, org.parkgate.money.Money limit) {
    this.closing = closing;
    this.handovers = new Handovers(ledger);
    this.zone = zone;
    this.limit = limit;
  }

  /** Runs {@code step} with {@code incoming}'s password checked for request {@code requestId}. */
  <T> T withVerified(
      String requestId, Accounts.Account incoming, java.util.function.Supplier<T> step) {
    verified.put(requestId, incoming);
    try {
      return step.get();
    } finally {
      verified.remove(requestId);
    }
  }

  @Override
  public Class<HandOverShift> type() {
    return HandOverShift.class;
  }

  @Override
  public Set<Role> roles() {
    return ShiftClosing.CASH_TAKERS;
  }

  @Override
  public Decision handle(HandOverShift cmd, Session actor, Instant now) {
    Accounts.Account incoming = verified.get(cmd.requestId());
    if (incoming == null) {
      return Decision.refused(
          cmd,
          Refusal.BAD_LOGIN,
          Said.of(
              "接班收费员的密码未核验：请重新输入",
              "the incoming cashier's password was not checked: type it again"));
    }
    String in = incoming.username();
    if (in.equals(actor.username())) {
      return Decision.refused(
          cmd,
          Refusal.SAME_PERSON,
          Said.of(
              actor.username() + " 不能交班给自己：请接班收费员登录",
              actor.username()
                  + " cannot hand a shift over to themselves: the incoming cashier logs in"));
    }
    if (!ShiftClosing.CASH_TAKERS.contains(incoming.role())) {
      return Decision.refused(
          cmd,
          Refusal.FORBIDDEN,
          Said.of(
              in + "（" + incoming.role().chinese() + "）不收现金，不能接收钱箱",
              in
                  + " ("
                  + incoming.role().english().toLowerCase(java.util.Locale.ROOT)
                  + ") does not take cash and cannot accept a drawer"));
    }
    Optional<Shifts.Open> open = closing.shifts.openShiftOf(actor.username());
    if (open.isEmpty()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              actor.username() + " 没有可交接的班次",
              actor.username() + " has no open shift to hand over"));
    }
    Optional<Shifts.Open> theirs = closing.shifts.openShiftOf(in);
    if (theirs.isPresent()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              in + " 已有班次 " + theirs.get().shiftNo() + " 未交班：须先交班才能接收钱箱",
              in
                  + " already has shift "
                  + theirs.get().shiftNo()
                  + " open: they close it before accepting another drawer"));
    }
    Optional<String> bad =
        closing
            .countProblem(cmd.counted(), Said.of("交班清点", "outgoing count"))
            .or(() -> closing.countProblem(cmd.recounted(), Said.of("接班清点", "incoming count")))
            .or(() -> ShiftClosing.itemProblem(cmd.cards(), cmd.receipts(), true));
    if (bad.isPresent()) {
      return Decision.refused(cmd, Refusal.INVALID, bad.get());
    }
    if (!cmd.counted().ledgerText().equals(cmd.recounted().ledgerText())) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "两次清点不一致："
                  + actor.username()
                  + " 点得 "
                  + cmd.counted().total()
                  + "，"
                  + in
                  + " 点得 "
                  + cmd.recounted().total()
                  + "（逐面额："
                  + cmd.counted().ledgerText()
                  + " 对 "
                  + cmd.recounted().ledgerText()
                  + "）；请一起重新清点钱箱",
              "the counts differ: "
                  + actor.username()
                  + " counted "
                  + cmd.counted().total()
                  + ", "
                  + in
                  + " counted "
                  + cmd.recounted().total()
                  + " (note for note: "
                  + cmd.counted().ledgerText()
                  + " against "
                  + cmd.recounted().ledgerText()
                  + "); count the drawer together again"));
    }
    Optional<String> incidents = closing.openIncidents(actor.consoleId(), open.get(), zone);
    if (incidents.isPresent()) {
      return Decision.refused(cmd, Refusal.NOT_NOW, incidents.get());
    }
    ShiftSheet closed =
        closing.close(cmd.requestId(), actor, now, cmd.counted(), cmd.cards(), cmd.receipts());
    Shifts.Open opened =
        closing.shifts.open(cmd.requestId() + "/incoming", in, now, cmd.recounted());
    handovers.record(
        cmd.requestId(),
        closed.shiftNo(),
        actor.username(),
        opened.shiftNo(),
        in,
        cmd.recounted().total(),
        actor.consoleId(),
        now);
    ShiftSheet sheet =
        closing.sheets.sheet(closed.shiftNo(), closing.covered(actor.consoleId())).orElseThrow();
    return Decision.done(
        cmd,
        new Answer.HandedOver(
            sheet,
            new Answer.ShiftOpen(
                opened.shiftNo(),
                opened.cashier(),
                opened.openedAt(),
                false,
                closing.shifts.figures(opened.shiftNo(), closing.currency).withLimit(limit))));
  }
}
