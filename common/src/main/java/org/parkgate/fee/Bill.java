package org.parkgate.fee;

import java.util.List;
import org.parkgate.money.Money;

/**
 * One quote being worked out, step by step in the order {@link FeeEngine} documents. Each step adds
 * the lines that explain what it changed, so the lines always add up to the fee.
 */
final class Bill {

  private final Tariff tariff;
  private final Scheme scheme;
  private final StayRequest request;
  private final List<Voucher> vouchers;
  private final long entry;
  private final FeeLines lines = new FeeLines();

  /** The exit the stay is charged to: the payment time when the car left within exit grace. */
  private final long chargedExit;

  private final boolean leftInExitGrace;
  private long fee;

  Bill(Tariff tariff, Scheme scheme, StayRequest request, List<Voucher> vouchers) {
    this.tariff = tariff;
    this.scheme = scheme;
    this.request = request;
    this.vouchers = vouchers;
    this.entry = request.entry().getEpochSecond();
    long exit = request.exit().getEpochSecond();
    Prepayment prepaid = request.prepaid();
    if (prepaid != null && !prepaid.amount().currency().equals(tariff.currency())) {
      throw new FeeRefusal(
          FeeRefusal.Reason.OTHER_CURRENCY,
          "已缴金额币种" + prepaid.amount().currency() + "与收费标准的" + tariff.currency() + "不同",
          "prepaid in " + prepaid.amount().currency() + ", tariff is " + tariff.currency());
    }
    leftInExitGrace = prepaid != null && exit <= prepaid.at().getEpochSecond() + scheme.exitGrace;
    chargedExit =
        leftInExitGrace ? Math.max(entry, Math.min(exit, prepaid.at().getEpochSecond())) : exit;
  }

  void parking() {
    fee = stayFee(chargedExit, lines);
  }

  /** Time off shortens the stay charged, so it is worth what those hours would have cost. */
  void timeVouchers() {
    long timeOff = 0;
    for (Voucher v : vouchers) {
      if (v.kind() == Voucher.Kind.TIME) {
        timeOff += v.value();
        long shorter = stayFee(Math.max(entry, chargedExit - timeOff), null);
        add(words().timeVoucher(v.code(), v.value()), shorter - fee);
      }
    }
  }

  void lostCard() {
    LostCardRule lost = scheme.lostCard;
    if (!request.lostCard() || lost.mode() == LostCardRule.Mode.STAY) {
      return;
    }
    long lostFee = lost.notLessThanStay() ? Math.max(lost.amount(), fee) : lost.amount();
    if (lostFee != fee) {
      add(lost.description(), lostFee - fee);
    }
  }

  void otherVouchers() {
    for (Voucher v : vouchers) {
      switch (v.kind()) {
        case TIME -> {}
        case PERCENT ->
            add(
                words().percentVoucher(v.code(), percent(v.value())),
                -(Math.multiplyExact(fee, v.value()) / 10_000));
        case AMOUNT ->
            add(
                words().amountVoucher(v.code(), money(v.value()).toDecimalString()),
                -Math.min(fee, v.value()));
        case FREE -> add(words().freeVoucher(v.code()), -fee);
      }
    }
  }

  void prepaid() {
    Prepayment prepaid = request.prepaid();
    if (prepaid == null) {
      return;
    }
    add(
        words()
            .paidAtPayStation(
                tariff.dateTime(prepaid.at().getEpochSecond()), scheme.exitGrace, leftInExitGrace),
        -Math.min(fee, prepaid.amount().minor()));
  }

  /** Last, so that no voucher or payment reduces it. */
  void replacementFee() {
    if (request.lostCard() && scheme.lostCard.replacementFee() > 0) {
      add(words().replacementFee(), scheme.lostCard.replacementFee());
    }
  }

  FeeQuote quote() {
    return new FeeQuote(money(fee), lines);
  }

  /** The parking fee alone, honouring the entry grace period; adds its lines when asked. */
  private long stayFee(long exit, FeeLines out) {
    if (exit - entry <= scheme.grace) {
      if (out != null) {
        out.append(FeeLine.over(tariff, entry, exit, words().graceFree(scheme.grace), 0, 0));
      }
      return 0;
    }
    FeeLines lines = out != null ? out : new FeeLines();
    long from = entry;
    if (scheme.graceDeducted && scheme.grace > 0) {
      // The grace period is never charged: the stay is charged as though it began after it.
      from = entry + scheme.grace;
      if (out != null) {
        out.append(FeeLine.over(tariff, entry, from, words().graceDeducted(scheme.grace), 0, 0));
      }
    }
    return new StayMeter(tariff, scheme, from, exit, lines).finish();
  }

  private void add(String rule, long amount) {
    // About the whole stay, to the car's real exit.
    long exit = Math.max(entry, request.exit().getEpochSecond());
    lines.append(FeeLine.over(tariff, entry, exit, rule, 1, amount));
    fee = Math.addExact(fee, amount);
  }

  private Wording words() {
    return tariff.wording();
  }

  private Money money(long minor) {
    return new Money(minor, tariff.currency());
  }

  private static String percent(long basisPoints) {
    return java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
  }
}
