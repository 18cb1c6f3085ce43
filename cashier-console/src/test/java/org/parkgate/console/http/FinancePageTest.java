package org.parkgate.console.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.console.CashierConsole;
import org.parkgate.console.FakeController;
import org.parkgate.console.TestConsole;
import org.parkgate.report.ReportJson;
import org.parkgate.report.ReportKind;

/**
 * The finance page's routes over real sockets: a session of finance or a supervisor for the page,
 * its reports and its downloads; the report is the controller's, passed on as JSON or written as a
 * CSV (UTF-8 with a BOM, or GB18030) or XLSX file named in both scripts.
 */
class FinancePageTest {
  static final String OCTOBER = "kind=revenue-by-day&from=2026-10-01&to=2026-10-31";
  static FakeController controller;
  static CashierConsole console;
  static String base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    controller = new FakeController();
    console = TestConsole.start(controller);
    base = "http://127.0.0.1:" + console.httpPort();
    // Sign-ins go through the controller: wait for the console's link to it.
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!client
        .send(
            HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body()
        .contains("\"online\"")) {
      assertTrue(System.nanoTime() < deadline, "the console never reached the controller");
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    console.close();
    controller.close();
  }

  @Test
  void everyFinanceRouteNeedsASession() throws Exception {
    HttpResponse<byte[]> page = get("/finance", null);
    assertEquals(303, page.statusCode());
    assertEquals("/login", page.headers().firstValue("location").orElse(""));
    for (String api :
        new String[] {
          "/api/finance/meta",
          "/api/finance/report?" + OCTOBER,
          "/api/finance/export?" + OCTOBER + "&format=csv"
        }) {
      assertEquals(401, get(api, null).statusCode(), api);
    }
  }

  @Test
  void aCashierIsRefusedThePageAndItsReportsBeforeAnythingReachesTheController() throws Exception {
    String cashier = cookie("cashier1");
    controller.received.clear();
    HttpResponse<byte[]> page = get("/finance", cashier);
    assertEquals(403, page.statusCode());
    assertTrue(text(page).contains("Finance reports are for finance and supervisors"), text(page));
    assertEquals(403, get("/api/finance/meta", cashier).statusCode());
    assertEquals(403, get("/api/finance/report?" + OCTOBER, cashier).statusCode());
    assertEquals(403, get("/api/finance/export?" + OCTOBER + "&format=csv", cashier).statusCode());
    TestConsole.assertNothingSent(console, controller);
    HttpResponse<byte[]> booth = get("/", cashier);
    assertTrue(text(booth).contains("id=\"finance-link\" hidden"), "no finance link for a cashier");
  }

  @Test
  void financeGetsThePageTheKindsItReadsAndTheControllersReport() throws Exception {
    String finance = cookie("finance1");
    HttpResponse<byte[]> booth = get("/", finance);
    assertTrue(text(booth).contains("<a id=\"finance-link\" href=\"/finance\""), text(booth));
    HttpResponse<byte[]> page = get("/finance", finance);
    assertEquals(200, page.statusCode());
    assertTrue(text(page).contains("/assets/finance.js"));
    // How a report's cells read comes from common, as head office's page has it.
    assertTrue(text(page).contains("/assets/report-cells.js"));
    HttpResponse<byte[]> cells = get("/assets/report-cells.js", finance);
    assertEquals(200, cells.statusCode());
    assertTrue(text(cells).contains("window.ReportCells"), text(cells));
    HttpResponse<byte[]> chartLib = get("/assets/uplot.js", finance);
    assertEquals(200, chartLib.statusCode(), "uPlot served from the console's own classpath");
    assertTrue(text(chartLib).contains("uPlot"));

    String meta = text(get("/api/finance/meta", finance));
    assertTrue(meta.contains("\"code\":\"revenue-by-day\""), meta);
    assertTrue(meta.contains("\"zone\":\"Asia/Shanghai\""), meta);

    controller.received.clear();
    HttpResponse<byte[]> r = get("/api/finance/report?" + OCTOBER + "&lane=exit-1", finance);
    assertEquals(200, r.statusCode(), text(r));
    var report = ReportJson.read(text(r));
    assertEquals(ReportKind.REVENUE_BY_DAY, report.kind());
    assertEquals(31, report.rows().size());
    assertEquals(31 * FakeController.DAILY_NET, report.sum("net"));
    ConsoleCommand sent = controller.received.poll(5, TimeUnit.SECONDS);
    ConsoleCommand.ShowReport show = assertInstanceOf(ConsoleCommand.ShowReport.class, sent);
    assertEquals("exit-1", show.request().lane());
  }

  @Test
  void theControllersRefusalIsPassedOnWithItsReason() throws Exception {
    String finance = cookie("finance1");
    HttpResponse<byte[]> r =
        get("/api/finance/report?kind=shifts&from=2026-10-31&to=2026-10-01", finance);
    assertEquals(400, r.statusCode());
    assertTrue(text(r).contains("is before"), text(r));
    HttpResponse<byte[]> bad = get("/api/finance/report?kind=nonsense&from=x&to=y", finance);
    assertEquals(400, bad.statusCode());
    assertTrue(text(bad).contains("no report kind 'nonsense'"), text(bad));
  }

  @Test
  void aCsvDownloadStartsWithTheBomAndIsNamedInBothScripts() throws Exception {
    String finance = cookie("supervisor1");
    HttpResponse<byte[]> r = get("/api/finance/export?" + OCTOBER + "&format=csv", finance);
    assertEquals(200, r.statusCode(), text(r));
    assertEquals("text/csv; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
    String disposition = r.headers().firstValue("content-disposition").orElse("");
    assertTrue(
        disposition.startsWith(
            "attachment; filename=\"revenue-by-day_2026-10-01_2026-10-31.csv\"; filename*=UTF-8''"),
        disposition);
    assertTrue(
        disposition.endsWith(
            URLEncoder.encode("逐日收入", StandardCharsets.UTF_8)
                + "_revenue-by-day_2026-10-01_2026-10-31.csv"),
        disposition);
    byte[] body = r.body();
    assertArrayEquals(
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "the BOM");
    String csv = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    assertTrue(csv.startsWith("日期 · Day,"), csv);
    assertTrue(csv.contains("2026-10-05,3,123.50"), csv);
    assertTrue(csv.contains("93,3828.50"), "the totals row: " + csv);
  }

  @Test
  void aDownloadComesInPagesAndIsTheWholeReportByteForByte() throws Exception {
    int before = controller.exportPages.get();
    HttpResponse<byte[]> r =
        get("/api/finance/export?" + OCTOBER + "&format=csv", cookie("finance1"));
    assertEquals(200, r.statusCode(), text(r));
    assertEquals(
        4,
        controller.exportPages.get() - before,
        "31 days in pages of " + FakeController.EXPORT_PAGE_ROWS);
    java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
    org.parkgate.report.ReportWriter.write(
        FakeController.report(
            org.parkgate.report.ReportRequest.of(
                ReportKind.REVENUE_BY_DAY,
                java.time.LocalDate.of(2026, 10, 1),
                java.time.LocalDate.of(2026, 10, 31))),
        org.parkgate.report.ReportFormat.CSV,
        StandardCharsets.UTF_8,
        whole);
    assertArrayEquals(whole.toByteArray(), r.body());
  }

  @Test
  void gb18030AndXlsxDownloads() throws Exception {
    String finance = cookie("finance1");
    HttpResponse<byte[]> gb =
        get("/api/finance/export?" + OCTOBER + "&format=csv&charset=gb18030", finance);
    assertEquals(200, gb.statusCode());
    assertEquals("text/csv; charset=GB18030", gb.headers().firstValue("content-type").orElse(""));
    assertFalse(gb.body()[0] == (byte) 0xEF, "no BOM in GB18030");
    assertTrue(new String(gb.body(), "GB18030").startsWith("日期 · Day,"));
    HttpResponse<byte[]> xlsx = get("/api/finance/export?" + OCTOBER + "&format=xlsx", finance);
    assertEquals(200, xlsx.statusCode());
    assertEquals(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx.headers().firstValue("content-type").orElse(""));
    assertEquals('P', (char) xlsx.body()[0], "a zip");
    assertEquals('K', (char) xlsx.body()[1]);
    assertEquals(
        400,
        get("/api/finance/export?" + OCTOBER + "&format=pdf", finance).statusCode(),
        "only csv and xlsx");
  }

  private static final java.util.Map<String, String> COOKIES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A session of {@code user}, signed in once for the class (sign-ins are rate limited). */
  private String cookie(String user) throws Exception {
    String known = COOKIES.get(user);
    if (known != null) {
      return known;
    }
    COOKIES.put(
        user, TestConsole.cookie(TestConsole.signIn(console.httpPort(), user, user + "-demo")));
    return COOKIES.get(user);
  }

  private HttpResponse<byte[]> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(
        b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
