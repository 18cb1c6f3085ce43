package org.parkgate.controller.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.report.MonthOfTraffic.BERLIN;
import static org.parkgate.controller.report.MonthOfTraffic.CNY;
import static org.parkgate.controller.report.MonthOfTraffic.DST_DAY;
import static org.parkgate.controller.report.MonthOfTraffic.FIRST;
import static org.parkgate.controller.report.MonthOfTraffic.LAST;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Tender;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.SiteKey;
import org.parkgate.report.Report;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportJson;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportWriter;
import org.parkgate.report.Row;
import org.sqlite.SQLiteConfig;

/**
 * Every report over a month of traffic, each total recomputed here from the raw ledger rows with
 * SQL of its own (day bounds in the site's zone worked out in Java), to the minor unit.
 */
class MonthOfTrafficReportsTest {
  @TempDir static Path dir;
  static MonthOfTraffic.Built built;
  static Ledger ledger;
  static Reports reports;
  static Connection raw;

  /** Every instant column compared as whole seconds, as the ledger's own queries do. */
  static String sec(String column) {
    return "CAST(strftime('%s', " + column + ") AS INTEGER)";
  }

  static long start(LocalDate day) {
    return day.atStartOfDay(BERLIN).toEpochSecond();
  }

  static long end(LocalDate day) {
    return day.plusDays(1).atStartOfDay(BERLIN).toEpochSecond();
  }

  @BeforeAll
  static void build() throws SQLException {
    built = MonthOfTraffic.build(dir);
    ledger = Ledger.open(built.file(), "demo");
    reports = new Reports(ledger, BERLIN, CNY, MonthOfTraffic.clock(MonthOfTraffic.NOW));
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    raw = config.createConnection("jdbc:sqlite:" + built.file());
  }

  @AfterAll
  static void close() throws SQLException {
    raw.close();
    ledger.close();
  }

  static long q(String sql, Object... args) {
    try (PreparedStatement p = raw.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static long paid(long from, long to) {
    return q(
        "SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE "
            + sec("paid_at")
            + " >= ? AND "
            + sec("paid_at")
            + " < ?",
        from,
        to);
  }

  static long reversed(long from, long to) {
    return q(
        "SELECT COALESCE(SUM(amount_minor), 0) FROM reversals WHERE "
            + sec("reversed_at")
            + " >= ? AND "
            + sec("reversed_at")
            + " < ?",
        from,
        to);
  }

  static long monthNet() {
    return paid(start(FIRST), end(LAST)) + reversed(start(FIRST), end(LAST));
  }

  Report month(ReportKind kind) {
    return reports.compute(ReportRequest.of(kind, FIRST, LAST));
  }

  static long total(Report r, String key) {
    return r.totals().cell(r.column(key)).number();
  }

  @Test
  void revenueByDayMatchesEachDaysRowsAndTheDstDayHasItsNightPayments() {
    Report r = month(ReportKind.REVENUE_BY_DAY);
    assertEquals(31, r.rows().size());
    for (Row row : r.rows()) {
      LocalDate d = LocalDate.parse(row.cell(0).text());
      assertEquals(
          paid(start(d), end(d)) + reversed(start(d), end(d)),
          row.cell(r.column("net")).number(),
          "net of " + d);
    }
    assertEquals(monthNet(), total(r, "net"));
    assertEquals(monthNet(), r.sum("net"));
    assertTrue(total(r, "reversed") < 0, "the month has reversals");
    assertEquals(
        q("SELECT COUNT(*) FROM payments"), total(r, "payments"), "every payment is in October");
    Report dst = reports.compute(ReportRequest.of(ReportKind.REVENUE_BY_HOUR, DST_DAY, DST_DAY));
    assertEquals(25, dst.rows().size(), "the day summer time ends has 25 hours");
    assertEquals("2026-10-25T02:00+02:00", dst.rows().get(2).cell(0).text());
    assertEquals("2026-10-25T02:00+01:00", dst.rows().get(3).cell(0).text());
    assertEquals(777, dst.rows().get(2).cell(dst.column("gross")).number());
    assertEquals(777, dst.rows().get(3).cell(dst.column("gross")).number());
    assertEquals(paid(start(DST_DAY), end(DST_DAY)), total(dst, "gross"));
    assertEquals(25 * 3600, end(DST_DAY) - start(DST_DAY));
  }

  @Test
  void zReportsAndTheMonthlyCloseTotalTheMonth() {
    Report z = month(ReportKind.Z_REPORTS);
    assertEquals(31, z.rows().size());
    assertEquals(monthNet(), total(z, "net"));
    assertEquals(q("SELECT SUM(net_minor) FROM zreports"), total(z, "net"));
    Report m = month(ReportKind.MONTHLY_CLOSE);
    assertEquals(1, m.rows().size());
    assertEquals(1, m.rows().get(0).cell(m.column("close")).number());
    assertEquals("2026-10", m.rows().get(0).cell(m.column("month")).text());
    assertEquals(monthNet(), m.rows().get(0).cell(m.column("net")).number());
    assertEquals(31, m.rows().get(0).cell(m.column("days")).number());
    assertTrue(
        built.refusedEarly().contains("2026-10-20"),
        "a month with a day not Z-closed names the day: " + built.refusedEarly());
    assertTrue(built.closedAgain().contains("已经月结"), built.closedAgain());
    assertTrue(built.closedAgain().contains("already closed"), built.closedAgain());
  }

  @Test
  void theLedgerStillVerifiesWithItsMonthlyCloseChainedAndSigned() throws Exception {
    assertEquals(1, q("SELECT COUNT(*) FROM monthly_closes"));
    assertEquals(
        1,
        q(
            "SELECT COUNT(*) FROM chain c JOIN monthly_closes m ON c.tbl = 'monthly_closes'"
                + " AND c.row_id = m.close_no"));
    assertEquals(1, q("SELECT COUNT(*) FROM anchors WHERE reason = 'monthly-close'"));
    LedgerVerifier.Result result =
        LedgerVerifier.verify(
            built.file(),
            Optional.empty(),
            SiteKey.publicKey(Files.readString(dir.resolve("site-key.pub"))));
    assertTrue(result.ok(), result.summary());
  }

  @Test
  void paymentsByTenderLaneCashierAndHourAddUpToTheSameMonth() {
    Report t = month(ReportKind.PAYMENTS_BY_TENDER);
    for (Tender tender : Tender.values()) {
      long gross =
          q(
              "SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p LEFT JOIN payment_tenders t"
                  + " ON t.payment_id = p.payment_id WHERE COALESCE(t.tender, p.method) = ?",
              tender.code());
      Row row =
          t.rows().stream()
              .filter(x -> x.cell(0).text().startsWith(tender.chinese()))
              .findFirst()
              .orElseThrow();
      assertEquals(gross, row.cell(t.column("gross")).number(), tender.code());
    }
    assertEquals(monthNet(), total(t, "net"));
    assertEquals(10_000, total(t, "share"));
    assertEquals(monthNet(), total(month(ReportKind.PAYMENTS_BY_LANE), "net"));
    Report c = month(ReportKind.PAYMENTS_BY_CASHIER);
    assertEquals(monthNet(), total(c, "net"));
    assertEquals(3, c.rows().size(), "cashier1, cashier2 and the night's cashier3");
    Report h = month(ReportKind.PAYMENTS_BY_HOUR);
    assertEquals(24, h.rows().size());
    assertEquals(monthNet(), total(h, "net"));
    assertEquals(
        q("SELECT COUNT(*) FROM payments WHERE cashier = 'cashier3'"),
        h.rows().get(2).cell(h.column("payments")).number(),
        "both 02:30s of the 25th in the 02:00 hour, and nothing else then");
  }

  @Test
  void filtersNarrowToTheSameRowsAsTheirSql() {
    Report card =
        reports.compute(
            ReportRequest.of(ReportKind.REVENUE_BY_DAY, FIRST, LAST).withTender(Tender.CARD));
    assertEquals(
        q(
                "SELECT SUM(p.amount_minor) FROM payments p JOIN payment_tenders t"
                    + " ON t.payment_id = p.payment_id WHERE t.tender = 'card'")
            + q(
                "SELECT COALESCE(SUM(v.amount_minor), 0) FROM reversals v JOIN payment_tenders t"
                    + " ON t.payment_id = v.payment_id WHERE t.tender = 'card'"),
        total(card, "net"));
    Report suv =
        reports.compute(
            ReportRequest.of(ReportKind.PAYMENTS_BY_LANE, FIRST, LAST)
                .withVehicleClass("suv")
                .withLane("exit-1")
                .withCashier("cashier2"));
    assertEquals(
        q(
            "SELECT SUM(p.amount_minor) FROM payments p JOIN entry_credentials e"
                + " ON e.stay_id = p.stay_id WHERE e.vehicle_class = 'suv' AND p.lane = 'exit-1'"
                + " AND p.cashier = 'cashier2'"),
        total(suv, "gross"));
    assertEquals(1, suv.rows().size());
  }

  /**
   * The money reports read the sums the ledger keeps per quarter hour (V20), kept as each payment,
   * tender and reversal was written: for every grouping, per quarter hour or not, unfiltered and
   * with each filter they can take, over the month, the DST day and an ordinary day, they are the
   * sums grouped from the payments and reversals themselves.
   */
  @Test
  void keptTakingsAreWhatThePaymentsGive() {
    assertKeptTakingsArePaymentSums(ledger);
  }

  /**
   * A ledger from before V20 gets the sums back-filled by the migration from every payment and
   * reversal already written: the same as those kept as they were written, and it verifies.
   */
  @Test
  void takingsBackFilledByTheMigrationAreWhatThePaymentsGive() throws Exception {
    Path before = dir.resolve("before-v20.db");
    Files.copy(built.file(), before);
    try (Connection db = new SQLiteConfig().createConnection("jdbc:sqlite:" + before);
        java.sql.Statement s = db.createStatement()) {
      for (String trigger :
          List.of("payments_takings", "payment_tenders_takings", "reversals_takings")) {
        s.executeUpdate("DROP TRIGGER " + trigger);
      }
      s.executeUpdate("DROP TABLE takings_by_desk");
      s.executeUpdate("DROP TABLE takings_by_tender");
      s.executeUpdate("DELETE FROM schema_migrations WHERE version = 20");
    }
    try (Ledger migrated = Ledger.open(before, "demo")) {
      assertKeptTakingsArePaymentSums(migrated);
    }
    LedgerVerifier.Result result =
        LedgerVerifier.verify(
            before,
            Optional.empty(),
            SiteKey.publicKey(Files.readString(dir.resolve("site-key.pub"))));
    assertTrue(result.ok(), result.summary());
  }

  private static void assertKeptTakingsArePaymentSums(Ledger on) {
    List<ReportRequest> filters =
        List.of(
            ReportRequest.of(ReportKind.PAYMENTS_BY_TENDER, FIRST, LAST),
            ReportRequest.of(ReportKind.PAYMENTS_BY_TENDER, FIRST, LAST).withLane("exit-1"),
            ReportRequest.of(ReportKind.PAYMENTS_BY_TENDER, FIRST, LAST).withCashier("cashier2"),
            ReportRequest.of(ReportKind.PAYMENTS_BY_TENDER, FIRST, LAST).withTender(Tender.CARD),
            ReportRequest.of(ReportKind.PAYMENTS_BY_TENDER, FIRST, LAST)
                .withLane("exit-2")
                .withCashier("cashier1")
                .withTender(Tender.CASH));
    List<Period> periods =
        List.of(
            new Period(FIRST, LAST, BERLIN),
            new Period(DST_DAY, DST_DAY, BERLIN),
            new Period(FIRST.plusDays(9), FIRST.plusDays(9), BERLIN));
    java.util.Comparator<Takings.Sum> order =
        java.util.Comparator.comparing(Takings.Sum::reversal)
            .thenComparing(Takings.Sum::key, java.util.Comparator.nullsFirst(String::compareTo))
            .thenComparing(Takings.Sum::at);
    on.snapshot(
        db -> {
          for (Period period : periods) {
            for (ReportRequest req : filters) {
              for (Takings.Key key : Takings.Key.values()) {
                for (boolean byQuarter : new boolean[] {false, true}) {
                  List<Takings.Sum> kept =
                      Takings.kept(db, req, period, "CNY", key, byQuarter).stream()
                          .sorted(order)
                          .toList();
                  List<Takings.Sum> paid =
                      Takings.fromPayments(db, req, period, "CNY", key, byQuarter).stream()
                          .sorted(order)
                          .toList();
                  String what = period + " " + req + " " + key + " by quarter " + byQuarter;
                  assertEquals(paid, kept, what);
                  assertTrue(!paid.isEmpty() || req.tender() != null, what);
                }
              }
            }
          }
          return null;
        });
  }

  @Test
  void reversalsShiftsAndTheJournalBalance() {
    Report rev = month(ReportKind.REVERSALS);
    assertEquals(q("SELECT COUNT(*) FROM reversals"), rev.rows().size());
    assertEquals(q("SELECT SUM(amount_minor) FROM reversals"), total(rev, "amount"));
    Report s = month(ReportKind.SHIFTS);
    assertEquals(
        q(
            "SELECT COUNT(*) FROM shifts WHERE "
                + sec("closed_at")
                + " >= ? AND "
                + sec("closed_at")
                + " < ?",
            start(FIRST),
            end(LAST)),
        s.rows().size());
    assertEquals(q("SELECT SUM(variance_minor) FROM shift_counts"), total(s, "variance"));
    assertEquals(q("SELECT SUM(paid_minor + reversed_minor) FROM shift_totals"), total(s, "net"));
    Report j = month(ReportKind.JOURNAL);
    assertEquals(monthNet(), total(j, "debit"));
    assertEquals(monthNet(), total(j, "credit"));
    assertEquals("借方金额", j.columns().get(j.column("debit")).zh());
    assertEquals(
        31, j.rows().stream().map(r -> r.cell(j.column("voucher_no")).number()).distinct().count());
  }

  @Test
  void registersCountWhatWasWritten() {
    Report e = month(ReportKind.EXEMPTIONS);
    assertEquals(
        q(
                "SELECT SUM(p.fee_minor) FROM free_passes p JOIN free_pass_decisions d"
                    + " ON d.pass_no = p.pass_no WHERE d.approved = 1")
            + q("SELECT SUM(due_minor) FROM manual_lifts"),
        total(e, "waived"));
    assertEquals(
        q("SELECT COUNT(*) FROM free_passes") + q("SELECT COUNT(*) FROM manual_lifts"),
        e.rows().size());
    Report v = month(ReportKind.VOUCHERS);
    assertEquals(1, v.rows().size());
    assertEquals("万达商场", v.rows().get(0).cell(0).text());
    assertEquals(10, total(v, "issued"));
    assertEquals(built.vouchersRedeemed(), total(v, "redeemed"));
    assertEquals(
        q("SELECT SUM(due_before - due_after) FROM voucher_redemptions"), total(v, "discount"));
    assertEquals(1, total(v, "voided"));
    Report l = month(ReportKind.LOST_CARDS);
    assertEquals(2, l.rows().size());
    assertEquals(
        q("SELECT SUM(parking_minor + replacement_minor) FROM lost_cards"), total(l, "due"));
    Report a = month(ReportKind.ARREARS);
    assertEquals(
        q(
            "SELECT SUM(amount_minor) FROM unpaid_balances WHERE balance_id NOT IN"
                + " (SELECT balance_id FROM settlements)"),
        total(a, "owed"));
    assertEquals(q("SELECT COUNT(*) FROM unpaid_balances") - 1, a.rows().size());
    Report i = month(ReportKind.INCIDENTS);
    assertEquals(q("SELECT COUNT(*) FROM incidents"), total(i, "count"));
    assertEquals(q("SELECT COUNT(*) FROM incidents"), total(i, "unresolved"));
    // Finance reads each kind in the booth's words, not the controller's code.
    java.util.List<String> kinds = i.rows().stream().map(r -> r.cells().get(0).text()).toList();
    assertTrue(kinds.contains("跟车 · Tailgating"), kinds.toString());
    assertTrue(kinds.stream().allMatch(k -> k.contains(" · ")), kinds.toString());
  }

  @Test
  void occupancyAndDwellFollowEntriesAndExits() {
    Report o = month(ReportKind.OCCUPANCY);
    assertEquals(31 * 24 + 1, o.rows().size(), "October in Berlin has one 25-hour day");
    assertEquals(
        q("SELECT COUNT(*) FROM entries") - q("SELECT COUNT(*) FROM exits"), total(o, "inside"));
    assertEquals(q("SELECT COUNT(*) FROM entries"), total(o, "entries"));
    Report d = month(ReportKind.DWELL);
    assertEquals(q("SELECT COUNT(*) FROM exits"), total(d, "stays"));
    assertEquals(10_000, total(d, "share"));
  }

  /**
   * Each dwell band's stays and average worked out here from the raw entries and exits, the
   * instants parsed in Java (whole seconds, never below zero), for the whole month and with each
   * filter.
   */
  @Test
  void dwellBandsMatchEachStayRecomputedFromItsEntryAndExit() throws SQLException {
    long[] bounds = {900, 3600, 7200, 14_400, 28_800, 86_400, 259_200, Long.MAX_VALUE};
    for (ReportRequest req :
        List.of(
            ReportRequest.of(ReportKind.DWELL, FIRST, LAST),
            ReportRequest.of(ReportKind.DWELL, FIRST, LAST).withLane("exit-2"),
            ReportRequest.of(ReportKind.DWELL, FIRST, LAST).withVehicleClass("suv"),
            ReportRequest.of(ReportKind.DWELL, DST_DAY, DST_DAY))) {
      long[] count = new long[bounds.length];
      long[] seconds = new long[bounds.length];
      try (PreparedStatement p =
              raw.prepareStatement(
                  "SELECT n.entered_at, x.exited_at, x.lane, e.vehicle_class FROM exits x"
                      + " JOIN entries n ON n.stay_id = x.stay_id"
                      + " LEFT JOIN entry_credentials e ON e.stay_id = x.stay_id");
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Instant in = Instant.parse(r.getString(1));
          Instant out = Instant.parse(r.getString(2));
          if (out.getEpochSecond() < start(req.from())
              || out.getEpochSecond() >= end(req.to())
              || (req.lane() != null && !req.lane().equals(r.getString(3)))
              || (req.vehicleClass() != null && !req.vehicleClass().equals(r.getString(4)))) {
            continue;
          }
          long s = Math.max(0, out.getEpochSecond() - in.getEpochSecond());
          int b = 0;
          while (s >= bounds[b]) {
            b++;
          }
          count[b]++;
          seconds[b] += s;
        }
      }
      Report d = reports.compute(req);
      long all = 0;
      for (int b = 0; b < bounds.length; b++) {
        Row row = d.rows().get(b);
        assertEquals(count[b], row.cell(d.column("stays")).number(), req + " band " + b);
        assertEquals(
            count[b] == 0 ? 0 : seconds[b] / count[b],
            row.cell(d.column("average")).number(),
            req + " band " + b + " average");
        all += count[b];
      }
      assertEquals(all, total(d, "stays"), req.toString());
      assertTrue(all > 0, "the month has stays for " + req);
    }
  }

  /**
   * Every kind over the month exported a row at a time from the ledger ({@link Reports#export})
   * gives the very bytes the whole report written out gives: CSV in both encodings, and every part
   * of the XLSX file (the time of writing it carries aside).
   */
  @Test
  void streamedExportsAreByteForByteTheWholeReportsExports() throws Exception {
    for (ReportKind kind : ReportKind.values()) {
      if (kind.headOffice()) {
        continue; // from the central database, not a ledger
      }
      ReportRequest req = ReportRequest.of(kind, FIRST, LAST);
      Report whole = reports.compute(req);
      for (java.nio.charset.Charset cs :
          List.of(java.nio.charset.StandardCharsets.UTF_8, ReportWriter.GB18030)) {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ReportWriter.write(whole, ReportFormat.CSV, cs, a);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        long rows = reports.export(req, ReportWriter.sink(ReportFormat.CSV, cs, b));
        assertEquals(whole.rows().size(), rows, kind.code());
        assertArrayEquals(a.toByteArray(), b.toByteArray(), kind.code() + " csv " + cs);
        if (kind == ReportKind.SHIFTS
            || kind == ReportKind.EXEMPTIONS
            || kind == ReportKind.LOST_CARDS) {
          assertTrue(whole.rows().size() > 1, "the month has a register to stream: " + kind);
        }
      }
      ByteArrayOutputStream a = new ByteArrayOutputStream();
      ReportWriter.write(whole, ReportFormat.XLSX, null, a);
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      reports.export(req, ReportWriter.sink(ReportFormat.XLSX, null, b));
      Map<String, String> wholeParts = zipParts(a.toByteArray());
      assertTrue(wholeParts.keySet().stream().anyMatch(n -> n.contains("sheet")), kind.code());
      assertEquals(wholeParts, zipParts(b.toByteArray()), kind.code() + " xlsx");
    }
  }

  /** Each part of an XLSX file by name, read through the zip's central directory. */
  private static Map<String, String> zipParts(byte[] file) throws java.io.IOException {
    Path copy = Files.createTempFile(dir, "export", ".xlsx");
    Files.write(copy, file);
    Map<String, String> parts = new java.util.TreeMap<>();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(copy.toFile())) {
      for (var e : java.util.Collections.list(zip.entries())) {
        try (var in = zip.getInputStream(e)) {
          // fastexcel stamps the file with the time it was written, not the report's
          parts.put(
              e.getName(),
              new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                  .replaceAll("<dcterms:created[^<]*</dcterms:created>", ""));
        }
      }
    }
    return parts;
  }

  @Test
  void aReportTravelsAsJsonUnchanged() {
    for (ReportKind kind : ReportKind.values()) {
      if (kind.headOffice()) {
        continue;
      }
      Report r = month(kind);
      assertEquals(r, ReportJson.read(ReportJson.write(r)), kind.code());
      assertEquals(r.chainLink(), q("SELECT MAX(link) FROM chain"), "computed at the chain head");
    }
  }
}
