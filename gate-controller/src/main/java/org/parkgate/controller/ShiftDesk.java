package org.parkgate.controller;

import java.time.Clock;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.ShiftReport;
import org.parkgate.controller.ledger.Shifts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers the consoles' shift commands; runs on the ledger thread. */
final class ShiftDesk {
  private static final Logger log = LoggerFactory.getLogger(ShiftDesk.class);

  private final Shifts shifts;
  private final Clock clock;

  ShiftDesk(Shifts shifts, Clock clock) {
    this.shifts = shifts;
    this.clock = clock;
  }

  CommandResult handle(ConsoleCommand command) {
    try {
      if (command instanceof ConsoleCommand.OpenShift open) {
        Shifts.Open shift = shifts.open(open.requestId(), open.cashier(), clock.instant());
        log.info("shift {} open for {}", shift.shiftNo(), shift.cashier());
        return CommandResult.ok(
            open.requestId(), "shift " + shift.shiftNo() + " open since " + shift.openedAt());
      }
      if (command instanceof ConsoleCommand.CloseShift close) {
        ShiftReport report = shifts.close(close.requestId(), close.cashier(), clock.instant());
        log.info(
            "shift {} of {} closed: {} payments, {} reversals, chain head link {}",
            report.shiftNo(),
            report.cashier(),
            report.payments(),
            report.reversals(),
            report.chainLink());
        return CommandResult.ok(
            close.requestId(),
            "shift "
                + report.shiftNo()
                + " closed: "
                + report.payments()
                + " payments, "
                + report.reversals()
                + " reversals");
      }
      return CommandResult.refused(command.requestId(), "not a shift command");
    } catch (LedgerException e) {
      return CommandResult.refused(command.requestId(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("shift command {} not recorded", command.requestId(), e);
      return CommandResult.refused(command.requestId(), "shift not recorded: " + e.getMessage());
    }
  }
}
