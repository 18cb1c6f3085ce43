package org.parkgate.fee;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.parkgate.money.Money;

/**
 * The one place fees are computed. Pure: the same tariff and request always give the same quote;
 * it reads no clock and no files.
 *
 * <p>Order of application: the stay's parking fee (with the entry grace period and the exit grace
 * after a pay-station payment), then time vouchers, the lost-card parking fee, percentage
 * vouchers, amount vouchers, free vouchers, what was already paid, and last the card replacement
 * fee, which no voucher reduces.
 */
public final class FeeEngine {

  private FeeEngine() {}

  /**
   * Quotes the fee for a stay.
   *
   * @throws IllegalArgumentException for an unknown vehicle class or voucher, a prepayment in
   *     another currency, or an entry no tariff version covers
   */
  public static FeeQuote quote(Tariff tariff, StayRequest request) {
    TariffVersion version = tariff.versionAt(request.entry());
    Scheme scheme = version.scheme(request.vehicleClass());
    List<Voucher> vouchers = vouchers(version, request.voucherCodes());
    long entry = request.entry().getEpochSecond();
    long exit = request.exit().getEpochSecond();
    boolean extras = !vouchers.isEmpty() || request.lostCard() || request.prepaid() != null;
    String stay = extras ? stayLabel(tariff, request.entry(), request.exit()) : "";
    List<FeeLine> lines = new ArrayList<>(8);

    Prepayment prepaid = request.prepaid();
    long chargedExit = exit;
    boolean leftInExitGrace = false;
    if (prepaid != null && exit <= prepaid.at().getEpochSecond() + scheme.exitGrace) {
      chargedExit = Math.max(entry, Math.min(exit, prepaid.at().getEpochSecond()));
      leftInExitGrace = true;
    }
    long fee = stayFee(tariff, scheme, entry, chargedExit, lines);

    long timeOff = 0;
    for (Voucher v : vouchers) {
      if (v.kind() == Voucher.Kind.TIME) {
        timeOff += v.value();
        long shorter = stayFee(tariff, scheme, entry, Math.max(entry, chargedExit - timeOff), null);
        lines.add(line(stay, "voucher " + v.code() + ": " + LocalText.duration(v.value())
            + " free parking", shorter - fee, tariff));
        fee = shorter;
      }
    }

    LostCardRule lost = scheme.lostCard;
    if (request.lostCard() && lost.mode() != LostCardRule.Mode.STAY) {
      long lostFee = lost.notLessThanStay() ? Math.max(lost.amount(), fee) : lost.amount();
      if (lostFee != fee) {
        lines.add(line(stay, "lost card: " + lost.description(), lostFee - fee, tariff));
      }
      fee = lostFee;
    }

    for (Voucher v : vouchers) {
      long off =
          switch (v.kind()) {
            case TIME -> 0;
            case PERCENT -> Math.multiplyExact(fee, v.value()) / 10_000;
            case AMOUNT -> Math.min(fee, v.value());
            case FREE -> fee;
          };
      if (v.kind() != Voucher.Kind.TIME) {
        lines.add(line(stay, "voucher " + v.code() + ": " + describe(v, tariff), -off, tariff));
        fee -= off;
      }
    }

    if (prepaid != null) {
      Money paid = prepaid.amount();
      if (!paid.currency().equals(tariff.currency())) {
        throw new IllegalArgumentException("prepaid in " + paid.currency() + ", tariff is "
            + tariff.currency());
      }
      long credit = Math.min(fee, paid.minor());
      String how = "paid at pay station " + LocalText.dateTime(local(tariff, prepaid.at()))
          + (leftInExitGrace
              ? ", left within the " + LocalText.duration(scheme.exitGrace) + " exit grace"
              : ", left after the " + LocalText.duration(scheme.exitGrace) + " exit grace");
      lines.add(line(stay, how, -credit, tariff));
      fee -= credit;
    }

    if (request.lostCard() && lost.replacementFee() > 0) {
      lines.add(line(stay, "lost card: card replacement fee", lost.replacementFee(), tariff));
      fee = Math.addExact(fee, lost.replacementFee());
    }
    return new FeeQuote(new Money(fee, tariff.currency()), lines);
  }

  /** The parking fee alone, honouring the entry grace period; adds its lines when asked. */
  static long stayFee(Tariff tariff, Scheme scheme, long entry, long exit, List<FeeLine> lines) {
    if (exit - entry <= scheme.grace) {
      if (lines != null) {
        String why = scheme.grace > 0
            ? "free: within the " + LocalText.duration(scheme.grace) + " grace period"
            : "free: no time parked";
        lines.add(new FeeLine(LocalText.span(localSecond(tariff, entry), localSecond(tariff, exit)),
            why, 0, Money.zero(tariff.currency())));
      }
      return 0;
    }
    List<FeeLine> out = lines != null ? lines : new ArrayList<>(4);
    return new StayMeter(tariff, scheme, entry, exit, out).finish();
  }

  private static List<Voucher> vouchers(TariffVersion version, List<String> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    List<Voucher> found = new ArrayList<>();
    for (String code : new LinkedHashSet<>(codes)) {
      Voucher v = version.vouchers().get(code);
      if (v == null) {
        throw new IllegalArgumentException("unknown voucher '" + code + "'");
      }
      found.add(v);
    }
    found.sort((a, b) -> a.kind().compareTo(b.kind()));
    return found;
  }

  private static String describe(Voucher v, Tariff tariff) {
    return switch (v.kind()) {
      case TIME -> LocalText.duration(v.value()) + " free parking";
      case PERCENT -> java.math.BigDecimal.valueOf(v.value(), 2).stripTrailingZeros().toPlainString()
          + "% off";
      case AMOUNT -> new Money(v.value(), tariff.currency()).toDecimalString() + " off";
      case FREE -> "free stay";
    };
  }

  private static FeeLine line(String period, String rule, long minor, Tariff tariff) {
    return new FeeLine(period, rule, 1, new Money(minor, tariff.currency()));
  }

  private static String stayLabel(Tariff tariff, Instant entry, Instant exit) {
    return LocalText.span(local(tariff, entry), Math.max(local(tariff, entry), local(tariff, exit)));
  }

  private static long local(Tariff tariff, Instant at) {
    return at.getEpochSecond() + tariff.zoneRules().getOffset(at).getTotalSeconds();
  }

  private static long localSecond(Tariff tariff, long epochSecond) {
    return local(tariff, Instant.ofEpochSecond(epochSecond));
  }
}
