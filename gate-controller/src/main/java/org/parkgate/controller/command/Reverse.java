package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.ReversePayment;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payment;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Reversal;
import org.parkgate.controller.ledger.Reversals;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.money.Money;

/**
 * A supervisor reverses a payment by its receipt number, with a reason. Nobody reverses a payment
 * they took themselves: the supervisor is the session's person, so no name in a message can get
 * round it.
 */
final class Reverse implements CommandHandler<ReversePayment> {
  static final int MAX_REASON = 200;

  private final Payments payments;
  private final Reversals reversals;
  private final SecurityEvents security;

  Reverse(Ledger ledger, SecurityEvents security) {
    this.payments = new Payments(ledger);
    this.reversals = new Reversals(ledger);
    this.security = security;
  }

  @Override
  public Class<ReversePayment> type() {
    return ReversePayment.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.SUPERVISOR);
  }

  @Override
  public Decision handle(ReversePayment cmd, Session actor, Instant now) {
    String receiptNo = cmd.receiptNo() == null ? "" : cmd.receiptNo().strip();
    String reason = cmd.reason() == null ? "" : cmd.reason().strip();
    if (receiptNo.isEmpty() || reason.isEmpty() || reason.length() > MAX_REASON) {
      return Decision.refused(
          cmd,
          Refusal.INVALID,
          Said.of(
              "冲正须填写收据号和原因（1-" + MAX_REASON + " 个字）",
              "a reversal needs a receiptNo and a reason of 1-" + MAX_REASON + " characters"));
    }
    Optional<Payment> paid = payments.paymentByReceipt(receiptNo);
    if (paid.isEmpty()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of("没有可冲正的收据 " + receiptNo, "no receipt " + receiptNo + " to reverse"));
    }
    if (paid.get().cashier().equals(actor.username())) {
      security.record(
          SecurityEvents.Kind.SAME_PERSON,
          actor.consoleId(),
          actor.username(),
          null,
          "reversal of own receipt " + receiptNo + " refused",
          now);
      return Decision.refused(
          cmd,
          Refusal.SAME_PERSON,
          Said.of(
              "收据 " + receiptNo + " 由 " + actor.username() + " 收款，本人不能冲正；请另一位主管冲正",
              "receipt "
                  + receiptNo
                  + " was taken by "
                  + actor.username()
                  + ", who cannot reverse it; ask another supervisor"));
    }
    Reversal reversal =
        reversals.reversePayment(cmd.requestId(), receiptNo, actor.username(), reason, now);
    Money taken = Money.zero(reversal.amount().currency()).minus(reversal.amount());
    return Decision.done(
        cmd,
        new Answer.Reversed(
            reversal.receiptNo(),
            taken,
            reversal.supervisor(),
            reversal.reason(),
            reversal.reversedAt()));
  }
}
