package org.parkgate.controller.central;

import static org.parkgate.controller.central.CentralReports.bounds;
import static org.parkgate.controller.central.CentralReports.period;
import static org.parkgate.controller.central.CentralReports.totals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parkgate.controller.central.CentralReports.Figures;
import org.parkgate.controller.central.CentralReports.Site;
import org.parkgate.report.Cell;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.Row;

/**
 * Head office's registers across sites, for {@link CentralReports}: what plates owe ({@code
 * central-arrears}) and every closed shift with who took over at a handover ({@code
 * central-shifts}), each site's days in its own zone.
 */
final class CentralRegisters {
  private final Connection db;

  CentralRegisters(Connection db) {
    this.db = db;
  }

  Figures arrears(ReportRequest req, List<Site> sites) throws SQLException {
    record Owing(String plate, Site site, String currency, long owed, long visits, Instant since) {}
    List<Owing> owing = new ArrayList<>();
    Set<String> currencies = new TreeSet<>();
    for (Site s : sites) {
      currencies.add(s.currency());
      OffsetDateTime end =
          OffsetDateTime.ofInstant(
              req.to().plusDays(1).atStartOfDay(s.zone()).toInstant(), ZoneOffset.UTC);
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT b.plate, b.currency,"
                  + " SUM(b.amount_minor) - COALESCE(SUM(s.amount_minor), 0),"
                  + " COUNT(*) FILTER (WHERE s.balance_id IS NULL),"
                  + " MIN(b.recorded_at) FILTER (WHERE s.balance_id IS NULL)"
                  + " FROM central.unpaid_balances b LEFT JOIN central.settlements s"
                  + " ON s.site_id = b.site_id AND s.balance_id = b.balance_id AND s.settled_at < ?"
                  + " WHERE b.site_id = ? AND b.recorded_at < ? GROUP BY 1, 2"
                  + " HAVING SUM(b.amount_minor) - COALESCE(SUM(s.amount_minor), 0) > 0")) {
        p.setObject(1, end);
        p.setString(2, s.id());
        p.setObject(3, end);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            currencies.add(r.getString(2));
            owing.add(
                new Owing(
                    r.getString(1),
                    s,
                    r.getString(2),
                    r.getLong(3),
                    r.getLong(4),
                    r.getObject(5, OffsetDateTime.class).toInstant()));
          }
        }
      }
    }
    owing.sort(
        java.util.Comparator.comparing(Owing::plate)
            .thenComparing(o -> o.site().id())
            .thenComparing(Owing::currency));
    List<Column> columns = new ArrayList<>();
    columns.add(Column.text("plate", "车牌", "Plate"));
    columns.add(Column.text("site", "站点", "Site"));
    columns.add(Column.count("visits", "欠费次数", "Unpaid visits"));
    for (String c : currencies) {
      columns.add(Column.money("owed_" + c, "欠费金额", "Owed", c));
    }
    columns.add(Column.of("since", ColumnType.TIME, "最早欠费", "Owing since"));
    List<Row> rows = new ArrayList<>();
    for (Owing o : owing) {
      List<Cell> cells = new ArrayList<>();
      cells.add(Cell.text(o.plate()));
      cells.add(Cell.text(o.site().id()));
      cells.add(Cell.of(o.visits()));
      for (String c : currencies) {
        cells.add(c.equals(o.currency()) ? Cell.of(o.owed()) : Cell.EMPTY);
      }
      cells.add(Cell.time(o.since(), o.site().zone()));
      rows.add(new Row(cells));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "截至各站 "
            + req.to()
            + " 日终（该站时区）未结清 · still owed at the end of "
            + req.to()
            + " in each site's zone");
    return new Figures(columns, rows, totals(columns, rows), notes);
  }

  /** A closed shift at a site: its report's figures, per currency, and who took over. */
  private static final class Shift {
    long shiftNo;
    String cashier;
    Instant opened;
    Instant closed;
    long payments;
    long reversals;
    String handedTo;
    final Map<String, Long> net = new TreeMap<>();
    final Map<String, long[]> drawer = new TreeMap<>(); // currency -> expected, counted, variance
  }

  Figures shifts(ReportRequest req, List<Site> sites) throws SQLException {
    Set<String> currencies = new TreeSet<>();
    Map<Site, List<Shift>> bySite = new LinkedHashMap<>();
    for (Site s : sites) {
      currencies.add(s.currency());
      List<Instant> bounds = bounds(req, s.zone());
      Map<Long, Shift> shifts = new LinkedHashMap<>();
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT s.shift_no, s.cashier, s.opened_at, s.closed_at, s.payments, s.reversals,"
                  + " h.to_cashier FROM central.shifts s LEFT JOIN central.handovers h"
                  + " ON h.site_id = s.site_id AND h.closed_shift = s.shift_no"
                  + " WHERE s.site_id = ? AND s.closed_at >= ? AND s.closed_at < ?"
                  + " ORDER BY s.link")) {
        period(p, 1, s, bounds);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            Shift x = new Shift();
            x.shiftNo = r.getLong(1);
            x.cashier = r.getString(2);
            x.opened = r.getObject(3, OffsetDateTime.class).toInstant();
            x.closed = r.getObject(4, OffsetDateTime.class).toInstant();
            x.payments = r.getLong(5);
            x.reversals = r.getLong(6);
            x.handedTo = r.getString(7);
            shifts.put(x.shiftNo, x);
          }
        }
      }
      bySite.put(s, List.copyOf(shifts.values()));
      if (shifts.isEmpty()) {
        continue;
      }
      Long[] numbers = shifts.keySet().toArray(Long[]::new);
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT shift_no, currency, SUM(paid_minor + reversed_minor)"
                  + " FROM central.shift_totals WHERE site_id = ? AND shift_no = ANY(?)"
                  + " GROUP BY 1, 2")) {
        p.setString(1, s.id());
        p.setArray(2, db.createArrayOf("bigint", numbers));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            currencies.add(r.getString(2));
            shifts.get(r.getLong(1)).net.put(r.getString(2), r.getLong(3));
          }
        }
      }
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT shift_no, currency, expected_minor, counted_minor, variance_minor"
                  + " FROM central.shift_counts WHERE site_id = ? AND shift_no = ANY(?)")) {
        p.setString(1, s.id());
        p.setArray(2, db.createArrayOf("bigint", numbers));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            currencies.add(r.getString(2));
            shifts
                .get(r.getLong(1))
                .drawer
                .put(r.getString(2), new long[] {r.getLong(3), r.getLong(4), r.getLong(5)});
          }
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    columns.add(Column.text("site", "站点", "Site"));
    columns.add(Column.count("shift", "班次号", "Shift no."));
    columns.add(Column.text("cashier", "收费员", "Cashier"));
    columns.add(Column.of("opened", ColumnType.TIME, "开班", "Opened"));
    columns.add(Column.of("closed", ColumnType.TIME, "交班", "Closed"));
    columns.add(Column.count("payments", "收款笔数", "Payments"));
    columns.add(Column.count("reversals", "冲正笔数", "Reversals"));
    for (String c : currencies) {
      columns.add(Column.money("net_" + c, "净收入", "Net", c));
    }
    String[][] drawer = {
      {"expected_", "应有现金", "Cash expected"},
      {"counted_", "实点现金", "Cash counted"},
      {"variance_", "长短款", "Over (+) / short (-)"}
    };
    for (String[] d : drawer) {
      for (String c : currencies) {
        columns.add(Column.money(d[0] + c, d[1], d[2], c));
      }
    }
    columns.add(Column.text("handed_to", "接班收费员", "Handed over to"));
    List<Row> rows = new ArrayList<>();
    bySite.forEach(
        (s, shifts) -> {
          for (Shift x : shifts) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.text(s.id()));
            cells.add(Cell.of(x.shiftNo));
            cells.add(Cell.text(x.cashier));
            cells.add(Cell.time(x.opened, s.zone()));
            cells.add(Cell.time(x.closed, s.zone()));
            cells.add(Cell.of(x.payments));
            cells.add(Cell.of(x.reversals));
            for (String c : currencies) {
              Long net = x.net.get(c);
              cells.add(
                  net != null ? Cell.of(net) : c.equals(s.currency()) ? Cell.of(0) : Cell.EMPTY);
            }
            for (int i = 0; i < drawer.length; i++) {
              for (String c : currencies) {
                long[] d = x.drawer.get(c);
                cells.add(d == null ? Cell.EMPTY : Cell.of(d[i]));
              }
            }
            cells.add(Cell.text(x.handedTo));
            rows.add(new Row(cells));
          }
        });
    List<String> notes = new ArrayList<>();
    notes.add(
        "班次按交班日期计入，各站日期按该站时区计 · shifts are counted on the day they closed,"
            + " in each site's own zone");
    return new Figures(columns, rows, totals(columns, rows, Map.of("shift", Cell.EMPTY)), notes);
  }
}
