package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.OpenDrawer;
import org.parkgate.api.ConsoleCommand.ReprintReceipt;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.DrawerLog;
import org.parkgate.controller.ledger.Ledger;

/**
 * The booth's drawer and printer: a "no sale" opening and a receipt copy, each recorded with the
 * session's person and console before the console may kick the drawer or print.
 */
final class DrawerCommands {
  static final int MAX_REASON = 200;
  private static final Set<Role> BOOTH = Set.of(Role.CASHIER, Role.SUPERVISOR);

  private DrawerCommands() {}

  /** "No sale": the drawer opened with a reason. */
  static final class Open implements CommandHandler<OpenDrawer> {
    private final DrawerLog log;

    Open(Ledger ledger) {
      this.log = new DrawerLog(ledger);
    }

    @Override
    public Class<OpenDrawer> type() {
      return OpenDrawer.class;
    }

    @Override
    public Set<Role> roles() {
      return BOOTH;
    }

    @Override
    public Decision handle(OpenDrawer cmd, Session actor, Instant now) {
      String reason = cmd.reason() == null ? "" : cmd.reason().strip();
      if (reason.isEmpty() || reason.length() > MAX_REASON) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            Said.of(
                "无收款开钱箱须填写原因（1-" + MAX_REASON + " 个字）",
                "opening the drawer with no sale needs a reason of 1-"
                    + MAX_REASON
                    + " characters"));
      }
      DrawerLog.Opening o =
          log.recordOpening(cmd.requestId(), actor.consoleId(), actor.username(), reason, now);
      return Decision.done(cmd, new Answer.DrawerOpened(o.openingNo(), o.by(), o.reason(), o.at()));
    }
  }

  /** A copy of a recorded payment's receipt. */
  static final class Reprint implements CommandHandler<ReprintReceipt> {
    private final DrawerLog log;
    private final org.parkgate.controller.ledger.Payments payments;

    Reprint(Ledger ledger) {
      this.log = new DrawerLog(ledger);
      this.payments = new org.parkgate.controller.ledger.Payments(ledger);
    }

    @Override
    public Class<ReprintReceipt> type() {
      return ReprintReceipt.class;
    }

    @Override
    public Set<Role> roles() {
      return BOOTH;
    }

    @Override
    public Decision handle(ReprintReceipt cmd, Session actor, Instant now) {
      String receiptNo = cmd.receiptNo() == null ? "" : cmd.receiptNo().strip();
      if (receiptNo.isEmpty() || receiptNo.length() > 64) {
        return Decision.refused(
            cmd, Refusal.INVALID, Said.of("补打须填写收据号", "a reprint needs a receiptNo"));
      }
      Optional<DrawerLog.Reprint> made =
          log.recordReprint(cmd.requestId(), receiptNo, actor.consoleId(), actor.username(), now);
      if (made.isEmpty()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            Said.of("没有可补打的收据 " + receiptNo, "no receipt " + receiptNo + " to reprint"));
      }
      DrawerLog.Reprint r = made.get();
      return Decision.done(
          cmd,
          new Answer.ReceiptCopy(
              r.reprintNo(),
              r.copyNo(),
              r.payment().receiptNo(),
              r.payment().stayId(),
              r.payment().lane(),
              r.card(),
              r.link().plate(),
              r.entryLane(),
              r.enteredAt(),
              r.payment().amount(),
              r.method(),
              r.payment().cashier(),
              r.payment().paidAt(),
              r.reversed(),
              r.link().link(),
              r.link().verificationCode(),
              payments.tariffOf(r.payment().paymentId()).orElse(null),
              r.by(),
              r.at()));
    }
  }
}
