package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payment;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Reversals;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.ledger.UnpaidBalances;
import org.parkgate.controller.report.ReportMain;
import org.parkgate.controller.report.Reports;
import org.parkgate.money.Money;
import org.parkgate.report.Report;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.Row;

/**
 * Head office's reports on a real PostgreSQL fed by two sites' controllers: Shanghai (UTC+8, CNY)
 * and London (UTC+0 in January, GBP), each with payments either side of its own midnight, London
 * with a reversal, and a plate that left Shanghai owing twice and paid one of them. The takings per
 * site and day are the site's own revenue-by-day report, computed from its ledger; the arrears are
 * what the plate still owes.
 */
class CentralReportsTest {
  private static final LocalDate FROM = LocalDate.of(2027, 1, 9);
  private static final LocalDate TO = LocalDate.of(2027, 1, 10);
  private static final Instant NOW = Instant.parse("2027-01-12T09:00:00Z");
  private static final String PLATE = "沪A·12345";

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
    pay(shanghai, "sh-1", "CNY", 1000, "2027-01-08T15:59:00Z"); // 8 Jan there: outside
    pay(shanghai, "sh-2", "CNY", 1200, "2027-01-08T16:00:00Z"); // 00:00 on the 9th
    pay(shanghai, "sh-3", "CNY", 1500, "2027-01-09T15:59:59Z"); // 23:59:59 on the 9th
    pay(shanghai, "sh-4", "CNY", 700, "2027-01-09T16:00:01Z"); // the 10th
    pay(shanghai, "sh-5", "CNY", 900, "2027-01-10T16:00:00Z"); // the 11th: outside
    UnpaidBalances unpaid = new UnpaidBalances(shanghai);
    Stays shStays = new Stays(shanghai);
    Stay first = shStays.recordEntry("entry-1", "SH-OWE-1", Instant.parse("2027-01-09T01:00:00Z"));
    UnpaidBalances.Balance owed1 =
        unpaid.record(
            PLATE,
            first.stayId(),
            "exit-1",
            Money.of(1500, "CNY"),
            "barrier lifted by hand\n车道故障",
            Instant.parse("2027-01-09T03:00:00Z"));
    Stay second = shStays.recordEntry("entry-1", "SH-OWE-2", Instant.parse("2027-01-09T08:00:00Z"));
    unpaid.record(
        PLATE,
        second.stayId(),
        "exit-1",
        Money.of(2500, "CNY"),
        "free pass",
        Instant.parse("2027-01-09T10:00:00Z"));
    Payment settling = pay(shanghai, "sh-6", "CNY", 1500, "2027-01-10T02:00:00Z");
    unpaid.settle(owed1, settling.paymentId(), Instant.parse("2027-01-10T02:00:00Z"));

    // London: midnight is 00:00 UTC in January.
    Payment reversed = pay(london, "ldn-1", "GBP", 450, "2027-01-09T23:59:00Z"); // the 9th
    pay(london, "ldn-2", "GBP", 300, "2027-01-10T00:01:00Z"); // the 10th
    pay(london, "ldn-3", "GBP", 800, "2027-01-10T16:30:00Z"); // the 10th (Shanghai's 11th)
    new Reversals(london)
        .reversePayment(
            "rev-1",
            reversed.receiptNo(),
            "super1",
            "wrong plate",
            Instant.parse("2027-01-10T00:30:00Z"));

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

  private static Payment pay(Ledger ledger, String id, String currency, long minor, String at) {
    Instant when = Instant.parse(at);
    Stay s = new Stays(ledger).recordEntry("entry-1", "CARD-" + id, when.minusSeconds(3600));
    return new Payments(ledger)
        .recordPayment(id, s.stayId(), "exit-1", Money.of(minor, currency), "cashier1", when);
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

  /** The site's own revenue-by-day report, from its ledger. */
  private static Report siteRevenue(Ledger ledger, String zone, String currency) {
    return new Reports(
            ledger,
            ZoneId.of(zone),
            Currency.getInstance(currency),
            Clock.fixed(NOW, ZoneOffset.UTC))
        .compute(ReportRequest.of(ReportKind.REVENUE_BY_DAY, FROM, TO));
  }

  private static long cell(Report r, Row row, String key) {
    return row.cell(r.column(key)).number();
  }

  private static String text(Report r, Row row, String key) {
    return row.cell(r.column(key)).text();
  }

  @Test
  void takingsPerSiteAndDayAreEachSitesOwnRevenueByDay() throws Exception {
    Report r = central(ReportKind.CENTRAL_TAKINGS);
    assertEquals(4, r.rows().size(), "two sites, two days each");
    int row = 0;
    for (Object[] site :
        new Object[][] {
          {london, "london", "Europe/London", "GBP"}, {shanghai, "shanghai", "Asia/Shanghai", "CNY"}
        }) {
      Report own = siteRevenue((Ledger) site[0], (String) site[2], (String) site[3]);
      String cur = (String) site[3];
      for (Row day : own.rows()) {
        Row c = r.rows().get(row++);
        assertEquals(site[1], text(r, c, "site"));
        assertEquals(text(own, day, "day"), text(r, c, "day"));
        String at = site[1] + " " + text(own, day, "day");
        assertEquals(cell(own, day, "payments"), cell(r, c, "payments"), at);
        assertEquals(cell(own, day, "gross"), cell(r, c, "taken_" + cur), at);
        assertEquals(cell(own, day, "reversals"), cell(r, c, "reversals"), at);
        assertEquals(cell(own, day, "reversed"), cell(r, c, "reversed_" + cur), at);
        assertEquals(cell(own, day, "net"), cell(r, c, "net_" + cur), at);
        String other = cur.equals("GBP") ? "CNY" : "GBP";
        assertTrue(c.cell(r.column("taken_" + other)).isEmpty(), at + ": no " + other);
      }
    }
    // And by hand: Shanghai's 9th is its own midnight to midnight, London's 10th has the reversal.
    assertEquals(List.of(2L, 2700L), figures(r, "shanghai", "2027-01-09", "CNY"));
    assertEquals(List.of(2L, 2200L), figures(r, "shanghai", "2027-01-10", "CNY"));
    assertEquals(List.of(1L, 450L), figures(r, "london", "2027-01-09", "GBP"));
    assertEquals(List.of(2L, 1100L - 450L), figures(r, "london", "2027-01-10", "GBP"));
    assertEquals(1, r.totals().cell(r.column("reversals")).number());
    assertEquals(2700 + 2200, r.totals().cell(r.column("net_CNY")).number());
    assertEquals(450 + 650, r.totals().cell(r.column("net_GBP")).number());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("site shanghai")), r.notes().toString());
    assertEquals(ChainLinks.head(shanghai).link() + ChainLinks.head(london).link(), r.chainLink());

    Report one = central(ReportKind.CENTRAL_TAKINGS, "shanghai");
    assertEquals(2, one.rows().size());
    assertEquals(ZoneId.of("Asia/Shanghai"), one.zone());
    assertEquals(
        List.of("CNY"),
        one.columns().stream()
            .filter(c -> c.currency() != null)
            .map(c -> c.currency())
            .distinct()
            .toList());
  }

  /** Payments and net of one site's day. */
  private static List<Long> figures(Report r, String site, String day, String cur) {
    for (Row row : r.rows()) {
      if (site.equals(text(r, row, "site")) && day.equals(text(r, row, "day"))) {
        return List.of(cell(r, row, "payments"), cell(r, row, "net_" + cur));
      }
    }
    throw new AssertionError("no row for " + site + " " + day);
  }

  @Test
  void arrearsListThePlateAtTheSiteItOwesWhatIsLeft() throws Exception {
    Report r = central(ReportKind.CENTRAL_ARREARS);
    assertEquals(1, r.rows().size(), r.rows().toString());
    Row row = r.rows().get(0);
    assertEquals(PLATE, text(r, row, "plate"));
    assertEquals("shanghai", text(r, row, "site"));
    assertEquals(1, cell(r, row, "visits"));
    assertEquals(2500, cell(r, row, "owed_CNY"));
    assertEquals("2027-01-09T18:00+08:00", text(r, row, "since"));

    // As at the end of the 9th in Shanghai, both were still owed.
    try (Connection db = pg.superuser()) {
      Report before =
          new CentralReports(db, Clock.fixed(NOW, ZoneOffset.UTC))
              .compute(ReportRequest.of(ReportKind.CENTRAL_ARREARS, FROM, FROM), List.of());
      Row b = before.rows().get(0);
      assertEquals(2, cell(before, b, "visits"));
      assertEquals(4000, cell(before, b, "owed_CNY"));
      assertEquals("2027-01-09T11:00+08:00", text(before, b, "since"));
      // The view says the same for now.
      try (var s = db.createStatement();
          var q =
              s.executeQuery(
                  "SELECT site_id, plate, currency, owed_minor, visits FROM central.arrears")) {
        assertTrue(q.next());
        assertEquals(
            List.of("shanghai", PLATE, "CNY", 2500L, 1L),
            List.of(q.getString(1), q.getString(2), q.getString(3), q.getLong(4), q.getLong(5)));
        assertTrue(!q.next());
      }
    }
    assertEquals(0, central(ReportKind.CENTRAL_ARREARS, "london").rows().size());
  }

  @Test
  void theViewsReadTheRowsAsTheSitesWroteThem() throws Exception {
    try (Connection db = pg.superuser();
        var s = db.createStatement()) {
      try (var q =
          s.executeQuery(
              "SELECT reason FROM central.unpaid_balances WHERE site_id = 'shanghai'"
                  + " ORDER BY balance_id")) {
        assertTrue(q.next());
        assertEquals("barrier lifted by hand\n车道故障", q.getString(1));
      }
      try (var q =
          s.executeQuery(
              "SELECT p.receipt_no, p.tender, v.amount_minor, v.reason FROM central.reversals v"
                  + " JOIN central.payments p ON p.site_id = v.site_id AND p.payment_id ="
                  + " v.payment_id")) {
        assertTrue(q.next());
        assertEquals("cash", q.getString(2));
        assertEquals(-450, q.getLong(3));
        assertEquals("wrong plate", q.getString(4));
      }
      try (var q =
          s.executeQuery("SELECT site_id, count(*) FROM central.payments GROUP BY 1 ORDER BY 1")) {
        assertTrue(q.next());
        assertEquals(3, q.getLong(2));
        assertTrue(q.next());
        assertEquals(6, q.getLong(2));
      }
    }
  }

  @Test
  void anUnknownSiteIsABadArgument() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CentralReports.UnknownSite.class, () -> central(ReportKind.CENTRAL_TAKINGS, "nowhere"));
    assertTrue(e.getMessage().contains("no site 'nowhere'"), e.getMessage());
  }

  private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
  private final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

  /** ./parking report as the command line runs it, with {@code env} as its environment. */
  private int report(java.util.Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return ReportMain.run(
        List.of(args),
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
        Clock.fixed(NOW, ZoneOffset.UTC),
        env);
  }

  private String out() {
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String[] cli(String kind, String... more) throws Exception {
    Path pw = dir.resolve("superuser.password");
    Files.writeString(pw, PgCluster.SUPERUSER_PASSWORD + "\n");
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                kind,
                "--central",
                pg.url(),
                "--user",
                "postgres",
                "--password-file",
                pw.toString(),
                "--from",
                FROM.toString(),
                "--to",
                TO.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void theCommandLineWritesEveryFormat() throws Exception {
    java.util.Map<String, String> none = java.util.Map.of();
    for (ReportKind kind : List.of(ReportKind.CENTRAL_TAKINGS, ReportKind.CENTRAL_ARREARS)) {
      assertEquals(0, report(none, cli(kind.code())), err());
      assertTrue(out().startsWith(kind.title()), out());
      assertTrue(out().contains("site shanghai Car park shanghai (Asia/Shanghai, CNY)"), out());
      assertEquals(0, report(none, cli(kind.code(), "--format", "json")), err());
      Report json = org.parkgate.report.ReportJson.read(out());
      assertEquals(kind, json.kind());
      assertEquals(central(kind).rows(), json.rows());
      for (String f : List.of("csv", "xlsx")) {
        Path file = dir.resolve(kind.code() + "." + f);
        assertEquals(0, report(none, cli(kind.code(), "--format", f, "--out", file.toString())));
        assertTrue(Files.size(file) > 0);
        assertTrue(out().contains("written to " + file), out());
      }
    }
    String csv =
        Files.readString(
            dir.resolve("central-takings.csv"), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(csv.contains("london,2027-01-10,2,,11.00,1,,-4.50,,6.50"), csv);
    assertTrue(csv.contains("净收入 · Net (CNY)"), csv);
    assertTrue(
        Files.readString(
                dir.resolve("central-arrears.csv"), java.nio.charset.StandardCharsets.UTF_8)
            .contains(PLATE + ",shanghai,1,25.00"));

    // Credentials from the environment; sites named one by one.
    assertEquals(
        0,
        report(
            java.util.Map.of("PGUSER", "postgres", "PGPASSWORD", PgCluster.SUPERUSER_PASSWORD),
            "central-takings",
            "--central",
            pg.url(),
            "--from",
            FROM.toString(),
            "--to",
            FROM.toString(),
            "--site",
            "london",
            "--site",
            "shanghai",
            "--format",
            "csv"),
        err());
    assertEquals(4, out().lines().count(), out()); // header, two sites' one day, totals
  }

  @Test
  void badCombinationsAreOneLineAndExitTwo() throws Exception {
    java.util.Map<String, String> none = java.util.Map.of();
    Object[][] cases = {
      {
        new String[] {"central-takings", "--from", "2027-01-09", "--to", "2027-01-10"},
        "central-takings needs --central URL"
      },
      {cli("central-takings", "--db", "x.db"), "--db does not apply to central-takings"},
      {cli("central-arrears", "--zone", "UTC"), "--zone does not apply to central-arrears"},
      {cli("central-takings", "--lane", "exit-1"), "cannot be filtered by lane"},
      {cli("central-takings", "--layout", "x.yaml"), "--layout applies to the journal"},
      {cli("central-takings", "--site", "nowhere"), "no site 'nowhere'"},
      {
        new String[] {
          "revenue-by-day", "--central", pg.url(), "--from", "2027-01-09", "--to", "2027-01-10"
        },
        "--central applies to the head-office reports only"
      },
      {
        new String[] {
          "central-takings",
          "--central",
          "mysql://x/y",
          "--user",
          "u",
          "--from",
          "2027-01-09",
          "--to",
          "2027-01-10"
        },
        "is not a PostgreSQL URL"
      },
      {
        new String[] {
          "central-takings", "--central", pg.url(), "--from", "2027-01-09", "--to", "2027-01-10"
        },
        "--central needs --user NAME or PGUSER"
      },
    };
    for (Object[] c : cases) {
      String[] args = (String[]) c[0];
      assertEquals(2, report(none, args), String.join(" ", args) + ": " + err());
      assertTrue(err().contains((String) c[1]), err());
      assertEquals(1, err().lines().count(), err());
      assertEquals("", out());
    }
    // A wrong password is head office refusing, not a bad argument.
    assertEquals(
        1,
        report(
            java.util.Map.of("PGPASSWORD", "wrong"),
            "central-takings",
            "--central",
            pg.url(),
            "--user",
            "postgres",
            "--from",
            "2027-01-09",
            "--to",
            "2027-01-10"));
    assertTrue(err().contains("cannot read head office's database"), err());
  }
}
