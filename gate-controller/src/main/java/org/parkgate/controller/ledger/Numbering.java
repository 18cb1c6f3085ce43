package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbering finance relies on, checked row by row: receipts 1, 2, 3... in the order they were
 * written, each receipt number its site prefix and sequence; events 1, 2, 3...; Z-reports 1, 2,
 * 3... on consecutive days; each reversal the exact negative of the payment it names.
 */
record Numbering(long receipts, long events, long zReports, List<String> problems) {

  static Numbering check(Connection db) throws SQLException {
    List<String> problems = new ArrayList<>();
    long receipts = receipts(db, problems);
    long events = consecutive(db, "SELECT seq FROM events ORDER BY seq", "event seq", problems);
    long zReports = zReports(db, problems);
    reversals(db, problems);
    monthlyCloses(db, problems);
    return new Numbering(receipts, events, zReports, List.copyOf(problems));
  }

  private static long receipts(Connection db, List<String> problems) throws SQLException {
    long n = 0;
    String prefix = null;
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT payment_id, receipt_seq, receipt_no FROM payments ORDER BY payment_id")) {
      while (r.next()) {
        n++;
        long seq = r.getLong(2);
        String no = r.getString(3);
        if (prefix == null && no != null && no.lastIndexOf('-') > 0) {
          prefix = no.substring(0, no.lastIndexOf('-') + 1);
        }
        if (seq != n) {
          problems.add(
              "receipts: payment row "
                  + r.getLong(1)
                  + " has receipt sequence "
                  + seq
                  + " where "
                  + n
                  + " was due: receipts are missing, duplicated or out of order");
          return n;
        }
        if (!String.format("%s%06d", prefix, seq).equals(no)) {
          problems.add(
              "receipts: payment row "
                  + r.getLong(1)
                  + " has receipt number "
                  + no
                  + " for sequence "
                  + seq);
          return n;
        }
      }
    }
    return n;
  }

  private static long consecutive(Connection db, String sql, String what, List<String> problems)
      throws SQLException {
    long n = 0;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        n++;
        if (r.getLong(1) != n) {
          problems.add(what + " " + r.getLong(1) + " where " + n + " was due: numbers are missing");
          return n;
        }
      }
    }
    return n;
  }

  private static long zReports(Connection db, List<String> problems) throws SQLException {
    long n = 0;
    LocalDate previous = null;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT z_no, business_day FROM zreports ORDER BY z_no")) {
      while (r.next()) {
        n++;
        LocalDate day;
        try {
          day = LocalDate.parse(r.getString(2));
        } catch (DateTimeParseException | NullPointerException e) {
          problems.add(
              "Z-report " + r.getLong(1) + " has no valid business day: '" + r.getString(2) + "'");
          return n;
        }
        if (r.getLong(1) != n) {
          problems.add(
              "Z-report " + r.getLong(1) + " where " + n + " was due: Z-reports are missing");
          return n;
        }
        if (previous != null && !day.equals(previous.plusDays(1))) {
          problems.add(
              "Z-report "
                  + n
                  + " closes "
                  + day
                  + " but the one before closed "
                  + previous
                  + ": days are missing");
          return n;
        }
        previous = day;
      }
    }
    return n;
  }

  /** Monthly closes 1, 2, 3... on consecutive months. */
  private static void monthlyCloses(Connection db, List<String> problems) throws SQLException {
    long n = 0;
    java.time.YearMonth previous = null;
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT close_no, month FROM monthly_closes ORDER BY close_no")) {
      while (r.next()) {
        n++;
        java.time.YearMonth month;
        try {
          month = java.time.YearMonth.parse(r.getString(2));
        } catch (DateTimeParseException | NullPointerException e) {
          problems.add(
              "monthly close " + r.getLong(1) + " has no valid month: '" + r.getString(2) + "'");
          return;
        }
        if (r.getLong(1) != n) {
          problems.add(
              "monthly close "
                  + r.getLong(1)
                  + " where "
                  + n
                  + " was due: monthly closes are missing");
          return;
        }
        if (previous != null && !month.equals(previous.plusMonths(1))) {
          problems.add(
              "monthly close "
                  + n
                  + " closes "
                  + month
                  + " but the one before closed "
                  + previous
                  + ": months are missing");
          return;
        }
        previous = month;
      }
    }
  }

  private static void reversals(Connection db, List<String> problems) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT v.reversal_id, v.payment_id, v.amount_minor, p.amount_minor, v.currency, p.currency"
                    + " FROM reversals v LEFT JOIN payments p ON p.payment_id = v.payment_id ORDER BY v.reversal_id")) {
      long n = 0;
      while (r.next()) {
        n++;
        long id = r.getLong(1);
        if (id != n) {
          problems.add("reversal " + id + " where " + n + " was due: reversals are missing");
          return;
        }
        if (r.getObject(4) == null) {
          problems.add(
              "reversal " + id + " names payment row " + r.getLong(2) + ", which does not exist");
          return;
        }
        if (r.getLong(3) != -r.getLong(4) || !r.getString(5).equals(r.getString(6))) {
          problems.add("reversal " + id + " does not exactly cancel payment row " + r.getLong(2));
          return;
        }
      }
    }
  }
}
