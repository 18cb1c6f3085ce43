package org.parkgate.fee;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one place fees are computed. Pure: the same tariff and request always give the same quote; it
 * reads no clock and no files.
 *
 * <p>Order of application: the stay's parking fee (with the entry grace period and the exit grace
 * after a pay-station payment), then time vouchers, the lost-card parking fee, percentage vouchers,
 * amount vouchers, free vouchers, what was already paid, and last the card replacement fee, which
 * no voucher reduces.
 */
public final class FeeEngine {

  private FeeEngine() {}

  /**
   * Quotes the fee for a stay.
   *
   * @throws FeeRefusal for an unknown vehicle class or voucher, a prepayment in another currency,
   *     an entry no tariff version covers, or a stay longer than the tariff's {@code maxStay}
   */
  public static FeeQuote quote(Tariff tariff, StayRequest request) {
    TariffVersion version = tariff.versionAt(request.entry());
    Scheme scheme = version.scheme(request.vehicleClass());
    long stay = request.exit().getEpochSecond() - request.entry().getEpochSecond();
    if (stay > scheme.maxStay) {
      throw new FeeRefusal(
          FeeRefusal.Reason.STAY_TOO_LONG,
          "停车时长"
              + Wording.zhDuration(stay)
              + "超过收费标准的上限"
              + Wording.zhDuration(scheme.maxStay)
              + "，请人工处理",
          "a stay of "
              + LocalText.duration(stay)
              + " is longer than the tariff's maximum "
              + LocalText.duration(scheme.maxStay)
              + " (maxStay); settle it by hand");
    }
    Bill bill = new Bill(tariff, scheme, request, vouchers(version, request.voucherCodes()));
    bill.parking();
    bill.timeVouchers();
    bill.lostCard();
    bill.otherVouchers();
    bill.prepaid();
    bill.replacementFee();
    return bill.quote();
  }

  /**
   * The card replacement fee (工本费) the tariff adds to a lost card's fee for this request's vehicle
   * class and entry; zero when it adds none.
   */
  public static org.parkgate.money.Money replacementFee(Tariff tariff, StayRequest request) {
    Scheme scheme = tariff.versionAt(request.entry()).scheme(request.vehicleClass());
    return org.parkgate.money.Money.of(scheme.lostCard.replacementFee(), tariff.currency());
  }

  /** The vouchers presented, each once, in the order they apply (see {@link Voucher}). */
  private static List<Voucher> vouchers(TariffVersion version, List<String> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    List<Voucher> found = new ArrayList<>();
    for (String code : new LinkedHashSet<>(codes)) {
      Voucher v = version.vouchers().get(code);
      if (v == null) {
        throw new FeeRefusal(
            FeeRefusal.Reason.UNKNOWN_VOUCHER,
            "收费标准没有优惠券'" + code + "'",
            "unknown voucher '" + code + "'");
      }
      found.add(v);
    }
    found.sort((a, b) -> a.kind().compareTo(b.kind()));
    return found;
  }
}
