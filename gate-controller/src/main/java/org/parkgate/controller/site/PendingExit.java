package org.parkgate.controller.site;

import java.util.List;
import org.parkgate.controller.ledger.UnpaidBalances;
import org.parkgate.fee.TariffRef;
import org.parkgate.money.Money;

/**
 * A quote an exit lane is acting on, until its vehicle leaves: {@code due} includes the balances of
 * earlier visits {@code carried} with it; {@code paidBefore} is what was paid for the stay before
 * the quote; {@code tariff} the published tariff version that priced it (null: none, a season
 * card's cover).
 */
record PendingExit(
    String lane,
    String card,
    String plate,
    Money due,
    Money paidBefore,
    List<UnpaidBalances.Balance> carried,
    boolean waived,
    ExitDesk.Priced priced,
    TariffRef tariff) {

  /** What the balances carried from earlier visits add up to. */
  Money carriedTotal() {
    Money total = Money.zero(due.currency());
    for (UnpaidBalances.Balance b : carried) {
      total = total.plus(b.amount());
    }
    return total;
  }

  /** This visit's fee: what is due less the balances of earlier visits carried with it. */
  Money ownFee() {
    return due.minus(carriedTotal());
  }

  PendingExit withDue(Money next) {
    return new PendingExit(lane, card, plate, next, paidBefore, carried, waived, priced, tariff);
  }

  PendingExit withWaived(boolean next) {
    return new PendingExit(lane, card, plate, due, paidBefore, carried, next, priced, tariff);
  }

  PendingExit withTariff(TariffRef next) {
    return new PendingExit(lane, card, plate, due, paidBefore, carried, waived, priced, next);
  }
}
