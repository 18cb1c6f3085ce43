package org.parkgate.bench.report;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.parkgate.controller.ledger.ChainedTable;
import org.parkgate.controller.ledger.HashChain;

/** Every booth's shifts, opened and closed with the figures the payments summed; chained. */
final class ShiftRows extends YearRows {
  private final long[][] shiftSums;

  ShiftRows(YearStays s, long[][] shiftSums) {
    super(s);
    this.shiftSums = shiftSums;
  }

  /** Every booth's three shifts a day, closed with totals and a counted drawer; chained. */
  void write() throws SQLException {
    HashChain.Head head = HashChain.head(db);
    try (PreparedStatement open =
            db.prepareStatement(
                "INSERT INTO shift_opens(shift_no, cashier, opened_at, after_payment,"
                    + " after_reversal, request_id) VALUES (?, ?, ?, 0, 0, ?)");
        PreparedStatement close =
            db.prepareStatement(
                "INSERT INTO shifts(shift_no, cashier, opened_at, closed_at, last_payment,"
                    + " last_reversal, payments, first_receipt, last_receipt, reversals,"
                    + " chain_link, chain_head, request_id)"
                    + " VALUES (?, ?, ?, ?, 0, 0, ?, NULL, NULL, ?, ?, ?, ?)");
        PreparedStatement totals =
            db.prepareStatement(
                "INSERT INTO shift_totals(shift_no, currency, payments, paid_minor, reversals,"
                    + " reversed_minor) VALUES (?, 'CNY', ?, ?, ?, ?)");
        PreparedStatement floats =
            db.prepareStatement(
                "INSERT INTO shift_floats(shift_no, currency, float_minor, pieces, request_id)"
                    + " VALUES (?, 'CNY', 50000, '', ?)");
        PreparedStatement counts =
            db.prepareStatement(
                "INSERT INTO shift_counts(shift_no, currency, float_minor, cash_in_minor,"
                    + " change_minor, reversed_minor, dropped_minor, expected_minor,"
                    + " counted_minor, variance_minor, pieces)"
                    + " VALUES (?, 'CNY', 50000, ?, 0, 0, 0, ?, ?, ?, '')");
        PreparedStatement byTender =
            db.prepareStatement(
                "INSERT INTO shift_tender_totals(shift_no, tender, currency, payments,"
                    + " taken_minor) VALUES (?, ?, 'CNY', ?, ?)")) {
      for (int k = 0; k < shiftSums.length; k++) {
        long no = k + 1;
        long opened = yearStart + (k / (exitLanes * 3)) * 86400L + (k % 3) * 8 * 3600L;
        long closedAt = opened + 8 * 3600;
        long[] s = shiftSums[k];
        open.setLong(1, no);
        open.setString(2, cashier(k));
        open.setString(3, at(opened));
        open.setString(4, "open-" + no);
        open.executeUpdate();
        floats.setLong(1, no);
        floats.setString(2, "float-" + no);
        floats.executeUpdate();
        close.setLong(1, no);
        close.setString(2, cashier(k));
        close.setString(3, at(opened));
        close.setString(4, at(closedAt));
        close.setLong(5, s[0]);
        close.setLong(6, s[2]);
        close.setLong(7, head.link());
        close.setString(8, head.hash());
        close.setString(9, "close-" + no);
        close.executeUpdate();
        head = HashChain.append(db, head, ChainedTable.SHIFTS, no);
        totals.setLong(1, no);
        totals.setLong(2, s[0]);
        totals.setLong(3, s[1]);
        totals.setLong(4, s[2]);
        totals.setLong(5, s[3]);
        totals.executeUpdate();
        long variance = random.nextInt(20) == 0 ? (random.nextInt(11) - 5) * 100 : 0;
        counts.setLong(1, no);
        counts.setLong(2, s[6]);
        counts.setLong(3, 50000 + s[6]);
        counts.setLong(4, 50000 + s[6] + variance);
        counts.setLong(5, variance);
        counts.executeUpdate();
        for (int tn = 0; tn < 3; tn++) {
          byTender.setLong(1, no);
          byTender.setString(2, TENDERS[tn]);
          byTender.setLong(3, 0);
          byTender.setLong(4, s[4 + tn]);
          byTender.executeUpdate();
        }
      }
    }
  }
}
