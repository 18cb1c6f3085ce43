package org.parkgate.controller.central;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parkgate.api.Said;
import org.parkgate.report.Cell;
import org.parkgate.report.ChartRole;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.Report;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.Row;

/**
 * Head office's reports, computed from the central database ({@code central/V2__views.sql}) across
 * sites, each site's days in its own zone ({@code central.sites.zone}) as its Z-reports count them:
 *
 * <ul>
 *   <li>{@link ReportKind#CENTRAL_TAKINGS}: per site and day, the payments taken and the reversals
 *       made that day, and the net, with a money column per currency;
 *   <li>{@link ReportKind#CENTRAL_ARREARS}: per plate and site, what was still owed at the end of
 *       the period's last day there (owed less settled), since when, and for how many visits;
 *   <li>{@link ReportKind#CENTRAL_SHIFTS}: per site, each shift closed in the period as the site's
 *       own shifts report shows it (cashier, opened, closed, payments, reversals, net, cash
 *       expected, counted and the variance, per currency), and who took over at a handover;
 *   <li>{@link ReportKind#CENTRAL_EXEMPTIONS}: per site and day, the free passes asked and the
 *       barriers lifted by hand as the site's own exemptions report shows them, and the fees let go
 *       at free-exit lanes (waivers), with the mode change that allowed each.
 * </ul>
 *
 * Everything is read in one read-only repeatable-read transaction, so the figures are of one
 * moment. A report's chain head is the sum of the sites' newest links held and a SHA-256 over each
 * site's head ({@code site link hash} lines in site order), each listed in the notes.
 */
public final class CentralReports {
  private final Connection db;
  private final Clock clock;

  public CentralReports(Connection db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A site as head office registered it, with its newest link held (0 and null when none). */
  public record Site(
      String id, String name, ZoneId zone, String currency, long headLink, String headHash) {}

  /** Thrown when a site asked for is not registered: one line, a bad argument. */
  public static final class UnknownSite extends IllegalArgumentException {
    UnknownSite(String site) {
      super(
          Said.of("总部没有站点 '" + site + "'", "no site '" + site + "' is registered at head office"));
    }
  }

  /**
   * The report asked for over {@code sites} (every registered site when empty).
   *
   * @throws IllegalArgumentException when the request is wrong or not a head-office kind, or a site
   *     is unknown ({@link UnknownSite})
   */
  public Report compute(ReportRequest request, List<String> sites) throws SQLException {
    if (!request.kind().headOffice()) {
      throw new IllegalArgumentException(
          Said.of(
              request.kind().zh() + "不是总部报表",
              request.kind().code() + " is a site report, computed from a site's ledger"));
    }
    request
        .problem()
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    boolean auto = db.getAutoCommit();
    int isolation = db.getTransactionIsolation();
    boolean readOnly = db.isReadOnly();
    db.setAutoCommit(false);
    db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    db.setReadOnly(true);
    try {
      List<Site> chosen = sites(sites);
      Figures f =
          switch (request.kind()) {
            case CENTRAL_TAKINGS -> takings(request, chosen);
            case CENTRAL_ARREARS -> arrears(request, chosen);
            case CENTRAL_SHIFTS -> shifts(request, chosen);
            case CENTRAL_EXEMPTIONS -> exemptions(request, chosen);
            default -> throw new IllegalStateException(request.kind() + " is not head office's");
          };
      db.commit();
      return report(request, chosen, f);
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setReadOnly(readOnly);
      db.setTransactionIsolation(isolation);
      db.setAutoCommit(auto);
    }
  }

  /** The sites asked for, in site-id order, with their heads. */
  List<Site> sites(List<String> wanted) throws SQLException {
    Map<String, Site> all = new TreeMap<>();
    try (PreparedStatement p =
            db.prepareStatement(
                "SELECT s.site_id, s.name, s.zone, s.currency, COALESCE(h.link, 0), h.hash"
                    + " FROM central.sites s LEFT JOIN LATERAL (SELECT l.link, l.hash FROM"
                    + " central.links l WHERE l.site_id = s.site_id ORDER BY l.link DESC LIMIT 1)"
                    + " h ON true ORDER BY s.site_id");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        long link = r.getLong(5);
        all.put(
            r.getString(1),
            new Site(
                r.getString(1),
                r.getString(2),
                ZoneId.of(r.getString(3)),
                r.getString(4),
                link,
                link == 0 ? null : r.getString(6)));
      }
    }
    if (wanted.isEmpty()) {
      return List.copyOf(all.values());
    }
    Set<String> ids = new TreeSet<>();
    for (String w : wanted) {
      if (!all.containsKey(w)) {
        throw new UnknownSite(w);
      }
      ids.add(w);
    }
    return ids.stream().map(all::get).toList();
  }

  /** A report's columns and rows before its heading is put on. */
  private record Figures(List<Column> columns, List<Row> rows, Row totals, List<String> notes) {}

  /** What one site took and reversed on one day, per currency. */
  private static final class Day {
    long payments;
    long reversals;
    final Map<String, long[]> money = new TreeMap<>(); // currency -> taken, reversed
  }

  private Figures takings(ReportRequest req, List<Site> sites) throws SQLException {
    Set<String> currencies = new TreeSet<>();
    Map<Site, List<Day>> bySite = new LinkedHashMap<>();
    for (Site s : sites) {
      currencies.add(s.currency());
      List<Instant> bounds = bounds(req, s.zone());
      List<Day> days = new ArrayList<>();
      for (int i = 0; i + 1 < bounds.size(); i++) {
        days.add(new Day());
      }
      bySite.put(s, days);
      for (boolean reversal : new boolean[] {false, true}) {
        String at = reversal ? "reversed_at" : "paid_at";
        String sql =
            "SELECT width_bucket("
                + at
                + ", CAST(? AS timestamptz[])), currency, COUNT(*), SUM(amount_minor) FROM "
                + (reversal ? "central.reversals" : "central.payments")
                + " WHERE site_id = ? AND "
                + at
                + " >= ? AND "
                + at
                + " < ? GROUP BY 1, 2";
        try (PreparedStatement p = db.prepareStatement(sql)) {
          p.setString(1, array(bounds));
          p.setString(2, s.id());
          p.setObject(3, OffsetDateTime.ofInstant(bounds.get(0), ZoneOffset.UTC));
          p.setObject(4, OffsetDateTime.ofInstant(bounds.get(bounds.size() - 1), ZoneOffset.UTC));
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              Day d = days.get(r.getInt(1) - 1);
              String cur = r.getString(2);
              currencies.add(cur);
              long[] m = d.money.computeIfAbsent(cur, c -> new long[2]);
              if (reversal) {
                d.reversals += r.getLong(3);
                m[1] += r.getLong(4);
              } else {
                d.payments += r.getLong(3);
                m[0] += r.getLong(4);
              }
            }
          }
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    columns.add(Column.text("site", "站点", "Site").plotted(ChartRole.AXIS));
    columns.add(Column.of("day", ColumnType.DATE, "日期", "Day"));
    columns.add(Column.count("payments", "收款笔数", "Payments"));
    for (String c : currencies) {
      columns.add(Column.money("taken_" + c, "收款金额", "Taken", c));
    }
    columns.add(Column.count("reversals", "冲正笔数", "Reversals"));
    for (String c : currencies) {
      columns.add(Column.money("reversed_" + c, "冲正金额", "Reversed", c));
    }
    for (String c : currencies) {
      columns.add(Column.money("net_" + c, "净收入", "Net", c).plotted(ChartRole.SERIES));
    }
    List<Row> rows = new ArrayList<>();
    bySite.forEach(
        (s, days) -> {
          LocalDate day = req.from();
          for (Day d : days) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.text(s.id()));
            cells.add(Cell.date(day));
            cells.add(Cell.of(d.payments));
            for (String c : currencies) {
              cells.add(money(s, d, c, 0));
            }
            cells.add(Cell.of(d.reversals));
            for (String c : currencies) {
              cells.add(money(s, d, c, 1));
            }
            for (String c : currencies) {
              cells.add(money(s, d, c, 2));
            }
            rows.add(new Row(cells));
            day = day.plusDays(1);
          }
        });
    List<String> notes = new ArrayList<>();
    notes.add("各站日期按该站时区计 · each site's days are in its own zone");
    return new Figures(columns, rows, totals(columns, rows), notes);
  }

  /**
   * A money cell: taken (0), reversed (1) or net (2) in {@code currency}; empty for a currency the
   * site neither keeps nor took that day.
   */
  private static Cell money(Site s, Day d, String currency, int which) {
    long[] m = d.money.get(currency);
    if (m == null) {
      return currency.equals(s.currency()) ? Cell.of(0) : Cell.EMPTY;
    }
    return Cell.of(which == 2 ? m[0] + m[1] : m[which]);
  }

  private Figures arrears(ReportRequest req, List<Site> sites) throws SQLException {
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

  private Figures shifts(ReportRequest req, List<Site> sites) throws SQLException {
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

  private Figures exemptions(ReportRequest req, List<Site> sites) throws SQLException {
    Set<String> currencies = new TreeSet<>();
    List<Exemption> all = new ArrayList<>();
    for (Site s : sites) {
      currencies.add(s.currency());
      List<Instant> bounds = bounds(req, s.zone());
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT pass_no, asked_at, lane, plate, reason, asked_by, decided_by, approved,"
                  + " currency, fee_minor FROM central.free_passes"
                  + " WHERE site_id = ? AND asked_at >= ? AND asked_at < ?")) {
        period(p, 1, s, bounds);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            boolean decided = r.getObject(8) != null;
            boolean approved = decided && r.getBoolean(8);
            long fee = r.getLong(10);
            all.add(
                new Exemption(
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
                    approved ? fee : 0));
          }
        }
      }
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT lift_no, lifted_at, lane, reason, lifted_by, currency, due_minor"
                  + " FROM central.manual_lifts"
                  + " WHERE site_id = ? AND lifted_at >= ? AND lifted_at < ?")) {
        period(p, 1, s, bounds);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            String cur = r.getString(6);
            long due = cur == null ? 0 : r.getLong(7);
            all.add(
                new Exemption(
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
                    due));
          }
        }
      }
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT waiver_id, waived_at, lane, reason, changed_by, currency, amount_minor"
                  + " FROM central.waivers"
                  + " WHERE site_id = ? AND waived_at >= ? AND waived_at < ?")) {
        period(p, 1, s, bounds);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            all.add(
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
                    r.getLong(7)));
          }
        }
      }
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

  /** Binds the site at {@code at} and the period's first and last instants after it. */
  private static void period(PreparedStatement p, int at, Site s, List<Instant> bounds)
      throws SQLException {
    p.setString(at, s.id());
    p.setObject(at + 1, OffsetDateTime.ofInstant(bounds.get(0), ZoneOffset.UTC));
    p.setObject(at + 2, OffsetDateTime.ofInstant(bounds.get(bounds.size() - 1), ZoneOffset.UTC));
  }

  /** The totals row: the label, then the sum of every count and money column. */
  private static Row totals(List<Column> columns, List<Row> rows) {
    return totals(columns, rows, Map.of());
  }

  /** As {@link #totals(List, List)}, with the cells of the columns {@code instead} names given. */
  private static Row totals(List<Column> columns, List<Row> rows, Map<String, Cell> instead) {
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnType t = columns.get(i).type();
      if (i == 0) {
        cells.add(Cell.text("合计 · Total"));
      } else if (instead.containsKey(columns.get(i).key())) {
        cells.add(instead.get(columns.get(i).key()));
      } else if (t == ColumnType.COUNT || t == ColumnType.MONEY) {
        long sum = 0;
        for (Row r : rows) {
          sum += r.cell(i).number();
        }
        cells.add(Cell.of(sum));
      } else {
        cells.add(Cell.EMPTY);
      }
    }
    return new Row(cells);
  }

  private Report report(ReportRequest req, List<Site> sites, Figures f) {
    Set<ZoneId> zones = new TreeSet<>(java.util.Comparator.comparing(ZoneId::getId));
    Set<String> currencies = new TreeSet<>();
    long links = 0;
    StringBuilder heads = new StringBuilder();
    List<String> notes = new ArrayList<>(f.notes());
    if (sites.isEmpty()) {
      notes.add("总部没有登记站点 · no site is registered at head office");
    }
    for (Site s : sites) {
      zones.add(s.zone());
      currencies.add(s.currency());
      links += s.headLink();
      heads
          .append(s.id())
          .append(' ')
          .append(s.headLink())
          .append(' ')
          .append(s.headHash() == null ? "-" : s.headHash())
          .append('\n');
      notes.add(
          "站点 · site "
              + s.id()
              + " "
              + s.name()
              + " ("
              + s.zone()
              + ", "
              + s.currency()
              + "): 链头 · chain head link "
              + s.headLink()
              + (s.headHash() == null ? "" : " sha256 " + s.headHash()));
    }
    return new Report(
        req,
        req.kind().title(),
        zones.size() == 1 ? zones.iterator().next() : ZoneOffset.UTC,
        currencies.isEmpty() ? "CNY" : currencies.iterator().next(),
        f.columns(),
        f.rows(),
        f.totals(),
        links,
        sha256(heads.toString()),
        clock.instant(),
        notes);
  }

  /** Each day's start in {@code zone} from the request's first day, and the last day's end. */
  private static List<Instant> bounds(ReportRequest req, ZoneId zone) {
    List<Instant> out = new ArrayList<>();
    for (LocalDate d = req.from(); !d.isAfter(req.to().plusDays(1)); d = d.plusDays(1)) {
      out.add(d.atStartOfDay(zone).toInstant());
    }
    return out;
  }

  private static String array(List<Instant> instants) {
    StringBuilder out = new StringBuilder("{");
    for (Instant i : instants) {
      out.append(out.length() == 1 ? "" : ",").append(i);
    }
    return out.append('}').toString();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }
}
