package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finance page in real headless Chromiums against the real simulator, controller and console: a
 * cashier takes a fee at the exit; finance opens the page from the booth's header, picks revenue by
 * day and sees today's takings equal to what was paid, drawn as a chart, and downloads the CSV
 * (UTF-8 with its BOM, named in both scripts) and the XLSX (read back by Debian's openpyxl, Chinese
 * intact); a Z-reports report printed to PDF as Chromium prints it carries the chain head and no
 * controls (read back by Debian's pdftotext); the cashier is refused the page and its reports.
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
    system.start();
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

  /** The first sheet's title and rows and the second sheet's lines, as openpyxl reads them. */
  static JsonNode openpyxl(Path xlsx) throws Exception {
    String script =
        String.join(
            "\n",
            "import json, sys, openpyxl",
            "wb = openpyxl.load_workbook(sys.argv[1])",
            "ws = wb.worksheets[0]",
            "rows = [[c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat()"
                + " for c in r] for r in ws.iter_rows()]",
            "about = [r[0].value for r in wb.worksheets[1].iter_rows()]",
            "print(json.dumps({'title': ws.title, 'rows': rows, 'about': about},"
                + " ensure_ascii=False, default=str))");
    return new ObjectMapper().readTree(run("/usr/bin/python3", "-c", script, xlsx.toString()));
  }

  /** The PDF's text as Debian's pdftotext (poppler-utils) reads it, in page layout. */
  static String pdftotext(Path pdf) throws Exception {
    return run("/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
  }

  private static String run(String... command) throws Exception {
    assertTrue(
        Files.isExecutable(Path.of(command[0])),
        command[0] + " is missing; ./parking test installs it (python3-openpyxl, poppler-utils)");
    Path errors = Files.createTempFile(dir, "tool", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(errors.toFile());
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " did not finish");
    String text = new String(output, java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text + Files.readString(errors));
    return text;
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

    // The XLSX, as Excel and openpyxl read it: numbers as numbers, Chinese text intact.
    BoothBrowser.Download xlsx = office.fetchLink("export-xlsx");
    assertEquals(200, xlsx.status(), xlsx.disposition());
    assertTrue(xlsx.disposition().contains(".xlsx"), xlsx.disposition());
    Path book = dir.resolve("revenue-by-day.xlsx");
    Files.write(book, xlsx.body());
    JsonNode sheet = openpyxl(book);
    assertEquals("逐日收入", sheet.get("title").asText());
    assertEquals("日期 · Day", sheet.get("rows").get(0).get(0).asText());
    assertEquals("收款金额 · Gross (CNY)", sheet.get("rows").get(0).get(2).asText());
    JsonNode todaysRow = null;
    for (JsonNode r : sheet.get("rows")) {
      if (r.get(0).asText().startsWith(today.toString())) {
        todaysRow = r;
      }
    }
    assertTrue(todaysRow != null, "today in the workbook: " + sheet);
    assertEquals(1, todaysRow.get(1).asInt(), "" + todaysRow);
    assertEquals(5.0, todaysRow.get(2).asDouble(), "money as a number: " + todaysRow);
    assertEquals("逐日收入 · Revenue by day", sheet.get("about").get(0).asText());

    office.script("document.activeElement.blur(); window.scrollTo(0, 0)");
    office.screenshot("finance");

    // A Z-reports report as it prints: the chain head on paper, no buttons or form controls.
    office.choose("kind", "z-reports");
    office.press("show");
    office.awaitText("report-title", "日结报表 · Daily Z-reports");
    String head = office.awaitText("chain-head", "sha256");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("link (\\d+) sha256 ([0-9a-f]{64})").matcher(head);
    assertTrue(m.find(), head);
    Path pdf = dir.resolve("z-reports.pdf");
    Files.write(pdf, office.printToPdf());
    String paper = pdftotext(pdf);
    assertTrue(paper.contains("日结报表"), paper);
    assertTrue(paper.contains("link " + m.group(1)), "the chain link on paper: " + paper);
    assertTrue(
        paper.replaceAll("\\s", "").contains(m.group(2).substring(0, 16)),
        "the chain hash on paper: " + paper);
    for (String control :
        List.of("显示 · Show", "打印 · Print", "导出", "退出 · Log out", "全部 · All", "Computing")) {
      assertTrue(!paper.contains(control), "no '" + control + "' on paper: " + paper);
    }
    String raw = new String(Files.readAllBytes(pdf), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(!raw.contains("/AcroForm") && !raw.contains("/Widget"), "no form fields in the PDF");

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
