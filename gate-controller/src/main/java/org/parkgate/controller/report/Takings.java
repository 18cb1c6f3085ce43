package org.parkgate.controller.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parkgate.report.ReportRequest;

/**
 * The money lines of a period: each payment at the time it was taken and each reversal at the time
 * it was made (as the Z-report counts them), with the original payment's lane, cashier, tender and
 * the stay's vehicle class, narrowed by the request's filters. A payment recorded without a tender
 * row was taken in cash ({@code payments.method}).
 */
final class Takings {
  /** One payment ({@code reversal} false) or reversal (amount negative or zero). */
  record Line(
      boolean reversal,
      long id,
      String receiptNo,
      Instant at,
      long amount,
      String lane,
      String cashier,
      String tender,
      String vehicleClass,
      String supervisor,
      String reason) {}

  private static final String FROM =
      " FROM payments p LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id"
          + " LEFT JOIN entry_credentials e ON e.stay_id = p.stay_id";

  private Takings() {}

  static List<Line> read(Connection db, ReportRequest req, Period period, String currency)
      throws SQLException {
    List<Line> out = new ArrayList<>();
    out.addAll(
        lines(
            db,
            "SELECT 0, p.payment_id, p.receipt_no, p.paid_at, p.amount_minor, p.lane, p.cashier,"
                + " COALESCE(t.tender, p.method), e.vehicle_class, NULL, NULL"
                + FROM
                + " WHERE p.currency = ? AND CAST(strftime('%s', p.paid_at) AS INTEGER) >= ?"
                + " AND CAST(strftime('%s', p.paid_at) AS INTEGER) < ?",
            req,
            period,
            currency));
    out.addAll(
        lines(
            db,
            "SELECT 1, v.reversal_id, p.receipt_no, v.reversed_at, v.amount_minor, p.lane,"
                + " p.cashier, COALESCE(t.tender, p.method), e.vehicle_class, v.supervisor,"
                + " v.reason FROM reversals v JOIN payments p ON p.payment_id = v.payment_id"
                + " LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id"
                + " LEFT JOIN entry_credentials e ON e.stay_id = p.stay_id"
                + " WHERE v.currency = ? AND CAST(strftime('%s', v.reversed_at) AS INTEGER) >= ?"
                + " AND CAST(strftime('%s', v.reversed_at) AS INTEGER) < ?",
            req,
            period,
            currency));
    out.sort(
        java.util.Comparator.comparing(Line::at)
            .thenComparing(Line::reversal)
            .thenComparingLong(Line::id));
    return out;
  }

  private static List<Line> lines(
      Connection db, String sql, ReportRequest req, Period period, String currency)
      throws SQLException {
    StringBuilder where = new StringBuilder(sql);
    List<Object> args =
        new ArrayList<>(
            List.of(currency, period.start().getEpochSecond(), period.end().getEpochSecond()));
    if (req.lane() != null) {
      where.append(" AND p.lane = ?");
      args.add(req.lane());
    }
    if (req.cashier() != null) {
      where.append(" AND p.cashier = ?");
      args.add(req.cashier());
    }
    if (req.tender() != null) {
      where.append(" AND COALESCE(t.tender, p.method) = ?");
      args.add(req.tender().code());
    }
    if (req.vehicleClass() != null) {
      where.append(" AND e.vehicle_class = ?");
      args.add(req.vehicleClass());
    }
    List<Line> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement(where.toString())) {
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof Long l) {
          p.setLong(i + 1, l);
        } else {
          p.setString(i + 1, (String) a);
        }
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new Line(
                  r.getInt(1) == 1,
                  r.getLong(2),
                  r.getString(3),
                  Instant.parse(r.getString(4)),
                  r.getLong(5),
                  r.getString(6),
                  r.getString(7),
                  r.getString(8),
                  r.getString(9),
                  r.getString(10),
                  r.getString(11)));
        }
      }
    }
    return out;
  }
}
