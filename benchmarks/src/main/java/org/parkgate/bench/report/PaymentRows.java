package org.parkgate.bench.report;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The payments with their tenders, the unpaid balances and their settlements, and the reversals;
 * summed per shift as they are written, for the shifts' closing figures.
 */
final class PaymentRows extends YearRows {
  // per shift: exit lane * 3 per day
  final long[][] shiftSums; // payments, paid, reversals, reversed, cash in, card, mobile

  PaymentRows(YearStays s) {
    super(s);
    shiftSums = new long[days * exitLanes * 3][7];
  }

  /**
   * The payments and unpaid balances, in the order the vehicles left; returns for each stay its
   * payment id (0: none).
   */
  long[] write(long[] order) throws SQLException {
    long[] paymentOf = new long[stays];
    long seq = 0;
    long balance = 0;
    try (PreparedStatement pay =
            db.prepareStatement(
                "INSERT INTO payments(payment_id, receipt_seq, receipt_no, stay_id, lane,"
                    + " amount_minor, currency, method, cashier, request_id, paid_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'CNY', 'cash', ?, ?, ?)");
        PreparedStatement tender =
            db.prepareStatement(
                "INSERT INTO payment_tenders(payment_id, shift_no, tender, currency,"
                    + " tendered_minor, change_minor, reference) VALUES (?, ?, ?, 'CNY', ?, ?, ?)");
        PreparedStatement owe =
            db.prepareStatement(
                "INSERT INTO unpaid_balances(balance_id, plate, stay_id, lane, amount_minor,"
                    + " currency, reason, recorded_at) VALUES (?, ?, ?, ?, ?, 'CNY', ?, ?)");
        PreparedStatement settle =
            db.prepareStatement(
                "INSERT INTO settlements(balance_id, payment_id, amount_minor, currency,"
                    + " settled_at) VALUES (?, ?, ?, 'CNY', ?)")) {
      long[] owing = new long[0];
      int owingCount = 0;
      for (long k : order) {
        int i = (int) k;
        if (fee[i] == 0) {
          continue;
        }
        long paidAt = exited[i] - 30;
        if (random.nextInt(250) == 0) {
          balance++;
          owe.setLong(1, balance);
          owe.setString(2, plateText(plate[i]));
          owe.setLong(3, i + 1);
          owe.setString(4, exitLane(i));
          owe.setLong(5, fee[i]);
          owe.setString(6, "drove off unpaid");
          owe.setString(7, at(exited[i]));
          owe.executeUpdate();
          if (random.nextInt(5) < 3) {
            if (owingCount == owing.length) {
              owing = Arrays.copyOf(owing, Math.max(16, owingCount * 2));
            }
            owing[owingCount++] = balance << 20 | Math.min(fee[i], (1 << 20) - 1);
          }
          continue;
        }
        seq++;
        int shift = shiftIndex(i, paidAt);
        pay.setLong(1, seq);
        pay.setLong(2, seq);
        pay.setString(3, String.format("bench-%07d", seq));
        pay.setLong(4, i + 1);
        pay.setString(5, exitLane(i));
        pay.setLong(6, fee[i]);
        pay.setString(7, cashier(shift));
        pay.setString(8, "pay-" + seq);
        pay.setString(9, at(paidAt));
        pay.executeUpdate();
        paymentOf[i] = seq;
        int t = random.nextInt(20);
        int tn = t < 11 ? 0 : t < 16 ? 1 : 2;
        long tendered = tn == 2 ? (fee[i] + 4999) / 5000 * 5000 : fee[i];
        tender.setLong(1, seq);
        tender.setLong(2, shift + 1);
        tender.setString(3, TENDERS[tn]);
        tender.setLong(4, tendered);
        tender.setLong(5, tendered - fee[i]);
        tender.setString(6, tn == 2 ? null : "ref-" + seq);
        tender.executeUpdate();
        long[] s = shiftSums[shift];
        s[0]++;
        s[1] += fee[i];
        s[4 + tn] += fee[i];
        // A driver who owes settles an old balance with this payment, now and then.
        if (owingCount > 0 && random.nextInt(50) == 0) {
          long b = owing[--owingCount];
          settle.setLong(1, b >>> 20);
          settle.setLong(2, seq);
          settle.setLong(3, b & ((1 << 20) - 1));
          settle.setString(4, at(paidAt));
          settle.executeUpdate();
        }
      }
    }
    return paymentOf;
  }

  void reversals(long[] paymentOf) throws SQLException {
    long id = 0;
    try (PreparedStatement rev =
        db.prepareStatement(
            "INSERT INTO reversals(reversal_id, payment_id, amount_minor, currency, supervisor,"
                + " reason, request_id, reversed_at) VALUES (?, ?, ?, 'CNY', ?, ?, ?, ?)")) {
      for (int i = 0; i < stays; i++) {
        if (paymentOf[i] == 0 || random.nextInt(1000) != 0) {
          continue;
        }
        long at = exited[i] - 30 + 60 + random.nextInt(7200);
        if (at >= yearEnd) {
          continue;
        }
        id++;
        rev.setLong(1, id);
        rev.setLong(2, paymentOf[i]);
        rev.setLong(3, -fee[i]);
        rev.setString(4, "supervisor" + (random.nextInt(3) + 1));
        rev.setString(5, "重复收费 · charged twice");
        rev.setString(6, "rev-" + id);
        rev.setString(7, at(at));
        rev.executeUpdate();
        long[] s = shiftSums[shiftIndex(i, exited[i] - 30)];
        s[2]++;
        s[3] -= fee[i];
      }
    }
  }
}
