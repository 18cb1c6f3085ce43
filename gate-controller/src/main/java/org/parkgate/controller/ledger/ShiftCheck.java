package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The verifier's checks of shift openings and reports, beyond the hash chain. */
final class ShiftCheck {
  private ShiftCheck() {}

  /**
   * What the verifier checks beyond the chain: shifts numbered 1, 2, 3... at opening; each report
   * naming its opening; its figures as counted again from the payments and reversals; and no
   * cashier holding two open shifts at once.
   */
  static List<String> check(Connection db) throws SQLException {
    List<String> problems = new ArrayList<>();
    record Opening(
        long no, String cashier, String openedAt, long afterPayment, long afterReversal) {}
    List<Opening> opens = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT shift_no, cashier, opened_at, after_payment, after_reversal FROM shift_opens ORDER BY shift_no")) {
      while (r.next()) {
        Opening o =
            new Opening(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5));
        if (o.no() != opens.size() + 1) {
          problems.add(
              "shift "
                  + o.no()
                  + " where "
                  + (opens.size() + 1)
                  + " was due: shift openings are missing");
          return problems;
        }
        opens.add(o);
      }
    }
    // Chain links order openings and closings: a cashier's next shift opens after the last closed.
    java.util.Map<String, long[]> lastOpenOf = new java.util.HashMap<>();
    for (Opening o : opens) {
      long[] previous = lastOpenOf.get(o.cashier());
      long opened = link(db, "shift_opens", o.no()).orElse(0L);
      if (previous != null && (previous[1] < 0 || previous[1] > opened)) {
        problems.add(
            "shift "
                + o.no()
                + " was opened for "
                + o.cashier()
                + " while their shift "
                + previous[0]
                + " was still open");
        return problems;
      }
      lastOpenOf.put(o.cashier(), new long[] {o.no(), link(db, "shifts", o.no()).orElse(-1L)});
    }
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT s.shift_no, s.cashier, s.opened_at, s.last_payment, s.last_reversal, s.payments,"
                    + " s.first_receipt, s.last_receipt, s.reversals, o.shift_no, o.cashier, o.opened_at,"
                    + " o.after_payment, o.after_reversal FROM shifts s LEFT JOIN shift_opens o ON o.shift_no = s.shift_no"
                    + " ORDER BY s.shift_no")) {
      while (r.next()) {
        long no = r.getLong(1);
        if (r.getObject(10) == null
            || !r.getString(2).equals(r.getString(11))
            || !r.getString(3).equals(r.getString(12))) {
          problems.add("shift report " + no + " does not match the shift opened with that number");
          return problems;
        }
        ShiftTally t =
            ShiftTally.of(
                db, r.getString(2), r.getLong(13), r.getLong(4), r.getLong(14), r.getLong(5));
        ShiftReport written = ShiftReports.report(db, " WHERE s.shift_no = ?", no).orElse(null);
        boolean same =
            written != null
                && t.payments() == r.getLong(6)
                && t.reversals() == r.getLong(9)
                && java.util.Objects.equals(t.firstReceipt(), r.getString(7))
                && java.util.Objects.equals(t.lastReceipt(), r.getString(8))
                && t.totals().equals(written.totals())
                && drawerAddsUp(db, written);
        if (!same) {
          problems.add(
              "shift report "
                  + no
                  + " ("
                  + r.getString(2)
                  + ") does not add up: its payments, reversals or totals differ from the receipts themselves");
          return problems;
        }
      }
    }
    return problems;
  }

  /**
   * A report's drawer as written against the figures counted again from the payments, their
   * tenders, the float and the reversals, and its variance against the count.
   */
  private static boolean drawerAddsUp(Connection db, ShiftReport written) throws SQLException {
    ShiftReport.Drawer d = written.drawer();
    if (d == null) {
      return true;
    }
    org.parkgate.api.ShiftFigures again =
        Drawers.figures(db, written.shiftNo(), d.counted().currency());
    long variance =
        LedgerRows.first(
                db,
                "SELECT variance_minor FROM shift_counts WHERE shift_no = ?",
                r -> r.getLong(1),
                written.shiftNo())
            .orElseThrow();
    return again.equals(d.figures())
        && d.count().total().equals(d.counted())
        && variance == d.variance().minor();
  }

  /** The chain link of a row, if it has one. */
  private static Optional<Long> link(Connection db, String table, long rowId) throws SQLException {
    return LedgerRows.first(
        db, "SELECT link FROM chain WHERE tbl = ? AND row_id = ?", r -> r.getLong(1), table, rowId);
  }
}
