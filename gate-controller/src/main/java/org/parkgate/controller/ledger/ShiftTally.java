package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.parkgate.money.Money;

/**
 * A shift's figures counted from the payments and reversals themselves: its cashier's payments with
 * ids in {@code (afterPayment, lastPayment]} and the reversals of that cashier's receipts with ids
 * in {@code (afterReversal, lastReversal]}. Written into the report at closing, counted again by
 * the verifier.
 */
record ShiftTally(
    long payments,
    String firstReceipt,
    String lastReceipt,
    long reversals,
    List<ShiftReport.Total> totals) {

  static ShiftTally of(
      Connection db,
      String cashier,
      long afterPayment,
      long lastPayment,
      long afterReversal,
      long lastReversal)
      throws SQLException {
    TreeMap<String, long[]> byCurrency = new TreeMap<>();
    long payments = 0;
    String first = null;
    String last = null;
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT currency, amount_minor, receipt_no FROM payments"
                + " WHERE payment_id > ? AND payment_id <= ? AND cashier = ? ORDER BY payment_id")) {
      p.setLong(1, afterPayment);
      p.setLong(2, lastPayment);
      p.setString(3, cashier);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long[] sums = byCurrency.computeIfAbsent(r.getString(1), c -> new long[4]);
          sums[0]++;
          sums[1] += r.getLong(2);
          payments++;
          first = first == null ? r.getString(3) : first;
          last = r.getString(3);
        }
      }
    }
    long reversals = 0;
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT v.currency, v.amount_minor FROM reversals v JOIN payments p ON p.payment_id = v.payment_id"
                + " WHERE v.reversal_id > ? AND v.reversal_id <= ? AND p.cashier = ? ORDER BY v.reversal_id")) {
      p.setLong(1, afterReversal);
      p.setLong(2, lastReversal);
      p.setString(3, cashier);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long[] sums = byCurrency.computeIfAbsent(r.getString(1), c -> new long[4]);
          sums[2]++;
          sums[3] += r.getLong(2);
          reversals++;
        }
      }
    }
    List<ShiftReport.Total> totals = new ArrayList<>();
    byCurrency.forEach(
        (currency, s) ->
            totals.add(
                new ShiftReport.Total(
                    s[0], Money.of(s[1], currency), s[2], Money.of(s[3], currency))));
    return new ShiftTally(payments, first, last, reversals, totals);
  }
}
