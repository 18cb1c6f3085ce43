package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Optional;
import org.parkgate.api.Answer;
import org.parkgate.api.Said;
import org.parkgate.api.Tender;
import org.parkgate.controller.ledger.Payment;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.ReceiptLink;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.controller.ledger.Tendering;
import org.parkgate.money.Denominations;
import org.parkgate.money.Money;

/**
 * The checks every payment's tender passes before anything is recorded, and the change worked out
 * here and nowhere else. Cash: what the driver handed over (the fee when not given) must cover the
 * fee, in its currency, and the change must be less than the largest note, or a mistyped amount
 * would empty the drawer. Card and mobile: exactly the fee, with the terminal's or app's reference.
 * And the cashier must have a shift open: after a close no payment is taken until the next opens.
 */
final class Tenders {
  private Tenders() {}

  /** A tendering that passed, or why not (as the refusal's words). */
  record Checked(Tendering tendering, String problem) {}

  static Checked check(Tender requested, Money due, Money tendered, String reference) {
    Tender tender = requested == null ? Tender.CASH : requested;
    Optional<String> bad = tender.referenceProblem(reference);
    if (bad.isPresent()) {
      return new Checked(null, bad.get());
    }
    String ref = tender.isCash() ? null : reference.trim();
    Money handed = tendered == null ? due : tendered;
    if (!handed.currency().equals(due.currency())) {
      return new Checked(
          null,
          Said.of(
              "实收币种为 " + handed.currency() + "，停车费以 " + due.currency() + " 收取",
              "tendered in " + handed.currency() + "; the fee is due in " + due.currency()));
    }
    if (!tender.isCash()) {
      if (!handed.equals(due)) {
        return new Checked(
            null,
            Said.of(
                tender.chinese() + "只收应收金额 " + due + "，不是 " + handed,
                "a "
                    + tender.english().toLowerCase(java.util.Locale.ROOT)
                    + " payment takes exactly the "
                    + due
                    + " due, not "
                    + handed));
      }
      return new Checked(new Tendering(tender, due, Money.zero(due.currency()), ref), null);
    }
    if (handed.compareTo(due) < 0) {
      return new Checked(
          null,
          Said.of(
              "实收 " + handed + " 少于应收 " + due,
              "tendered " + handed + " is less than the " + due + " due"));
    }
    Money change = handed.minus(due);
    Money largest = Denominations.largest(due.currency());
    if (change.compareTo(largest) >= 0) {
      return new Checked(
          null,
          Said.of(
              "应收 " + due + "，实收 " + handed + "，找零 " + change + "，达到 " + largest + " 面额以上：请核对输入的金额",
              "tendered "
                  + handed
                  + " for "
                  + due
                  + " due would give "
                  + change
                  + " change, a "
                  + largest
                  + " note or more: check the amount typed"));
    }
    return new Checked(new Tendering(Tender.CASH, handed, change, null), null);
  }

  /** The cashier's open shift, or (refusal not null) why this payment is not taken now. */
  record OnShift(Shifts.Open open, String refusal) {}

  /**
   * Whether the cashier may take a payment tendered as {@code t}: their open shift, or why not (no
   * shift open, or cash past the drawer's {@code limit}).
   */
  static OnShift mayTake(
      Shifts shifts, String cashier, java.time.ZoneId zone, Tendering t, Money limit) {
    OnShift on = onShift(shifts, cashier, zone);
    if (on.open() == null || !t.tender().isCash()) {
      return on;
    }
    return overLimit(shifts, on.open().shiftNo(), limit)
        .map(full -> new OnShift(on.open(), full))
        .orElse(on);
  }

  /**
   * The cashier's open shift, or why no payment is taken from them: the shift they closed last, or
   * that they never opened one.
   */
  static OnShift onShift(Shifts shifts, String cashier, java.time.ZoneId zone) {
    Optional<Shifts.Open> open = shifts.openShiftOf(cashier);
    if (open.isPresent()) {
      return new OnShift(open.get(), null);
    }
    return new OnShift(
        null,
        shifts
            .lastClosedOf(cashier)
            .map(
                c ->
                    Said.of(
                        cashier
                            + " 的班次 "
                            + c.shiftNo()
                            + " 已于 "
                            + time(c.closedAt(), zone)
                            + " 交班：请清点备用金开新班次后再收款",
                        cashier
                            + "'s shift "
                            + c.shiftNo()
                            + " was closed at "
                            + time(c.closedAt(), zone)
                            + ": open a new shift with its float before taking payments"))
            .orElse(
                Said.of(
                    cashier + " 没有开班：请清点备用金开班后再收款",
                    cashier
                        + " has no open shift: open a shift with its float before taking payments")));
  }

  /**
   * Why no more cash is taken in shift {@code shiftNo} now: the cash expected in its drawer is past
   * the site's {@code limit} (null: none) until a cash drop is recorded; empty when it is not.
   */
  static Optional<String> overLimit(Shifts shifts, long shiftNo, Money limit) {
    if (limit == null) {
      return Optional.empty();
    }
    org.parkgate.api.ShiftFigures f = shifts.figures(shiftNo, limit.currency()).withLimit(limit);
    if (!f.overLimit()) {
      return Optional.empty();
    }
    return Optional.of(
        Said.of(
            "钱箱应有现金 " + f.expectedCash() + "，超过现金限额 " + limit + "：请先缴款再收现金",
            "the drawer holds "
                + f.expectedCash()
                + " expected, past the "
                + limit
                + " cash limit: record a cash drop before taking more cash"));
  }

  private static String time(Instant at, java.time.ZoneId zone) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(zone));
  }

  /**
   * The receipt for a payment taken with {@code t}, as kept with its request id, with the ledger
   * link, verification code, plate and tariff its print carries; the shift's running figures are
   * added after the commit ({@link #withFigures}).
   */
  static Answer.Receipt receipt(Payments.Receipted recorded, String card, Tendering t) {
    Payment payment = recorded.payment();
    ReceiptLink link = recorded.link();
    return new Answer.Receipt(
        payment.receiptNo(),
        payment.stayId(),
        payment.lane(),
        card,
        link.plate(),
        payment.amount(),
        payment.cashier(),
        payment.paidAt(),
        t.tender(),
        t.tendered(),
        t.change(),
        t.reference(),
        link.link(),
        link.verificationCode(),
        recorded.tariff(),
        null);
  }

  /** A payment's answer with shift {@code shiftNo}'s figures as they stand now. */
  static java.util.function.UnaryOperator<org.parkgate.api.CommandResult> withFigures(
      Shifts shifts, long shiftNo, Money limit) {
    return r -> {
      if (!r.ok() || !(r.answer() instanceof Answer.Receipt p)) {
        return r;
      }
      return org.parkgate.api.CommandResult.ok(
          r.requestId(),
          withShift(p, shifts.figures(shiftNo, p.amount().currency()).withLimit(limit)));
    };
  }

  /** The receipt {@code r} with the shift's figures {@code figures} (null: none). */
  static Answer.Receipt withShift(Answer.Receipt r, org.parkgate.api.ShiftFigures figures) {
    return new Answer.Receipt(
        r.receiptNo(),
        r.stayId(),
        r.lane(),
        r.card(),
        r.plate(),
        r.amount(),
        r.cashier(),
        r.paidAt(),
        r.tender(),
        r.tendered(),
        r.change(),
        r.reference(),
        r.ledgerLink(),
        r.verificationCode(),
        r.tariff(),
        figures);
  }
}
