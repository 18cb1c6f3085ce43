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
            case CENTRAL_ARREARS -> new CentralRegisters(db).arrears(request, chosen);
            case CENTRAL_SHIFTS -> new CentralRegisters(db).shifts(request, chosen);
            case CENTRAL_EXEMPTIONS -> new CentralExemptions(db).exemptions(request, chosen);
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
  record Figures(List<Column> columns, List<Row> rows, Row totals, List<String> notes) {}

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

  /** The totals row: the label, then the sum of every count and money column. */
  static Row totals(List<Column> columns, List<Row> rows) {
    return totals(columns, rows, Map.of());
  }

  /** As {@link #totals(List, List)}, with the cells of the columns {@code instead} names given. */
  static Row totals(List<Column> columns, List<Row> rows, Map<String, Cell> instead) {
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
  static List<Instant> bounds(ReportRequest req, ZoneId zone) {
    List<Instant> out = new ArrayList<>();
    for (LocalDate d = req.from(); !d.isAfter(req.to().plusDays(1)); d = d.plusDays(1)) {
      out.add(d.atStartOfDay(zone).toInstant());
    }
    return out;
  }

  static String array(List<Instant> instants) {
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

  /** Binds the site at {@code at} and the period's first and last instants after it. */
  static void period(PreparedStatement p, int at, Site s, List<Instant> bounds)
      throws SQLException {
    p.setString(at, s.id());
    p.setObject(at + 1, OffsetDateTime.ofInstant(bounds.get(0), ZoneOffset.UTC));
    p.setObject(at + 2, OffsetDateTime.ofInstant(bounds.get(bounds.size() - 1), ZoneOffset.UTC));
  }
}
