package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.CashCount;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.FreePasses;
import org.parkgate.controller.ledger.Handovers;
import org.parkgate.controller.ledger.LaneModes;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.ManualLifts;
import org.parkgate.controller.ledger.Payment;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Reversals;
import org.parkgate.controller.ledger.ShiftReport;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.report.ReportMain;
import org.parkgate.controller.report.Reports;
import org.parkgate.money.Money;
import org.parkgate.report.Report;
import org.parkgate.report.ReportJson;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.Row;
import org.parkgate.site.LaneMode;

/**
 * Head office's central-shifts and central-exemptions on a real PostgreSQL fed by two sites'
 * controllers: Shanghai (UTC+8, CNY) and London (UTC+0 in January, GBP). Shanghai has shifts closed
 * either side of its own midnights, one handed over to the next cashier, free passes approved,
 * refused and still waiting, barriers lifted by hand and a fee let go at a free-exit lane; London a
 * shift with a reversal closed late on the 10th (Shanghai's 11th), one closed without a count, a
 * lift and a pass. Each site's rows are its own shifts and exemptions reports, computed from its
 * ledger.
 */
class CentralShiftsReportsTest {
  private static final LocalDate FROM = LocalDate.of(2027, 1, 9);
  private static final LocalDate TO = LocalDate.of(2027, 1, 10);
  private static final Instant NOW = Instant.parse("2027-01-12T09:00:00Z");

  @TempDir static Path dir;
  private static PgCluster pg;
  private static Ledger shanghai;
  private static Ledger london;

  @BeforeAll
  static void twoSitesShipped() throws Exception {
    pg = PgCluster.create();
    try (Connection db = pg.superuser()) {
      CentralSchema.install(db);
      CentralViews.install(db);
    }
    shanghai = Ledger.open(dir.resolve("sh.db"), "shanghai");
    london = Ledger.open(dir.resolve("ldn.db"), "london");

    // Shanghai: midnight is 16:00 UTC.
    Shifts sh = new Shifts(shanghai);
    sh.open("o-1", "cashier1", at("2027-01-08T14:00:00Z"), cash("CNY", 10000));
    pay(shanghai, "sh-1", "CNY", 1000, "cashier1", "2027-01-08T15:00:00Z");
    sh.close("c-1", "cashier1", at("2027-01-08T15:30:00Z"), cash("CNY", 11000)); // the 8th
    sh.open("o-2", "cashier1", at("2027-01-09T00:00:00Z"), cash("CNY", 10000));
    pay(shanghai, "sh-2", "CNY", 1200, "cashier1", "2027-01-09T01:00:00Z");
    pay(shanghai, "sh-3", "CNY", 1500, "cashier1", "2027-01-09T02:00:00Z");
    ShiftReport handed =
        sh.close("c-2", "cashier1", at("2027-01-09T08:00:00Z"), cash("CNY", 12650)); // 50 short
    Shifts.Open next = sh.open("o-3", "cashier2", at("2027-01-09T08:00:00Z"), cash("CNY", 12650));
    new Handovers(shanghai)
        .record(
            "h-1",
            handed.shiftNo(),
            "cashier1",
            next.shiftNo(),
            "cashier2",
            Money.of(12650, "CNY"),
            "booth-1",
            at("2027-01-09T08:00:00Z"));
    pay(shanghai, "sh-4", "CNY", 700, "cashier2", "2027-01-09T10:00:00Z");
    sh.close("c-3", "cashier2", at("2027-01-09T16:30:00Z"), cash("CNY", 13350)); // 00:30 the 10th
    sh.open("o-4", "cashier3", at("2027-01-10T12:00:00Z"));
    pay(shanghai, "sh-5", "CNY", 900, "cashier3", "2027-01-10T13:00:00Z");
    sh.close("c-4", "cashier3", at("2027-01-10T16:00:00Z"), cash("CNY", 900)); // the 11th

    FreePasses passes = new FreePasses(shanghai);
    long old = ask(shanghai, "p-0", "沪B·00000", 900, "CNY", "2027-01-08T15:00:00Z");
    passes.decide("d-0", old, true, "super1", null, at("2027-01-08T15:01:00Z"));
    long approved = ask(shanghai, "p-1", "沪B·00001", 1500, "CNY", "2027-01-09T02:00:00Z");
    passes.decide("d-1", approved, true, "super1", "ok", at("2027-01-09T02:05:00Z"));
    long refused = ask(shanghai, "p-2", "沪B·00002", 600, "CNY", "2027-01-09T17:00:00Z");
    passes.decide("d-2", refused, false, "super2", "no", at("2027-01-09T17:02:00Z"));
    ask(shanghai, "p-3", "沪B·00003", 300, "CNY", "2027-01-10T03:00:00Z"); // awaiting
    ManualLifts lifts = new ManualLifts(shanghai);
    Stay lifted = new Stays(shanghai).recordEntry("entry-1", "CARD-L1", at("2027-01-09T01:00:00Z"));
    lifts.record(
        "l-1",
        "exit-2",
        lifted.stayId(),
        Money.of(800, "CNY"),
        "道闸故障 · barrier fault",
        "super1",
        at("2027-01-09T05:00:00Z"));
    lifts.record(
        "l-2", "exit-1", 0, null, "no card", "super2", at("2027-01-10T15:59:59Z")); // 23:59:59
    LaneModes modes = new LaneModes(shanghai);
    LaneModes.Change drill =
        modes
            .set(
                "m-1",
                "exit-2",
                LaneMode.FREE_EXIT,
                "super1",
                "消防演习 · fire drill",
                at("2027-01-10T06:00:00Z"))
            .change();
    Stay waived = new Stays(shanghai).recordEntry("entry-1", "CARD-W1", at("2027-01-10T04:00:00Z"));
    modes.waive(
        waived.stayId(),
        "exit-2",
        Money.of(1200, "CNY"),
        drill.changeId(),
        at("2027-01-10T06:30:00Z"));

    // London: midnight is 00:00 UTC in January.
    Shifts ldn = new Shifts(london);
    ldn.open("o-1", "cashier8", at("2027-01-09T08:00:00Z"));
    pay(london, "ldn-1", "GBP", 300, "cashier8", "2027-01-09T09:00:00Z");
    ldn.close("c-1", "cashier8", at("2027-01-09T12:00:00Z")); // no count
    ldn.open("o-2", "cashier9", at("2027-01-10T20:00:00Z"), cash("GBP", 5000));
    Payment back = pay(london, "ldn-2", "GBP", 800, "cashier9", "2027-01-10T20:30:00Z");
    pay(london, "ldn-3", "GBP", 450, "cashier9", "2027-01-10T20:40:00Z");
    new Reversals(london)
        .reversePayment(
            "r-1", back.receiptNo(), "super9", "wrong plate", at("2027-01-10T21:00:00Z"));
    ldn.close("c-2", "cashier9", at("2027-01-10T23:30:00Z"), cash("GBP", 5500)); // 50 over
    new ManualLifts(london)
        .record(
            "l-1", "exit-1", 0, Money.of(300, "GBP"), "jam", "super9", at("2027-01-09T23:30:00Z"));
    long gb = ask(london, "p-1", "LD27 ABC", 500, "GBP", "2027-01-10T10:00:00Z");
    new FreePasses(london).decide("d-1", gb, true, "super9", null, at("2027-01-10T10:01:00Z"));

    ship(shanghai, "shanghai", "Asia/Shanghai", "CNY");
    ship(london, "london", "Europe/London", "GBP");
  }

  @AfterAll
  static void close() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {shanghai, london, pg}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static CashCount cash(String currency, long minor) {
    return new CashCount(currency, List.of(new CashCount.Pieces(minor, 1)));
  }

  private static Payment pay(
      Ledger ledger, String id, String currency, long minor, String cashier, String when) {
    Instant t = at(when);
    Stay s = new Stays(ledger).recordEntry("entry-1", "CARD-" + id, t.minusSeconds(3600));
    return new Payments(ledger)
        .recordPayment(id, s.stayId(), "exit-1", Money.of(minor, currency), cashier, t);
  }

  private static long ask(
      Ledger ledger, String id, String plate, long fee, String currency, String when) {
    Instant t = at(when);
    Stay s = new Stays(ledger).recordEntry("entry-1", "CARD-" + id, t.minusSeconds(3600));
    return new FreePasses(ledger)
        .ask(
            id,
            "exit-1",
            s.stayId(),
            "CARD-" + id,
            plate,
            Money.of(fee, currency),
            "救护车 · ambulance",
            "cashier1",
            t)
        .passNo();
  }

  private static void ship(Ledger ledger, String site, String zone, String currency)
      throws Exception {
    HeadOffice.ship(pg, dir, ledger, site, zone, currency);
  }

  private static Report central(ReportKind kind, String... sites) throws Exception {
    try (Connection db = pg.superuser()) {
      return new CentralReports(db, Clock.fixed(NOW, ZoneOffset.UTC))
          .compute(ReportRequest.of(kind, FROM, TO), List.of(sites));
    }
  }

  /** The site's own report of {@code kind}, from its ledger. */
  private static Report own(ReportKind kind, Ledger ledger, String zone, String currency) {
    return new Reports(
            ledger,
            ZoneId.of(zone),
            Currency.getInstance(currency),
            Clock.fixed(NOW, ZoneOffset.UTC))
        .compute(ReportRequest.of(kind, FROM, TO));
  }

  private static String text(Report r, Row row, String key) {
    return row.cell(r.column(key)).text();
  }

  private static String shown(Report r, Row row, String key) {
    var c = row.cell(r.column(key));
    return c.isEmpty() ? "" : c.text() != null ? c.text() : Long.toString(c.number());
  }

  private static final Object[][] SITES = {
    {"london", "Europe/London", "GBP"}, {"shanghai", "Asia/Shanghai", "CNY"}
  };

  private static Ledger ledger(String site) {
    return site.equals("london") ? london : shanghai;
  }

  /** The central report's rows of one site. */
  private static List<Row> rowsOf(Report r, String site) {
    return r.rows().stream().filter(row -> site.equals(text(r, row, "site"))).toList();
  }

  @Test
  void shiftsAreEachSitesOwnShiftsReportWithWhoTookOver() throws Exception {
    Report r = central(ReportKind.CENTRAL_SHIFTS);
    for (Object[] site : SITES) {
      String id = (String) site[0];
      String cur = (String) site[2];
      Report own = own(ReportKind.SHIFTS, ledger(id), (String) site[1], cur);
      List<Row> mine = rowsOf(r, id);
      assertEquals(own.rows().size(), mine.size(), id);
      for (int i = 0; i < mine.size(); i++) {
        Row c = mine.get(i);
        Row o = own.rows().get(i);
        String at = id + " shift " + shown(own, o, "shift");
        for (String[] k :
            new String[][] {
              {"shift", "shift"},
              {"cashier", "cashier"},
              {"opened", "opened"},
              {"closed", "closed"},
              {"payments", "payments"},
              {"reversals", "reversals"},
              {"net", "net_" + cur},
              {"expected", "expected_" + cur},
              {"counted", "counted_" + cur},
              {"variance", "variance_" + cur}
            }) {
          assertEquals(shown(own, o, k[0]), shown(r, c, k[1]), at + " " + k[0]);
        }
        String other = cur.equals("GBP") ? "CNY" : "GBP";
        assertTrue(c.cell(r.column("net_" + other)).isEmpty(), at + ": no " + other);
      }
    }
    // By hand: Shanghai's 9th and 10th hold two shifts (the one closed at 00:30 on the 10th), the
    // first handed over to cashier2; London's 10th holds the shift closed at 23:30 UTC. A shift
    // closed without a count has no variance ("-").
    List<String> summary = new ArrayList<>();
    for (Row row : r.rows()) {
      summary.add(
          String.join(
              " ",
              text(r, row, "site"),
              text(r, row, "cashier"),
              text(r, row, "closed"),
              (shown(r, row, "variance_CNY") + shown(r, row, "variance_GBP") + "-")
                  .replaceAll("(.)-$", "$1"),
              shown(r, row, "handed_to")));
    }
    assertEquals(
        List.of(
            "london cashier8 2027-01-09T12:00+00:00 - ",
            "london cashier9 2027-01-10T23:30+00:00 50 ",
            "shanghai cashier1 2027-01-09T16:00+08:00 -50 cashier2",
            "shanghai cashier2 2027-01-10T00:30+08:00 0 "),
        summary);
    assertEquals(450, r.rows().get(1).cell(r.column("net_GBP")).number());
    assertTrue(r.totals().cell(r.column("shift")).isEmpty());
    assertEquals(2700 + 700, r.totals().cell(r.column("net_CNY")).number());
    assertEquals(-50, r.totals().cell(r.column("variance_CNY")).number());
    assertEquals(ChainLinks.head(shanghai).link() + ChainLinks.head(london).link(), r.chainLink());
    assertEquals(2, central(ReportKind.CENTRAL_SHIFTS, "shanghai").rows().size());
  }

  @Test
  void exemptionsAreEachSitesOwnWithTheFreeExitWaivers() throws Exception {
    Report r = central(ReportKind.CENTRAL_EXEMPTIONS);
    for (Object[] site : SITES) {
      String id = (String) site[0];
      String zone = (String) site[1];
      String cur = (String) site[2];
      Report own = own(ReportKind.EXEMPTIONS, ledger(id), zone, cur);
      List<Row> mine =
          rowsOf(r, id).stream()
              .filter(row -> !text(r, row, "kind").contains("Free-exit"))
              .toList();
      assertEquals(own.rows().size(), mine.size(), id);
      for (Row o : own.rows()) {
        String kind = text(own, o, "kind");
        String no = shown(own, o, "no");
        Row c =
            mine.stream()
                .filter(x -> kind.equals(text(r, x, "kind")) && no.equals(shown(r, x, "no")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + ": no " + kind + " " + no));
        for (String k : List.of("at", "lane", "plate", "reason", "asked", "decided", "outcome")) {
          assertEquals(shown(own, o, k), shown(r, c, k), id + " " + kind + " " + no + " " + k);
        }
        assertEquals(shown(own, o, "fee"), shown(r, c, "fee_" + cur));
        assertEquals(shown(own, o, "waived"), shown(r, c, "waived_" + cur));
        assertEquals(
            LocalDate.ofInstant(
                    java.time.OffsetDateTime.parse(text(own, o, "at")).toInstant(), ZoneId.of(zone))
                .toString(),
            text(r, c, "day"));
      }
    }
    // The waiver at the free-exit lane: the mode change's reason and who set it.
    List<Row> free =
        r.rows().stream().filter(row -> text(r, row, "kind").contains("Free-exit")).toList();
    assertEquals(1, free.size());
    Row w = free.get(0);
    assertEquals(
        List.of("shanghai", "2027-01-10", "exit-2", "消防演习 · fire drill", "super1", "1200"),
        List.of(
            text(r, w, "site"),
            text(r, w, "day"),
            text(r, w, "lane"),
            text(r, w, "reason"),
            text(r, w, "decided"),
            shown(r, w, "waived_CNY")));
    // By hand: Shanghai's are the three passes of the 9th and 10th, two lifts and the waiver,
    // by day; the 8th's pass is left out. London has a lift on the 9th and a pass on the 10th.
    List<String> order = new ArrayList<>();
    for (Row row : r.rows()) {
      order.add(text(r, row, "site") + " " + text(r, row, "day") + " " + shown(r, row, "plate"));
    }
    assertEquals(
        List.of(
            "london 2027-01-09 ",
            "london 2027-01-10 LD27 ABC",
            "shanghai 2027-01-09 沪B·00001",
            "shanghai 2027-01-09 ",
            "shanghai 2027-01-10 沪B·00002",
            "shanghai 2027-01-10 沪B·00003",
            "shanghai 2027-01-10 ",
            "shanghai 2027-01-10 "),
        order);
    assertEquals(8, r.totals().cell(r.column("no")).number());
    assertEquals(1500 + 800 + 1200, r.totals().cell(r.column("waived_CNY")).number());
    assertEquals(300 + 500, r.totals().cell(r.column("waived_GBP")).number());
  }

  @Test
  void theViewsReadTheRowsAsTheSitesWroteThem() throws Exception {
    try (Connection db = pg.superuser();
        var s = db.createStatement()) {
      try (var q =
          s.executeQuery(
              "SELECT from_cashier, to_cashier, closed_shift + 1 = opened_shift"
                  + " FROM central.handovers WHERE site_id = 'shanghai'")) {
        assertTrue(q.next());
        assertEquals(
            List.of("cashier1", "cashier2", "t"),
            List.of(q.getString(1), q.getString(2), q.getString(3)));
      }
      try (var q =
          s.executeQuery(
              "SELECT plate, approved, decided_by FROM central.free_passes"
                  + " WHERE site_id = 'shanghai' ORDER BY pass_no")) {
        List<String> got = new ArrayList<>();
        while (q.next()) {
          got.add(q.getString(1) + " " + q.getString(2) + " " + q.getString(3));
        }
        assertEquals(
            List.of(
                "沪B·00000 t super1",
                "沪B·00001 t super1",
                "沪B·00002 f super2",
                "沪B·00003 null null"),
            got);
      }
      try (var q =
          s.executeQuery(
              "SELECT mode, changed_by, amount_minor FROM central.waivers"
                  + " WHERE site_id = 'shanghai'")) {
        assertTrue(q.next());
        assertEquals("FREE_EXIT", q.getString(1));
        assertEquals(1200, q.getLong(3));
      }
      try (var q =
          s.executeQuery(
              "SELECT count(*) FILTER (WHERE due_minor IS NULL), count(*) FROM central.manual_lifts")) {
        assertTrue(q.next());
        assertEquals(List.of(1L, 3L), List.of(q.getLong(1), q.getLong(2)));
      }
    }
  }

  @Test
  void theCommandLineWritesBoth() throws Exception {
    Path pw = dir.resolve("superuser.password");
    Files.writeString(pw, PgCluster.SUPERUSER_PASSWORD + "\n");
    for (ReportKind kind : List.of(ReportKind.CENTRAL_SHIFTS, ReportKind.CENTRAL_EXEMPTIONS)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          ReportMain.run(
              List.of(
                  kind.code(),
                  "--central",
                  pg.url(),
                  "--user",
                  "postgres",
                  "--password-file",
                  pw.toString(),
                  "--from",
                  FROM.toString(),
                  "--to",
                  TO.toString(),
                  "--format",
                  "json"),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              Clock.fixed(NOW, ZoneOffset.UTC),
              Map.of());
      assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
      Report json = ReportJson.read(out.toString(StandardCharsets.UTF_8));
      assertEquals(kind, json.kind());
      assertEquals(central(kind).rows(), json.rows());
    }
  }
}
