package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;
import org.parkgate.report.Report;
import org.parkgate.report.ReportJson;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;

/**
 * Head office's finance page over real HTTP and a real PostgreSQL: a person logs in with their own
 * database role, and sees exactly what the command-line reports compute; a site's role, a wrong
 * password and no session are refused; exports come as files.
 */
class HeadOfficePageTest {
  private static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  private static final String READER = "finance_ho";
  private static final String READER_PASSWORD = "reader-password-1";
  private static PgCluster pg;
  private static HeadOfficePage page;
  @TempDir static Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void headOffice() throws Exception {
    pg = HeadOffice.start();
    for (String site : new String[] {"north", "south"}) {
      var settings = HeadOffice.register(pg, dir, site, "pw-" + site + "-123456", 100, false);
      try (Ledger ledger = Ledger.open(dir.resolve(site + ".db"), site)) {
        for (int i = 1; i <= 3; i++) {
          Stay s = new Stays(ledger).recordEntry("entry-1", site + i, T0);
          new Payments(ledger)
              .recordPayment(
                  site + "-pay-" + i, s.stayId(), "exit-1", Money.of(300L * i, "CNY"), "c1", T0);
        }
        long head = ChainLinks.head(ledger).link();
        try (Replicator r = Replicator.start(ledger, site, settings, Clock.systemUTC())) {
          HeadOffice.await(site + " shipped", () -> r.status().centralLink() == head);
        }
      }
    }
    try (Connection db = pg.superuser();
        Statement s = db.createStatement()) {
      // A person at head office, as docs/central-reports.md makes one.
      s.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + READER_PASSWORD + "'");
      s.execute("GRANT parkgate_hq_reader TO " + READER);
    }
    page = HeadOfficePage.start(pg.url(), new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
  }

  @AfterAll
  static void close() throws Exception {
    if (page != null) {
      page.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> login(String user, String password) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("user=" + user + "&password=" + password))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie a good login sets, as the browser sends it back. */
  private String session(String user, String password) throws Exception {
    HttpResponse<String> r = login(user, password);
    assertEquals(303, r.statusCode(), r.body());
    String set = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict"), set);
    return set.substring(0, set.indexOf(';'));
  }

  private static String base() {
    return "http://127.0.0.1:" + page.port();
  }

  @Test
  void aReaderSeesWhatTheReportsComputeAndGetsTheExports() throws Exception {
    assertTrue(get("/", null).body().contains("<form method=\"post\" action=\"/login\">"));
    String cookie = session(READER, READER_PASSWORD);
    assertTrue(get("/", cookie).body().contains("id=\"kind\""), "the report page once logged in");
    // How a report's cells read comes from common, as the site's finance page has it.
    assertTrue(get("/", cookie).body().contains("<script src=\"/report-cells.js\""));
    assertTrue(get("/report-cells.js", cookie).body().contains("window.ReportCells"));

    HttpResponse<String> sites = get("/api/sites", cookie);
    assertEquals(200, sites.statusCode(), sites.body());
    assertTrue(sites.body().contains("\"id\":\"north\"") && sites.body().contains("\"south\""));

    LocalDate day = LocalDate.ofInstant(T0, ZoneOffset.ofHours(8));
    String q = "/api/report?kind=central-takings&from=" + day + "&to=" + day;
    HttpResponse<String> shown = get(q + "&site=north", cookie);
    assertEquals(200, shown.statusCode(), shown.body());
    Report report = ReportJson.read(shown.body());
    Report direct;
    try (Connection db = pg.superuser()) {
      direct =
          new CentralReports(db, Clock.systemUTC())
              .compute(
                  new ReportRequest(ReportKind.CENTRAL_TAKINGS, day, day, null, null, null, null),
                  java.util.List.of("north"));
    }
    assertEquals(direct.columns(), report.columns());
    assertEquals(direct.rows(), report.rows(), "the page shows what the reports compute");
    assertEquals(direct.totals(), report.totals());
    assertEquals(1, report.rows().size(), "north only");

    HttpResponse<String> csv = get(q + "&format=csv", cookie);
    assertEquals(200, csv.statusCode());
    assertTrue(
        csv.headers().firstValue("Content-Disposition").orElse("").contains("central-takings-"));
    assertTrue(csv.body().contains("north") && csv.body().contains("south"), csv.body());

    assertEquals(400, get(q.replace("central-takings", "shifts"), cookie).statusCode());
    assertEquals(400, get(q.replace("from=" + day, "from=yesterday"), cookie).statusCode());
    assertEquals(400, get(q + "&site=nowhere", cookie).statusCode());

    HttpResponse<String> out =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/logout"))
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(303, out.statusCode());
    assertEquals(401, get(q, cookie).statusCode(), "the session ended with the logout");
  }

  @Test
  void noSessionAWrongPasswordAndASitesRoleAreRefused() throws Exception {
    assertEquals(
        401,
        get("/api/report?kind=central-takings&from=2027-01-01&to=2027-01-31", null).statusCode());
    assertEquals(401, login(READER, "wrong").statusCode());
    assertEquals(401, get("/api/sites", "hq=" + "0".repeat(64)).statusCode(), "a made-up token");
    // A site's role logs in (its password is right) but may read nothing at head office.
    String site = session(CentralSchema.roleOf("north"), "pw-north-123456");
    HttpResponse<String> r =
        get("/api/report?kind=central-takings&from=2027-01-01&to=2027-01-31", site);
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(r.body().contains("may not read head office's reports"), r.body());
  }
}
