package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.parkgate.api.ShiftFigures;
import org.parkgate.api.Tender;
import org.parkgate.money.Money;

/**
 * A shift's drawer counted from the ledger: the float written at opening, its cashier's payments in
 * the shift's span of payment ids with how each was tendered (a payment without a tender row was
 * exact cash), and the reversals of that cashier's cash receipts in its span of reversal ids, which
 * hand cash back out of the drawer, and the cash dropped for deposit in the shift.
 */
final class Drawers {
  private Drawers() {}

  /** The figures of shift {@code shiftNo} now (open) or as it closed, in {@code currency}. */
  static ShiftFigures figures(Connection db, long shiftNo, Currency currency) throws SQLException {
    // The shift's span and the sums that need no row-by-row reading, in one statement: the float,
    // the cash reversals handed back and the cash dropped. An open shift's span runs to the end.
    record Span(
        String cashier,
        long afterPayment,
        long lastPayment,
        long cashFloat,
        long reversed,
        long dropped) {}
    String code = currency.getCurrencyCode();
    Span span =
        LedgerRows.first(
                db,
                "SELECT o.cashier, o.after_payment, COALESCE(s.last_payment, "
                    + Long.MAX_VALUE
                    + "), COALESCE((SELECT f.float_minor FROM shift_floats f"
                    + " WHERE f.shift_no = o.shift_no AND f.currency = ?1), 0),"
                    + " (SELECT COALESCE(SUM(v.amount_minor), 0) FROM reversals v"
                    + " JOIN payments p ON p.payment_id = v.payment_id"
                    + " WHERE v.reversal_id > o.after_reversal"
                    + " AND v.reversal_id <= COALESCE(s.last_reversal, "
                    + Long.MAX_VALUE
                    + ") AND p.cashier = o.cashier AND p.method = 'cash' AND v.currency = ?1),"
                    + " (SELECT COALESCE(SUM(d.amount_minor), 0) FROM cash_drops d"
                    + " WHERE d.shift_no = o.shift_no AND d.currency = ?1)"
                    + " FROM shift_opens o LEFT JOIN shifts s ON s.shift_no = o.shift_no"
                    + " WHERE o.shift_no = ?2",
                r ->
                    new Span(
                        r.getString(1),
                        r.getLong(2),
                        r.getLong(3),
                        r.getLong(4),
                        r.getLong(5),
                        r.getLong(6)),
                code,
                shiftNo)
            .orElseThrow(() -> new LedgerException("no shift " + shiftNo));
    long cashFloat = span.cashFloat();
    Map<Tender, long[]> byTender = new EnumMap<>(Tender.class);
    long[] cash = new long[2]; // tendered in cash, change given
    // Summed by SQLite, one row per tender: a long shift costs a payment no per-row reading here.
    for (long[] row :
        LedgerRows.list(
            db,
            "SELECT p.method, COUNT(*), SUM(p.amount_minor),"
                + " SUM(COALESCE(t.tendered_minor, p.amount_minor)),"
                + " SUM(COALESCE(t.change_minor, 0)) FROM payments p"
                + " LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id"
                + " WHERE p.payment_id > ? AND p.payment_id <= ? AND p.cashier = ?"
                + " AND p.currency = ? GROUP BY p.method",
            r -> {
              Tender tender = Tender.of(r.getString(1)).orElse(Tender.CASH);
              return new long[] {
                tender.ordinal(), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)
              };
            },
            span.afterPayment(),
            span.lastPayment(),
            span.cashier(),
            code)) {
      Tender tender = Tender.values()[(int) row[0]];
      long[] sums = byTender.computeIfAbsent(tender, t -> new long[2]);
      sums[0] += row[1];
      sums[1] += row[2];
      if (tender.isCash()) {
        cash[0] += row[3];
        cash[1] += row[4];
      }
    }
    long cashIn = cash[0];
    long change = cash[1];
    long reversed = span.reversed();
    long dropped = span.dropped();
    List<ShiftFigures.TenderTotal> totals = new ArrayList<>();
    byTender.forEach(
        (t, s) -> totals.add(new ShiftFigures.TenderTotal(t, s[0], Money.of(s[1], currency))));
    return new ShiftFigures(
        shiftNo,
        Money.of(cashFloat, currency),
        totals,
        Money.of(cashIn, currency),
        Money.of(change, currency),
        Money.of(reversed, currency),
        Money.of(dropped, currency),
        Money.of(cashFloat + cashIn - change + reversed - dropped, currency),
        null);
  }
}
