package org.parkgate.controller.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parkgate.report.Cell;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.ReportRequest;

/**
 * The registers no ledger repository sums, counted here in SQL: vouchers, arrears and incidents.
 */
final class RegisterReports {
  private RegisterReports() {}

  /** Per issuer and voucher kind: codes issued, used and voided in the period, and the discount. */
  static Table vouchers(Connection db, Period period, String currency) throws SQLException {
    record Key(String issuer, String kind) implements Comparable<Key> {
      public int compareTo(Key o) {
        int c = issuer.compareTo(o.issuer);
        return c != 0 ? c : kind.compareTo(o.kind);
      }
    }
    Map<Key, long[]> sums = new TreeMap<>();
    long from = period.start().getEpochSecond();
    long to = period.end().getEpochSecond();
    Query.run(
        db,
        "SELECT issuer, kind, SUM(count) FROM voucher_batches WHERE"
            + " CAST(strftime('%s', issued_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', issued_at) AS INTEGER) < ? GROUP BY issuer, kind",
        r ->
            sums.computeIfAbsent(new Key(r.getString(1), r.getString(2)), k -> new long[4])[0] +=
                r.getLong(3),
        from,
        to);
    Query.run(
        db,
        "SELECT b.issuer, b.kind, COUNT(*), SUM(x.due_before - x.due_after)"
            + " FROM voucher_redemptions x JOIN vouchers v ON v.voucher_id = x.voucher_id"
            + " JOIN voucher_batches b ON b.batch_no = v.batch_no WHERE x.currency = ?"
            + " AND CAST(strftime('%s', x.redeemed_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', x.redeemed_at) AS INTEGER) < ? GROUP BY b.issuer, b.kind",
        r -> {
          long[] s =
              sums.computeIfAbsent(new Key(r.getString(1), r.getString(2)), k -> new long[4]);
          s[1] += r.getLong(3);
          s[2] += r.getLong(4);
        },
        currency,
        from,
        to);
    Query.run(
        db,
        "SELECT b.issuer, b.kind, COUNT(*) FROM voucher_voids x"
            + " JOIN vouchers v ON v.voucher_id = x.voucher_id"
            + " JOIN voucher_batches b ON b.batch_no = v.batch_no"
            + " WHERE CAST(strftime('%s', x.voided_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', x.voided_at) AS INTEGER) < ? GROUP BY b.issuer, b.kind",
        r ->
            sums.computeIfAbsent(new Key(r.getString(1), r.getString(2)), k -> new long[4])[3] +=
                r.getLong(3),
        from,
        to);
    Table t =
        new Table(
            Column.text("issuer", "发放单位", "Issuer"),
            Column.text("kind", "券种", "Voucher kind"),
            Column.count("issued", "发放张数", "Issued"),
            Column.count("redeemed", "使用张数", "Redeemed"),
            Column.money("discount", "抵扣金额", "Discount given", currency),
            Column.count("voided", "作废张数", "Voided"));
    sums.forEach(
        (k, s) ->
            t.add(
                Cell.text(k.issuer()),
                Cell.text(k.kind()),
                Cell.of(s[0]),
                Cell.of(s[1]),
                Cell.of(s[2]),
                Cell.of(s[3])));
    t.totalsRow(Table.TOTAL);
    return t;
  }

  /**
   * Plates owing at the end of the period: balances recorded before it ends and not settled by
   * then, with the age of the oldest.
   */
  static Table arrears(Connection db, ReportRequest req, Period period, String currency)
      throws SQLException {
    Instant end = period.end();
    record Owing(long stays, long amount, Instant oldest) {}
    Map<String, Owing> byPlate = new TreeMap<>();
    Query.run(
        db,
        "SELECT b.plate, b.amount_minor, b.recorded_at, b.lane FROM unpaid_balances b"
            + " WHERE b.currency = ? AND CAST(strftime('%s', b.recorded_at) AS INTEGER) < ?"
            + " AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.balance_id = b.balance_id"
            + " AND CAST(strftime('%s', s.settled_at) AS INTEGER) < ?) ORDER BY b.balance_id",
        r -> {
          if (req.lane() != null && !req.lane().equals(r.getString(4))) {
            return;
          }
          Instant at = Instant.parse(r.getString(3));
          byPlate.merge(
              r.getString(1),
              new Owing(1, r.getLong(2), at),
              (a, b) ->
                  new Owing(
                      a.stays() + 1,
                      a.amount() + b.amount(),
                      a.oldest().isBefore(b.oldest()) ? a.oldest() : b.oldest()));
        },
        currency,
        end.getEpochSecond(),
        end.getEpochSecond());
    Table t =
        new Table(
            Column.text("plate", "车牌", "Plate"),
            Column.count("stays", "欠费次数", "Unpaid stays"),
            Column.money("owed", "欠费金额", "Owed", currency),
            Column.of("oldest", ColumnType.TIME, "最早欠费", "Oldest since"),
            Column.of("age", ColumnType.DURATION, "欠费时长", "Age"));
    byPlate.forEach(
        (plate, o) ->
            t.add(
                Cell.text(plate),
                Cell.of(o.stays()),
                Cell.of(o.amount()),
                Cell.time(o.oldest(), period.zone()),
                Cell.of(Duration.between(o.oldest(), end).getSeconds())));
    t.totalsRow(Table.TOTAL, "age", Cell.EMPTY);
    t.notes.add(
        "截至 "
            + period.to()
            + " 日终未结清 · still owed at the end of "
            + period.to()
            + " (age counted to then)");
    return t;
  }

  /**
   * Incidents per kind and lane, and how many of them nobody has resolved: counted in one query on
   * the index of V17 rather than one look-up per incident (a year has some fifteen thousand).
   */
  static Table incidents(Connection db, ReportRequest req, Period period) throws SQLException {
    Map<List<String>, long[]> counts =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    String at = "CAST(strftime('%s', i.at) AS INTEGER)";
    List<Object> args =
        new java.util.ArrayList<>(
            List.of(period.start().getEpochSecond(), period.end().getEpochSecond()));
    if (req.lane() != null) {
      args.add(req.lane());
    }
    Query.run(
        db,
        "SELECT i.kind, i.lane, COUNT(*), SUM(r.incident_id IS NULL) FROM incidents i"
            + " LEFT JOIN incident_resolutions r ON r.incident_id = i.incident_id WHERE "
            + at
            + " >= ? AND "
            + at
            + " < ?"
            + (req.lane() != null ? " AND i.lane = ?" : "")
            + " GROUP BY i.kind, i.lane",
        r ->
            counts.put(
                List.of(r.getString(1), r.getString(2)), new long[] {r.getLong(3), r.getLong(4)}),
        args.toArray());
    Table t =
        new Table(
            Column.text("kind", "事件类别", "Kind"),
            Column.text("lane", "车道", "Lane"),
            Column.count("count", "次数", "Count"),
            Column.count("unresolved", "未处理", "Unresolved"));
    counts.forEach(
        (k, c) ->
            t.add(
                Cell.text(org.parkgate.site.IncidentKind.said(k.get(0))),
                Cell.text(k.get(1)),
                Cell.of(c[0]),
                Cell.of(c[1])));
    t.totalsRow(Table.TOTAL);
    return t;
  }
}
