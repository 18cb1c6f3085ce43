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
    record Span(String cashier, long afterPayment, long afterReversal) {}
    Span span =
        LedgerRows.first(
                db,
                "SELECT cashier, after_payment, after_reversal FROM shift_opens WHERE shift_no = ?",
                r -> new Span(r.getString(1), r.getLong(2), r.getLong(3)),
                shiftNo)
            .orElseThrow(() -> new LedgerException("no shift " + shiftNo));
    long[] last =
        LedgerRows.first(
                db,
                "SELECT last_payment, last_reversal FROM shifts WHERE shift_no = ?",
                r -> new long[] {r.getLong(1), r.getLong(2)},
                shiftNo)
            .orElse(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
    String code = currency.getCurrencyCode();
    long cashFloat =
        LedgerRows.first(
                db,
                "SELECT float_minor FROM shift_floats WHERE shift_no = ? AND currency = ?",
                r -> r.getLong(1),
                shiftNo,
                code)
            .orElse(0L);
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
            last[0],
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
    long reversed =
        LedgerRows.first(
                db,
                "SELECT COALESCE(SUM(v.amount_minor), 0) FROM reversals v"
                    + " JOIN payments p ON p.payment_id = v.payment_id"
                    + " WHERE v.reversal_id > ? AND v.reversal_id <= ? AND p.cashier = ?"
                    + " AND p.method = 'cash' AND v.currency = ?",
                r -> r.getLong(1),
                span.afterReversal(),
                last[1],
                span.cashier(),
                code)
            .orElse(0L);
    long dropped =
        LedgerRows.first(
                db,
                "SELECT COALESCE(SUM(amount_minor), 0) FROM cash_drops"
                    + " WHERE shift_no = ? AND currency = ?",
                r -> r.getLong(1),
                shiftNo,
                code)
            .orElse(0L);
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
