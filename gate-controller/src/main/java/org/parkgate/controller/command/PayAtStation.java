package org.parkgate.controller.command;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.ConsoleCommand.PayStationPayment;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.fee.FeeQuote;
import org.parkgate.money.Money;

/**
 * A payment taken at a pay station before the driver reaches the exit: exactly what the card's open
 * stay owes now, recorded with the next receipt number, the station as its lane and the session's
 * person as its cashier.
 */
final class PayAtStation implements CommandHandler<PayStationPayment> {
  private static final int MAX_STATION = 32;

  private final Stays stays;
  private final Payments payments;
  private final AccessControl access;
  private final Currency currency;
  private final Shifts shifts;
  private final ZoneId zone;
  private final Money limit;

  PayAtStation(Ledger ledger, AccessControl access, Currency currency, ZoneId zone, Money limit) {
    this.limit = limit;
    this.shifts = new Shifts(ledger);
    this.zone = zone;
    this.stays = new Stays(ledger);
    this.payments = new Payments(ledger);
    this.access = access;
    this.currency = currency;
  }

  @Override
  public Class<PayStationPayment> type() {
    return PayStationPayment.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.CASHIER, Role.SUPERVISOR);
  }

  @Override
  public Decision handle(PayStationPayment cmd, Session actor, Instant now) {
    if (cmd.card() == null
        || cmd.card().isBlank()
        || cmd.amount() == null
        || cmd.station() == null
        || cmd.station().isBlank()
        || cmd.station().length() > MAX_STATION) {
      return Decision.refused(
          cmd,
          Refusal.INVALID,
          Said.of(
              "缴费机收款须有卡号、金额和缴费机编号（1-" + MAX_STATION + " 个字符）",
              "a pay-station payment needs card, amount and station (1-"
                  + MAX_STATION
                  + " characters)"));
    }
    if (!cmd.amount().currency().equals(currency)) {
      return Decision.refused(
          cmd,
          Refusal.INVALID,
          Said.of(
              "金额币种为 " + cmd.amount().currency() + "，本场收取 " + currency,
              "amount in " + cmd.amount().currency() + "; the site takes " + currency));
    }
    Tenders.Checked tender =
        Tenders.check(cmd.tender(), cmd.amount(), cmd.tendered(), cmd.reference());
    if (tender.problem() != null) {
      return Decision.refused(cmd, Refusal.INVALID, tender.problem());
    }
    Tenders.OnShift onShift =
        Tenders.mayTake(shifts, actor.username(), zone, tender.tendering(), limit);
    if (onShift.refusal() != null) {
      return Decision.refused(cmd, Refusal.NOT_NOW, onShift.refusal());
    }
    long shiftNo = onShift.open().shiftNo();
    Optional<Stay> open = stays.openStay(cmd.card());
    if (open.isEmpty()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of("卡 " + cmd.card() + " 没有在场停车记录", "card " + cmd.card() + " has no open stay"));
    }
    FeeQuote quote = access.quote(open.get(), now);
    Money zero = Money.zero(currency);
    Money due = quote == null ? zero : quote.total().max(zero);
    if (!due.isPositive()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of("卡 " + cmd.card() + " 现在无应收费用", "nothing is due on card " + cmd.card() + " now"));
    }
    if (!cmd.amount().equals(due)) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "金额 " + cmd.amount() + " 与当前应收 " + due + " 不符",
              "amount " + cmd.amount() + " does not match the " + due + " due now"));
    }
    return Decision.done(
            cmd,
            Tenders.receipt(
                payments.recordReceipted(
                    cmd.requestId(),
                    open.get(),
                    cmd.station(),
                    cmd.amount(),
                    actor.username(),
                    now,
                    tender.tendering(),
                    shiftNo,
                    quote.tariff()),
                cmd.card(),
                tender.tendering()))
        .sentWith(Tenders.withFigures(shifts, shiftNo, limit));
  }
}
