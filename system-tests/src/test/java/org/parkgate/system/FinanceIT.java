package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finance page in real headless Chromiums against the real simulator, controller and console: a
 * cashier takes a fee at the exit; finance opens the page from the booth's header, picks revenue by
 * day and sees today's takings equal to what was paid, drawn as a chart, and downloads the CSV
 * (UTF-8 with its BOM, named in both scripts); the cashier is refused the page and its reports.
 */
class FinanceIT {
  private static final String TARIFF =
      """
      id: finance-e2e
      name: Finance end-to-end
      currency: CNY
      zone: Asia/Shanghai
      rules:
        standard:
          first: {length: 1h, price: "5.00"}
          unit: 30m
          price: "2.00"
          rounding: up
      """;

  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser booth;
  static BoothBrowser office;

  @BeforeAll
  static void start() throws Exception {
    Path tariff = dir.resolve("finance-e2e.yaml");
    Files.writeString(tariff, TARIFF);
    system = new SystemFixture(dir, tariff.toString());
    system.simulator();
    system.controller();
    system.console();
    booth = new BoothBrowser(system.httpPort, dir.resolve("booth"));
    office = new BoothBrowser(system.httpPort, dir.resolve("office"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (BoothBrowser b : new BoothBrowser[] {booth, office}) {
      if (b != null) {
        b.close();
      }
    }
    if (system != null) {
      system.close();
    }
  }

  @Test
  void financeSeesTodaysTakingsAsTableAndChartAndDownloadsTheCsvACashierIsRefused()
      throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    booth.login("cashier1", "cashier1-demo");
    booth.openShiftIfNone(Map.of(10000L, 1));
    system.carAtExit();
    booth.awaitDue("exit-1", "5.00");
    booth.cashReceived("exit-1");
    system.awaitLane(
        "exit-1", "barrier open after payment", l -> SystemFixture.barrier(l).equals("open"));
    system.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
    assertEquals(500, system.number("SELECT SUM(amount_minor) FROM payments"));

    // Finance reaches the page from the booth's header.
    office.login("finance1", "finance1-demo");
    assertTrue(office.visible("finance-link"), "finance sees the link to the finance page");
    office.press("finance-link");
    office.awaitText("user-role", "Finance");
    assertEquals(
        today.withDayOfMonth(1).toString(),
        office.script("return document.getElementById('from').value"),
        "this month by default, in the site's zone");
    office.choose("kind", "revenue-by-day");
    office.press("show");
    office.awaitText("report-title", "逐日收入 · Revenue by day");
    String row = office.awaitText("report-table", today.toString());
    List<String> rows = office.texts("#report-table tbody tr");
    String todays =
        rows.stream().filter(r -> r.startsWith(today.toString())).findFirst().orElseThrow();
    assertTrue(
        todays.matches(today + "\\s+1\\s+5\\.00\\s+0\\s+0\\.00\\s+5\\.00"),
        "today: 1 payment, 5.00 gross, nothing reversed, 5.00 net: " + todays + " in " + row);
    String totals = office.texts("#report-table tfoot tr").get(0);
    assertTrue(totals.endsWith("5.00"), totals);
    String chain = office.awaitText("chain-head", "sha256");
    assertTrue(chain.matches("(?s).*link \\d+ sha256 [0-9a-f]{64}.*"), chain);

    // A chart drawn from the report's AXIS and SERIES columns, with a size.
    Object canvas =
        office.script(
            "const c = document.querySelector('#charts canvas');"
                + " return c ? c.width + 'x' + c.height : 'none'");
    String[] size = String.valueOf(canvas).split("x");
    assertEquals(2, size.length, "a canvas: " + canvas);
    assertTrue(Integer.parseInt(size[0]) > 0 && Integer.parseInt(size[1]) > 0, "drawn: " + canvas);

    // The CSV the download key fetches, in finance's session: the BOM first, named in both.
    Object csv =
        office.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('export-csv').href).then(async (r) => {"
                + "  const b = new Uint8Array(await r.arrayBuffer());"
                + "  done(r.status + '|' + r.headers.get('content-disposition') + '|'"
                + "    + Array.from(b.slice(0, 3)).join(',') + '|'"
                + "    + new TextDecoder().decode(b.slice(3))); });");
    String[] parts = String.valueOf(csv).split("\\|", 4);
    assertEquals("200", parts[0], "" + csv);
    assertTrue(parts[1].startsWith("attachment; filename=\"revenue-by-day_"), parts[1]);
    assertTrue(parts[1].contains("filename*=UTF-8''"), parts[1]);
    assertEquals("239,187,191", parts[2], "the UTF-8 byte-order mark");
    assertTrue(parts[3].contains(today + ",1,5.00,0,0.00,5.00"), parts[3]);

    office.script("document.activeElement.blur(); window.scrollTo(0, 0)");
    office.screenshot("finance");

    // The cashier: no link, the page refused, a report fetched by hand refused.
    booth.open("/");
    booth.awaitOnline();
    assertTrue(!booth.visible("finance-link"), "no finance link for a cashier");
    booth.open("/finance");
    assertTrue(
        booth.text().contains("Finance reports are for finance and supervisors"), booth.text());
    Object forced =
        booth.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/finance/report?kind=revenue-by-day&from="
                + today
                + "&to="
                + today
                + "').then(async (r) => done(r.status + ' ' + (await r.json()).error));");
    assertTrue(String.valueOf(forced).startsWith("403 "), "" + forced);
  }
}
