package org.parkgate.controller.central;

import static org.parkgate.controller.central.CentralReports.bounds;
import static org.parkgate.controller.central.CentralReports.period;
import static org.parkgate.controller.central.CentralReports.totals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.controller.central.CentralReports.Figures;
import org.parkgate.controller.central.CentralReports.Site;
import org.parkgate.report.Cell;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.Row;

/**
 * Head office's exemptions across sites ({@code central-exemptions}), for {@link CentralReports}:
 * free passes, manual lifts and free-exit waivers per site and day, in each site's own zone.
 */
final class CentralExemptions {
  private final Connection db;

  CentralExemptions(Connection db) {
    this.db = db;
  }

  /**
   * A free pass (order 0), manual lift (1) or waiver (2) at a site; rows go by site, then time,
   * then this order and the number.
   */
  private record Exemption(
      Site site,
      int order,
      long no,
      Instant at,
      String lane,
      String plate,
      String reason,
      String asked,
      String decided,
      String outcome,
      String currency,
      long fee,
      long waived) {}

  private static final String[] KINDS = {
    "免费放行 · Free pass", "手动抬杆 · Manual lift", "免费通行车道 · Free-exit lane"
  };

  /** A row of a query as an exemption. */
  private interface ExemptionRow {
    Exemption of(ResultSet r) throws SQLException;
  }

  /**
   * Adds to {@code into} each row {@code sql} finds for site {@code s} in the period {@code
   * bounds}.
   */
  private void read(
      Site s, List<Instant> bounds, String sql, ExemptionRow row, List<Exemption> into)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      period(p, 1, s, bounds);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          into.add(row.of(r));
        }
      }
    }
  }

  Figures exemptions(ReportRequest req, List<Site> sites) throws SQLException {
    Set<String> currencies = new TreeSet<>();
    List<Exemption> all = new ArrayList<>();
    for (Site s : sites) {
      currencies.add(s.currency());
      List<Instant> bounds = bounds(req, s.zone());
      read(
          s,
          bounds,
          "SELECT pass_no, asked_at, lane, plate, reason, asked_by, decided_by, approved,"
              + " currency, fee_minor FROM central.free_passes"
              + " WHERE site_id = ? AND asked_at >= ? AND asked_at < ?",
          r -> {
            boolean decided = r.getObject(8) != null;
            boolean approved = decided && r.getBoolean(8);
            long fee = r.getLong(10);
            return new Exemption(
                s,
                0,
                r.getLong(1),
                r.getObject(2, OffsetDateTime.class).toInstant(),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                !decided ? "待批准 · Awaiting" : approved ? "批准 · Approved" : "拒绝 · Refused",
                r.getString(9),
                fee,
                approved ? fee : 0);
          },
          all);
      read(
          s,
          bounds,
          "SELECT lift_no, lifted_at, lane, reason, lifted_by, currency, due_minor"
              + " FROM central.manual_lifts"
              + " WHERE site_id = ? AND lifted_at >= ? AND lifted_at < ?",
          r -> {
            String cur = r.getString(6);
            long due = cur == null ? 0 : r.getLong(7);
            return new Exemption(
                s,
                1,
                r.getLong(1),
                r.getObject(2, OffsetDateTime.class).toInstant(),
                r.getString(3),
                null,
                r.getString(4),
                r.getString(5),
                r.getString(5),
                "已抬杆 · Lifted",
                cur == null ? s.currency() : cur,
                due,
                due);
          },
          all);
      read(
          s,
          bounds,
          "SELECT waiver_id, waived_at, lane, reason, changed_by, currency, amount_minor"
              + " FROM central.waivers"
              + " WHERE site_id = ? AND waived_at >= ? AND waived_at < ?",
          r ->
              new Exemption(
                  s,
                  2,
                  r.getLong(1),
                  r.getObject(2, OffsetDateTime.class).toInstant(),
                  r.getString(3),
                  null,
                  r.getString(4),
                  r.getString(5),
                  r.getString(5),
                  "已免收 · Waived",
                  r.getString(6),
                  r.getLong(7),
                  r.getLong(7)),
          all);
    }
    for (Exemption e : all) {
      currencies.add(e.currency());
    }
    all.sort(
        java.util.Comparator.comparing((Exemption e) -> e.site().id())
            .thenComparing(Exemption::at)
            .thenComparingInt(Exemption::order)
            .thenComparingLong(Exemption::no));
    List<Column> columns = new ArrayList<>();
    columns.add(Column.text("site", "站点", "Site"));
    columns.add(Column.of("day", ColumnType.DATE, "日期", "Day"));
    columns.add(Column.text("kind", "类别", "Kind"));
    columns.add(Column.count("no", "编号", "No."));
    columns.add(Column.of("at", ColumnType.TIME, "时间", "At"));
    columns.add(Column.text("lane", "车道", "Lane"));
    columns.add(Column.text("plate", "车牌", "Plate"));
    columns.add(Column.text("reason", "原因", "Reason"));
    columns.add(Column.text("asked", "申请人", "Asked by"));
    columns.add(Column.text("decided", "审批人", "Decided by"));
    columns.add(Column.text("outcome", "结果", "Outcome"));
    for (String c : currencies) {
      columns.add(Column.money("fee_" + c, "应收", "Fee due", c));
    }
    for (String c : currencies) {
      columns.add(Column.money("waived_" + c, "免收金额", "Waived", c));
    }
    List<Row> rows = new ArrayList<>();
    for (Exemption e : all) {
      List<Cell> cells = new ArrayList<>();
      cells.add(Cell.text(e.site().id()));
      cells.add(Cell.date(LocalDate.ofInstant(e.at(), e.site().zone())));
      cells.add(Cell.text(KINDS[e.order()]));
      cells.add(Cell.of(e.no()));
      cells.add(Cell.time(e.at(), e.site().zone()));
      cells.add(Cell.text(e.lane()));
      cells.add(e.plate() == null ? Cell.EMPTY : Cell.text(e.plate()));
      cells.add(Cell.text(e.reason()));
      cells.add(Cell.text(e.asked()));
      cells.add(Cell.text(e.decided()));
      cells.add(Cell.text(e.outcome()));
      for (long amount : new long[] {e.fee(), e.waived()}) {
        for (String c : currencies) {
          cells.add(c.equals(e.currency()) ? Cell.of(amount) : Cell.EMPTY);
        }
      }
      rows.add(new Row(cells));
    }
    List<String> notes = new ArrayList<>();
    notes.add("各站日期按该站时区计 · each site's days are in its own zone");
    return new Figures(
        columns, rows, totals(columns, rows, Map.of("no", Cell.of(rows.size()))), notes);
  }
}
