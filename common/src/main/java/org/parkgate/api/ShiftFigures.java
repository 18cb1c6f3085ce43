package org.parkgate.api;

import java.util.List;
import org.parkgate.money.Money;

/**
 * A shift's running figures as the controller counts them from the ledger: the float it opened
 * with, what each tender took, the cash the drawer took in and gave back as change, cash handed
 * back by reversals (negative or zero), the cash dropped for deposit, and so the cash expected in
 * the drawer now: float + cash tendered - change given + reversed cash - cash dropped. {@code
 * drawerLimit} is the site's limit (null for none): past it no more cash is taken until a drop.
 */
public record ShiftFigures(
    long shiftNo,
    Money cashFloat,
    List<TenderTotal> byTender,
    Money cashTendered,
    Money changeGiven,
    Money cashReversed,
    Money cashDropped,
    Money expectedCash,
    Money drawerLimit) {
  public ShiftFigures {
    byTender = byTender == null ? List.of() : List.copyOf(byTender);
  }

  /** The same figures under the site's drawer limit (null for none). */
  public ShiftFigures withLimit(Money limit) {
    return new ShiftFigures(
        shiftNo,
        cashFloat,
        byTender,
        cashTendered,
        changeGiven,
        cashReversed,
        cashDropped,
        expectedCash,
        limit);
  }

  /** Whether the cash expected is past the drawer limit: no cash is taken until a drop. */
  public boolean overLimit() {
    return drawerLimit != null && expectedCash.compareTo(drawerLimit) > 0;
  }

  /** One tender's payments in a shift and what they took toward fees. */
  public record TenderTotal(Tender tender, long payments, Money taken) {}
}
