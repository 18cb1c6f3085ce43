package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.CashCount;
import org.parkgate.api.ShiftFigures;
import org.parkgate.api.Tender;
import org.parkgate.money.Money;

/** The reports of closed shifts, as {@link Shifts#close} wrote them, for Z-reports and audits. */
public final class ShiftReports {
  private static final String REPORT =
      "SELECT s.shift_no, s.cashier, s.opened_at, s.closed_at, s.payments, s.first_receipt,"
          + " s.last_receipt, s.reversals, s.chain_link, s.chain_head FROM shifts s"
          + " JOIN chain c ON c.tbl = 'shifts' AND c.row_id = s.shift_no";

  private final Ledger ledger;

  public ShiftReports(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Every closed shift, in the order they were closed. */
  public List<ShiftReport> closed() {
    return ledger.read(() -> reports(ledger.connection(), " ORDER BY c.link"));
  }

  /** The shifts closed on a business day in the site's zone, in closing order (for Z-reports). */
  public List<ShiftReport> closedOn(LocalDate day, ZoneId zone) {
    return closedBetween(
        day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /**
   * The shifts closed from {@code from} (included) to {@code to} (excluded), both whole seconds, in
   * closing order: found through the closing time's index (migration V17), not by reading every
   * shift ever closed.
   */
  public List<ShiftReport> closedBetween(Instant from, Instant to) {
    List<ShiftReport> out = new java.util.ArrayList<>();
    eachClosedBetween(from, to, out::add);
    return out;
  }

  /**
   * As {@link #closedBetween}, each report handed to {@code each} as it is read, none kept (a
   * year's export of a large car park's shifts).
   */
  public void eachClosedBetween(
      Instant from, Instant to, java.util.function.Consumer<ShiftReport> each) {
    ledger.read(
        () -> {
          LedgerRows.each(
              ledger.connection(),
              REPORT
                  + " WHERE CAST(strftime('%s', s.closed_at) AS INTEGER) >= ?"
                  + " AND CAST(strftime('%s', s.closed_at) AS INTEGER) < ? ORDER BY c.link",
              r -> report(ledger.connection(), r),
              each,
              from.getEpochSecond(),
              to.getEpochSecond());
          return null;
        });
  }

  /** The report of the shift {@code where} picks, read inside the caller's transaction. */
  static Optional<ShiftReport> report(Connection db, String where, Object key) throws SQLException {
    return LedgerRows.first(db, REPORT + where, r -> report(db, r), key);
  }

  private static List<ShiftReport> reports(Connection db, String where) throws SQLException {
    return LedgerRows.list(db, REPORT + where, r -> report(db, r));
  }

  /** A report from the columns of {@link #REPORT}, with its totals read from shift_totals. */
  private static ShiftReport report(Connection db, ResultSet r) throws SQLException {
    return new ShiftReport(
        r.getLong(1),
        r.getString(2),
        Instant.parse(r.getString(3)),
        Instant.parse(r.getString(4)),
        r.getLong(5),
        r.getString(6),
        r.getString(7),
        r.getLong(8),
        totals(db, r.getLong(1)),
        r.getLong(9),
        r.getString(10),
        drawer(db, r.getLong(1), r.getString(2)));
  }

  /** The drawer counted at closing, from shift_counts and shift_tender_totals; null before V7. */
  private static ShiftReport.Drawer drawer(Connection db, long shiftNo, String cashier)
      throws SQLException {
    return LedgerRows.first(
            db,
            "SELECT currency, float_minor, cash_in_minor, change_minor, reversed_minor,"
                + " dropped_minor, expected_minor, counted_minor, pieces FROM shift_counts"
                + " WHERE shift_no = ?",
            r -> {
              String c = r.getString(1);
              List<ShiftFigures.TenderTotal> byTender =
                  LedgerRows.list(
                      db,
                      "SELECT tender, payments, taken_minor FROM shift_tender_totals"
                          + " WHERE shift_no = ? AND currency = ? ORDER BY total_id",
                      t ->
                          new ShiftFigures.TenderTotal(
                              Tender.of(t.getString(1)).orElseThrow(),
                              t.getLong(2),
                              Money.of(t.getLong(3), c)),
                      shiftNo,
                      c);
              ShiftFigures figures =
                  new ShiftFigures(
                      shiftNo,
                      Money.of(r.getLong(2), c),
                      byTender,
                      Money.of(r.getLong(3), c),
                      Money.of(r.getLong(4), c),
                      Money.of(r.getLong(5), c),
                      Money.of(r.getLong(6), c),
                      Money.of(r.getLong(7), c),
                      null);
              return new ShiftReport.Drawer(
                  figures, Money.of(r.getLong(8), c), CashCount.fromLedgerText(c, r.getString(9)));
            },
            shiftNo)
        .orElse(null);
  }

  private static List<ShiftReport.Total> totals(Connection db, long shiftNo) throws SQLException {
    return LedgerRows.list(
        db,
        "SELECT currency, payments, paid_minor, reversals, reversed_minor FROM shift_totals"
            + " WHERE shift_no = ? ORDER BY currency",
        r -> {
          String currency = r.getString(1);
          return new ShiftReport.Total(
              r.getLong(2),
              Money.of(r.getLong(3), currency),
              r.getLong(4),
              Money.of(r.getLong(5), currency));
        },
        shiftNo);
  }
}
