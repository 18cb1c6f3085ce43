package org.parkgate.controller.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.parkgate.controller.ledger.HashChain;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.report.Column;
import org.parkgate.report.Report;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportSink;
import org.parkgate.report.Row;

/**
 * Computes any {@link Report} from a {@link ReportRequest} in one call ({@link #compute}), reading
 * the ledger on one read-only snapshot ({@link Ledger#snapshot}) in the site's zone and currency.
 * Days are whole days in the zone, both ends included; the report carries the chain head it was
 * computed at.
 */
public final class Reports {
  private final Ledger ledger;
  private final ZoneId zone;
  private final Currency currency;
  private final Clock clock;
  private final JournalLayout layout;

  public Reports(Ledger ledger, ZoneId zone, Currency currency, Clock clock) {
    this(ledger, zone, currency, clock, JournalLayout.defaults());
  }

  public Reports(Ledger ledger, ZoneId zone, Currency currency, Clock clock, JournalLayout layout) {
    this.ledger = ledger;
    this.zone = zone;
    this.currency = currency;
    this.clock = clock;
    this.layout = layout;
  }

  /**
   * The report asked for.
   *
   * @throws IllegalArgumentException when the request is wrong ({@link ReportRequest#problem}),
   *     with that message
   */
  public Report compute(ReportRequest request) {
    Period period = period(request);
    return ledger.snapshot(
        db -> {
          HashChain.Head head = HashChain.head(db);
          Table t = table(db, request, period, Table.Rows.KEPT);
          return new Report(
              request,
              request.kind().title(),
              zone,
              currency.getCurrencyCode(),
              t.columns,
              t.rows,
              t.totals,
              head.link(),
              head.hash(),
              clock.instant(),
              t.notes);
        });
  }

  /**
   * The report asked for, written to {@code sink} a row at a time on one read-only snapshot, as
   * {@link #compute} would have it: the registers whose rows grow with traffic most (shifts,
   * exemptions, lost cards) hand each row on as the ledger gives it and keep none, so an export of
   * a year's worth holds one row; the other kinds are computed whole and then written (their rows
   * are bounded by the period's days and hours, or are few: reversals, owing plates). Returns the
   * number of rows written.
   *
   * @throws IllegalArgumentException when the request is wrong ({@link ReportRequest#problem})
   * @throws IOException when the sink cannot write
   */
  public long export(ReportRequest request, ReportSink sink) throws IOException {
    Period period = period(request);
    try {
      return ledger.snapshot(
          db -> {
            HashChain.Head head = HashChain.head(db);
            Report top =
                new Report(
                    request,
                    request.kind().title(),
                    zone,
                    currency.getCurrencyCode(),
                    List.of(),
                    List.of(),
                    null,
                    head.link(),
                    head.hash(),
                    clock.instant(),
                    List.of());
            boolean[] begun = {false};
            Table t =
                table(
                    db,
                    request,
                    period,
                    Table.Rows.streaming(
                        columns -> {
                          begin(sink, top, columns);
                          begun[0] = true;
                          return row -> unchecked(() -> sink.row(row));
                        }));
            if (!begun[0]) {
              begin(sink, top, t.columns);
              for (Row row : t.rows) {
                unchecked(() -> sink.row(row));
              }
            }
            unchecked(() -> sink.end(t.totals, t.notes));
            return t.rowCount();
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private interface Write {
    void run() throws IOException;
  }

  private static void unchecked(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void begin(ReportSink sink, Report top, List<Column> columns) {
    unchecked(
        () ->
            sink.begin(
                new Report(
                    top.request(),
                    top.title(),
                    top.zone(),
                    top.currency(),
                    columns,
                    List.of(),
                    null,
                    top.chainLink(),
                    top.chainHash(),
                    top.computedAt(),
                    List.of())));
  }

  private Period period(ReportRequest request) {
    if (request.kind().headOffice()) {
      throw new IllegalArgumentException(headOffice(request));
    }
    request
        .problem()
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    return new Period(request.from(), request.to(), zone);
  }

  private Table table(Connection db, ReportRequest req, Period period, Table.Rows rows)
      throws SQLException {
    String cur = currency.getCurrencyCode();
    return switch (req.kind()) {
      case SHIFTS -> CloseReports.shifts(ledger, req, period, cur, rows);
      case Z_REPORTS -> CloseReports.zReports(ledger, period, cur, currency, clock);
      case MONTHLY_CLOSE -> CloseReports.monthlyCloses(ledger, period, cur, currency, clock);
      case PAYMENTS_BY_TENDER ->
          PaymentReports.byTender(sums(db, req, period, Takings.Key.TENDER, false), cur);
      case PAYMENTS_BY_LANE ->
          PaymentReports.byLane(sums(db, req, period, Takings.Key.LANE, false), cur);
      case PAYMENTS_BY_CASHIER ->
          PaymentReports.byCashier(sums(db, req, period, Takings.Key.CASHIER, false), cur);
      case PAYMENTS_BY_HOUR ->
          PaymentReports.byHourOfDay(sums(db, req, period, Takings.Key.NONE, true), period, cur);
      case REVERSALS ->
          PaymentReports.reversals(Takings.reversals(db, req, period, cur), period, cur);
      case EXEMPTIONS -> ExemptionReports.exemptions(ledger, req, period, cur, rows);
      case VOUCHERS -> RegisterReports.vouchers(db, period, cur);
      case LOST_CARDS -> ExemptionReports.lostCards(ledger, req, period, cur, rows);
      case ARREARS -> RegisterReports.arrears(db, req, period, cur);
      case INCIDENTS -> RegisterReports.incidents(db, req, period);
      case OCCUPANCY -> TrafficReports.occupancy(db, period);
      case DWELL -> TrafficReports.dwell(db, req, period);
      case REVENUE_BY_HOUR ->
          PaymentReports.revenueByHour(sums(db, req, period, Takings.Key.NONE, true), period, cur);
      case REVENUE_BY_DAY ->
          PaymentReports.revenueByDay(sums(db, req, period, Takings.Key.NONE, true), period, cur);
      case JOURNAL ->
          Journal.of(sums(db, req, period, Takings.Key.TENDER, true), period, cur, layout);
      case CENTRAL_TAKINGS, CENTRAL_ARREARS, CENTRAL_SHIFTS, CENTRAL_EXEMPTIONS ->
          throw new IllegalArgumentException(headOffice(req));
    };
  }

  private static String headOffice(ReportRequest req) {
    return org.parkgate.api.Said.of(
        req.kind().zh() + "是总部报表，从总部数据库计算",
        req.kind().code() + " is a head-office report, computed from the central database");
  }

  private List<Takings.Sum> sums(
      Connection db, ReportRequest req, Period period, Takings.Key key, boolean byQuarter)
      throws SQLException {
    return Takings.sums(db, req, period, currency.getCurrencyCode(), key, byQuarter);
  }
}
