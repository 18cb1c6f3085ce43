package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.CloseShift;
import org.parkgate.api.ConsoleCommand.OpenShift;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.ShiftReport;
import org.parkgate.controller.ledger.Shifts;

/** A cashier's shift (班次): opened at login, closed at handover (交接班), always their own. */
final class ShiftCommands {
  private static final Set<Role> CASH_TAKERS = Set.of(Role.CASHIER, Role.SUPERVISOR);

  private ShiftCommands() {}

  /** Opens the person's shift, or says which one is open already. */
  static final class Open implements CommandHandler<OpenShift> {
    private final Shifts shifts;

    Open(Shifts shifts) {
      this.shifts = shifts;
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
      return Decision.done(cmd, answer(shifts.open(cmd.requestId(), actor.username(), now), false));
    }

    private static Answer.ShiftOpen answer(Shifts.Open shift, boolean already) {
      return new Answer.ShiftOpen(shift.shiftNo(), shift.cashier(), shift.openedAt(), already);
    }
  }

  /** Closes the person's open shift into its report, announced to every console. */
  static final class Close implements CommandHandler<CloseShift> {
    private final Shifts shifts;

    Close(Shifts shifts) {
      this.shifts = shifts;
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
      if (shifts.openShiftOf(actor.username()).isEmpty()) {
        return Decision.refused(
            cmd, Refusal.NOT_NOW, actor.username() + " has no open shift to close");
      }
      ShiftReport r = shifts.close(cmd.requestId(), actor.username(), now);
      return Decision.done(
          cmd,
          new Answer.ShiftReport(
              r.shiftNo(),
              r.cashier(),
              r.payments(),
              r.reversals(),
              r.firstReceipt(),
              r.lastReceipt()));
    }
  }
}
