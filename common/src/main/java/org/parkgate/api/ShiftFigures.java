package org.parkgate.api;

import java.util.List;
import org.parkgate.money.Money;

/**
 * A shift's running figures as the controller counts them from the ledger: the float it opened
 * with, what each tender took, the cash the drawer took in and gave back as change, cash handed
 * back by reversals (negative or zero), and so the cash expected in the drawer now: float + cash
 * tendered - change given + reversed cash.
 */
public record ShiftFigures(
    long shiftNo,
    Money cashFloat,
    List<TenderTotal> byTender,
    Money cashTendered,
    Money changeGiven,
    Money cashReversed,
    Money expectedCash) {
  public ShiftFigures {
    byTender = byTender == null ? List.of() : List.copyOf(byTender);
  }

  /** One tender's payments in a shift and what they took toward fees. */
  public record TenderTotal(Tender tender, long payments, Money taken) {}
}
