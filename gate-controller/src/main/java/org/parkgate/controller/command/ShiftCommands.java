package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.CloseShift;
import org.parkgate.api.ConsoleCommand.OpenShift;
import org.parkgate.api.ConsoleCommand.RecordCashDrop;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.api.ShiftSheet;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.money.Money;

/**
 * A cashier's shift (班次), always their own: opened with the float counted into the drawer (备用金),
 * closed at handover (交接班) with a blind count of the drawer, the report then setting the cash
 * expected against the count.
 */
final class ShiftCommands {
  private static final Set<Role> CASH_TAKERS = Set.of(Role.CASHIER, Role.SUPERVISOR);

  private ShiftCommands() {}

  /**
   * Opens the person's shift with its float, or says which one is open already. Without a float it
   * only asks, and is refused when no shift is open (the booth then asks for the float).
   */
  static final class Open implements CommandHandler<OpenShift> {
    private final Shifts shifts;
    private final Currency currency;
    private final Money limit;

    Open(Shifts shifts, Currency currency, Money limit) {
      this.shifts = shifts;
      this.currency = currency;
      this.limit = limit;
    }

    @Override
    public Class<OpenShift> type() {
      return OpenShift.class;
    }

    @Override
    public Set<Role> roles() {
      return CASH_TAKERS;
    }

    @Override
    public Decision handle(OpenShift cmd, Session actor, Instant now) {
      Optional<Shifts.Open> open = shifts.openShiftOf(actor.username());
      if (open.isPresent()) {
        return Decision.done(cmd, answer(open.get(), true));
      }
      if (cmd.cashFloat() == null) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                actor.username() + " 没有开班：请清点备用金放入钱箱开班",
                actor.username()
                    + " has no open shift: count the float into the drawer to open one"));
      }
      Optional<String> bad = cmd.cashFloat().problem(currency);
      if (bad.isPresent()) {
        return Decision.refused(cmd, Refusal.INVALID, Said.after("备用金：", "float: ", bad.get()));
      }
      return Decision.done(
          cmd, answer(shifts.open(cmd.requestId(), actor.username(), now, cmd.cashFloat()), false));
    }

    private Answer.ShiftOpen answer(Shifts.Open shift, boolean already) {
      return new Answer.ShiftOpen(
          shift.shiftNo(),
          shift.cashier(),
          shift.openedAt(),
          already,
          shifts.figures(shift.shiftNo(), currency).withLimit(limit));
    }
  }

  /**
   * Closes the person's open shift with the blind count of the drawer into its report, announced to
   * every console. The count is required; what the drawer should hold is shown only in the report.
   */
  static final class Close implements CommandHandler<CloseShift> {
    private final ShiftClosing closing;
    private final java.time.ZoneId zone;

    Close(ShiftClosing closing, java.time.ZoneId zone) {
      this.closing = closing;
      this.zone = zone;
    }

    @Override
    public Class<CloseShift> type() {
      return CloseShift.class;
    }

    @Override
    public Set<Role> roles() {
      return CASH_TAKERS;
    }

    @Override
    public Decision handle(CloseShift cmd, Session actor, Instant now) {
      Optional<Shifts.Open> open = closing.shifts.openShiftOf(actor.username());
      if (open.isEmpty()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                actor.username() + " 没有可交班的班次", actor.username() + " has no open shift to close"));
      }
      Optional<String> bad =
          closing
              .countProblem(cmd.counted(), Said.of("清点", "count"))
              .or(() -> ShiftClosing.itemProblem(cmd.cards(), cmd.receipts(), false));
      if (bad.isPresent()) {
        return Decision.refused(cmd, Refusal.INVALID, bad.get());
      }
      Optional<String> incidents = closing.openIncidents(actor.consoleId(), open.get(), zone);
      if (incidents.isPresent()) {
        return Decision.refused(cmd, Refusal.NOT_NOW, incidents.get());
      }
      ShiftSheet r =
          closing.close(cmd.requestId(), actor, now, cmd.counted(), cmd.cards(), cmd.receipts());
      return Decision.done(
          cmd,
          new Answer.ShiftReport(
              r.shiftNo(),
              r.cashier(),
              r.payments(),
              r.reversals(),
              r.firstReceipt(),
              r.lastReceipt(),
              r.cashFloat(),
              r.expectedCash(),
              r.countedCash(),
              r.variance(),
              r.byTender(),
              r));
    }
  }

  /**
   * Cash taken out of the person's drawer for deposit (缴款): at most the cash expected in it, in the
   * site's currency, recorded in their open shift in their name.
   */
  static final class Drop implements CommandHandler<RecordCashDrop> {
    private final Shifts shifts;
    private final Currency currency;
    private final Money limit;

    Drop(Shifts shifts, Currency currency, Money limit) {
      this.shifts = shifts;
      this.currency = currency;
      this.limit = limit;
    }

    @Override
    public Class<RecordCashDrop> type() {
      return RecordCashDrop.class;
    }

    @Override
    public Set<Role> roles() {
      return CASH_TAKERS;
    }

    @Override
    public Decision handle(RecordCashDrop cmd, Session actor, Instant now) {
      Money amount = cmd.amount();
      if (amount == null || !amount.currency().equals(currency) || !amount.isPositive()) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of(
                "缴款金额应为大于 0 的 " + currency + " 金额，不是 " + (amount == null ? "空" : amount.toString()),
                "a cash drop is an amount in "
                    + currency
                    + " above 0, not "
                    + (amount == null ? "missing" : amount.toString())));
      }
      Optional<Shifts.Open> open = shifts.openShiftOf(actor.username());
      if (open.isEmpty()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of(
                actor.username() + " 没有开班，无法缴款",
                actor.username() + " has no open shift to drop cash from"));
      }
      Money expected = shifts.figures(open.get().shiftNo(), currency).expectedCash();
      if (amount.compareTo(expected) > 0) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of(
                "缴款 " + amount + " 多于钱箱应有现金 " + expected,
                "a drop of "
                    + amount
                    + " is more than the "
                    + expected
                    + " expected in the drawer"));
      }
      Shifts.Drop d = shifts.drop(cmd.requestId(), actor.username(), amount, now);
      return Decision.done(
          cmd,
          new Answer.CashDropped(
              d.dropId(),
              d.shiftNo(),
              d.amount(),
              d.by(),
              d.at(),
              shifts.figures(d.shiftNo(), currency).withLimit(limit)));
    }
  }
}
