package org.parkgate.controller.report;

import java.sql.Connection;
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

  /**
   * Payments ({@code reversal} false) or reversals summed per {@code key} (a tender, lane or
   * cashier; null when not grouped) and, when asked, per quarter hour starting {@code at} (else the
   * period's start): {@code count} of them, {@code amount} their total.
   */
  record Sum(boolean reversal, String key, Instant at, long count, long amount) {}

  /** What the sums are grouped by, as SQL over the payment {@code p} and its tender {@code t}. */
  enum Key {
    NONE("NULL"),
    TENDER("COALESCE(t.tender, p.method)"),
    LANE("p.lane"),
    CASHIER("p.cashier");

    final String sql;

    Key(String sql) {
      this.sql = sql;
    }
  }

  /** Quarter hours: every zone's day and hour starts on one, counted from the period's start. */
  static final int QUARTER = 900;

  private Takings() {}

  /**
   * The period's payments and reversals summed per {@code key} and, if {@code byQuarter}, per
   * quarter hour: from the sums the ledger keeps (V20, {@link #kept}) where they can answer, else
   * grouped from the payments ({@link #fromPayments}); the same figures either way.
   */
  static List<Sum> sums(
      Connection db, ReportRequest req, Period period, String currency, Key key, boolean byQuarter)
      throws SQLException {
    return req.vehicleClass() == null
            && period.start().getEpochSecond() % QUARTER == 0
            && period.end().getEpochSecond() % QUARTER == 0
        ? kept(db, req, period, currency, key, byQuarter)
        : fromPayments(db, req, period, currency, key, byQuarter);
  }

  /**
   * The sums grouped in SQL from the payments and reversals themselves: a year's two million
   * payments come back as a few thousand rows, on the index of V17, but grouping them is a sort.
   */
  static List<Sum> fromPayments(
      Connection db, ReportRequest req, Period period, String currency, Key key, boolean byQuarter)
      throws SQLException {
    long start = period.start().getEpochSecond();
    List<Sum> out = new ArrayList<>();
    for (boolean reversal : new boolean[] {false, true}) {
      String at = reversal ? "v.reversed_at" : "p.paid_at";
      String bucket =
          byQuarter ? "(CAST(strftime('%s', " + at + ") AS INTEGER) - ?) / " + QUARTER : "0";
      String sql =
          "SELECT "
              + key.sql
              + ", "
              + bucket
              + ", COUNT(*), SUM("
              + (reversal ? "v" : "p")
              + ".amount_minor)"
              + from(
                  reversal, key == Key.TENDER || req.tender() != null, req.vehicleClass() != null)
              + range(at);
      List<Object> lead = byQuarter ? List.of(start) : List.of();
      select(
          db,
          sql,
          " GROUP BY 1, 2",
          lead,
          req,
          period,
          currency,
          r ->
              out.add(
                  new Sum(
                      reversal,
                      r.getString(1),
                      period.start().plusSeconds(r.getLong(2) * QUARTER),
                      r.getLong(3),
                      r.getLong(4))));
    }
    return out;
  }

  /**
   * The same sums from those the ledger keeps per quarter hour (V20): by tender alone, or by lane,
   * cashier and tender when the report groups or filters by lane or cashier. A year is some hundred
   * thousand of them where it was two million payments. Not for a vehicle class (the sums do not
   * know the stay) nor a period that does not start and end on a quarter hour (a zone whose offset
   * is not a whole quarter hour): those read the payments.
   */
  static List<Sum> kept(
      Connection db, ReportRequest req, Period period, String currency, Key key, boolean byQuarter)
      throws SQLException {
    long start = period.start().getEpochSecond();
    boolean desk =
        key == Key.LANE || key == Key.CASHIER || req.lane() != null || req.cashier() != null;
    String column =
        switch (key) {
          case NONE -> "NULL";
          case TENDER -> "tender";
          case LANE -> "lane";
          case CASHIER -> "cashier";
        };
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(column)
            .append(", ")
            .append(byQuarter ? "(quarter_s - ?) / " + QUARTER : "0")
            .append(", SUM(n), SUM(amount_minor) FROM ")
            .append(desk ? "takings_by_desk" : "takings_by_tender")
            .append(" WHERE currency = ? AND reversal = ? AND quarter_s >= ? AND quarter_s < ?");
    List<Object> filters = new ArrayList<>();
    filter(sql, filters, req, "lane", "cashier", "tender");
    sql.append(" GROUP BY 1, 2 HAVING SUM(n) > 0");
    List<Sum> out = new ArrayList<>();
    for (boolean reversal : new boolean[] {false, true}) {
      List<Object> args = new ArrayList<>();
      if (byQuarter) {
        args.add(start);
      }
      args.addAll(List.of(currency, reversal ? 1L : 0L, start, period.end().getEpochSecond()));
      args.addAll(filters);
      Query.run(
          db,
          sql.toString(),
          r ->
              out.add(
                  new Sum(
                      reversal,
                      r.getString(1),
                      period.start().plusSeconds(r.getLong(2) * QUARTER),
                      r.getLong(3),
                      r.getLong(4))),
          args.toArray());
    }
    return out;
  }

  /** The period's reversals one by one, in the order they were made. */
  static List<Line> reversals(Connection db, ReportRequest req, Period period, String currency)
      throws SQLException {
    List<Line> out = new ArrayList<>();
    select(
        db,
        "SELECT 1, v.reversal_id, p.receipt_no, v.reversed_at, v.amount_minor, p.lane,"
            + " p.cashier, COALESCE(t.tender, p.method), e.vehicle_class, v.supervisor,"
            + " v.reason"
            + REVERSALS_FROM
            + range("v.reversed_at"),
        "",
        List.of(),
        req,
        period,
        currency,
        r ->
            out.add(
                new Line(
                    true,
                    r.getLong(2),
                    r.getString(3),
                    Instant.parse(r.getString(4)),
                    r.getLong(5),
                    r.getString(6),
                    r.getString(7),
                    r.getString(8),
                    r.getString(9),
                    r.getString(10),
                    r.getString(11))));
    out.sort(java.util.Comparator.comparing(Line::at).thenComparingLong(Line::id));
    return out;
  }

  /**
   * The payments (or reversals with their payments) joined to their tenders and the stays' classes
   * only when the query reads them: SQLite keeps such a join even where no column of it is used,
   * and over a year the two million look-ups it makes cost more than the rest of the query.
   */
  private static String from(boolean reversal, boolean tenders, boolean classes) {
    return (reversal
            ? " FROM reversals v JOIN payments p ON p.payment_id = v.payment_id"
            : " FROM payments p")
        + (tenders ? " LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id" : "")
        + (classes ? " LEFT JOIN entry_credentials e ON e.stay_id = p.stay_id" : "")
        + (reversal ? " WHERE v.currency = ? AND " : " WHERE p.currency = ? AND ");
  }

  private static final String REVERSALS_FROM =
      " FROM reversals v JOIN payments p ON p.payment_id = v.payment_id"
          + " LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id"
          + " LEFT JOIN entry_credentials e ON e.stay_id = p.stay_id"
          + " WHERE v.currency = ? AND ";

  /** The period by the whole second of {@code column}, as the index of V17 has it. */
  private static String range(String column) {
    return "CAST(strftime('%s', "
        + column
        + ") AS INTEGER) >= ? AND CAST(strftime('%s', "
        + column
        + ") AS INTEGER) < ?";
  }

  /**
   * Runs {@code sql} (ending in its WHERE clause, whose first arguments are {@code lead}, the
   * currency, the period's start and end) with the request's filters and then {@code tail}.
   */
  private static void select(
      Connection db,
      String sql,
      String tail,
      List<Object> lead,
      ReportRequest req,
      Period period,
      String currency,
      Query.RowReader row)
      throws SQLException {
    StringBuilder where = new StringBuilder(sql);
    List<Object> args = new ArrayList<>(lead);
    args.addAll(List.of(currency, period.start().getEpochSecond(), period.end().getEpochSecond()));
    filter(where, args, req, "p.lane", "p.cashier", "COALESCE(t.tender, p.method)");
    if (req.vehicleClass() != null) {
      where.append(" AND e.vehicle_class = ?");
      args.add(req.vehicleClass());
    }
    where.append(tail);
    Query.run(db, where.toString(), row, args.toArray());
  }

  /**
   * Appends the request's lane, cashier and tender filters to {@code sql} as conditions on these
   * columns, and their values to {@code args}.
   */
  private static void filter(
      StringBuilder sql,
      List<Object> args,
      ReportRequest req,
      String lane,
      String cashier,
      String tender) {
    if (req.lane() != null) {
      sql.append(" AND ").append(lane).append(" = ?");
      args.add(req.lane());
    }
    if (req.cashier() != null) {
      sql.append(" AND ").append(cashier).append(" = ?");
      args.add(req.cashier());
    }
    if (req.tender() != null) {
      sql.append(" AND ").append(tender).append(" = ?");
      args.add(req.tender().code());
    }
  }
}
