package org.parkgate.controller.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportJson;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportWriter;

/**
 * ./parking report on a real ledger file: every kind in every format, the files read back by
 * independent readers (Debian's python3-openpyxl for XLSX; the JDK's decoders for CSV), and bad
 * input answered with one line and exit status 2, the ledger untouched.
 */
class ReportMainTest {
  @TempDir static Path dir;
  static Path db;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void ledger() {
    db = MonthOfTraffic.build(dir).file();
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return ReportMain.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        MonthOfTraffic.clock(MonthOfTraffic.NOW));
  }

  private int closeMonth(String... args) {
    out.reset();
    err.reset();
    return CloseMonthMain.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        MonthOfTraffic.clock(MonthOfTraffic.NOW));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static long sum(String sql) throws java.sql.SQLException {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        var r = c.createStatement().executeQuery(sql)) {
      return r.getLong(1);
    }
  }

  private static byte[] digest(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }

  private List<String> month(String kind, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                kind,
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--db",
                db.toString(),
                "--zone",
                "Europe/Berlin"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void everyKindInEveryFormat() throws Exception {
    for (ReportKind kind : ReportKind.values()) {
      if (kind.headOffice()) {
        continue; // from the central database: CentralReportsTest
      }
      assertEquals(0, run(month(kind.code()).toArray(String[]::new)), kind.code() + ": " + err());
      assertTrue(out().startsWith(kind.title()), out());
      assertTrue(out().contains("账本链头 · ledger chain head: link "), out());
      assertEquals(0, run(month(kind.code(), "--format", "json").toArray(String[]::new)), err());
      assertEquals(kind, ReportJson.read(out()).kind());
      for (ReportFormat f : List.of(ReportFormat.CSV, ReportFormat.XLSX)) {
        Path file = dir.resolve(kind.code() + "." + f.lowerName());
        assertEquals(
            0,
            run(
                month(kind.code(), "--format", f.lowerName(), "--out", file.toString())
                    .toArray(String[]::new)),
            kind.code() + " " + f + ": " + err());
        assertTrue(Files.size(file) > 0, file.toString());
        assertTrue(out().contains("written to " + file), out());
      }
      JsonNode sheet = openpyxl(dir.resolve(kind.code() + ".xlsx"));
      assertEquals(kind.zh(), sheet.get("title").asText(), "the sheet is named in Chinese");
    }
  }

  @Test
  void xlsxOpensInOpenpyxlWithChineseNumbersAndTotals() throws Exception {
    Path file = dir.resolve("tender.xlsx");
    assertEquals(
        0,
        run(
            month("payments-by-tender", "--format", "xlsx", "--out", file.toString())
                .toArray(String[]::new)),
        err());
    JsonNode sheet = openpyxl(file);
    JsonNode rows = sheet.get("rows");
    assertEquals("支付方式 · Tender", rows.get(0).get(0).asText());
    assertEquals("净收入 · Net (CNY)", rows.get(0).get(5).asText());
    assertEquals("现金 · Cash", rows.get(1).get(0).asText());
    JsonNode totals = rows.get(rows.size() - 1);
    assertEquals("合计 · Total", totals.get(0).asText());
    long net =
        sum("SELECT SUM(amount_minor) FROM payments")
            + sum("SELECT SUM(amount_minor) FROM reversals");
    assertEquals(net, Math.round(totals.get(5).asDouble() * 100), "net to the fen");
    assertEquals(1.0, totals.get(6).asDouble(), 1e-9, "shares add up to 100%");
    assertEquals("0.00%", sheet.get("formats").get(6).asText());
    assertTrue(sheet.get("about").toString().contains("账本链头"), sheet.toString());
  }

  @Test
  void csvIsUtf8WithABomByDefaultAndGb18030OnRequest() throws Exception {
    Path utf8 = dir.resolve("journal.csv");
    assertEquals(
        0,
        run(month("journal", "--format", "csv", "--out", utf8.toString()).toArray(String[]::new)),
        err());
    byte[] bytes = Files.readAllBytes(utf8);
    assertArrayEquals(
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("日期,凭证字,凭证号,分录号,摘要,科目代码,科目名称,借方金额,贷方金额\r\n"), text);
    assertTrue(text.contains("2026-10-01,记,1,1,2026-10-01 停车费收入 现金,1001,库存现金,"), text);
    assertFalse(text.contains("合计"), "an import file has no totals row");

    Path gb = dir.resolve("vouchers-gb.csv");
    assertEquals(
        0,
        run(
            month("vouchers", "--format", "csv", "--encoding", "gb18030", "--out", gb.toString())
                .toArray(String[]::new)),
        err());
    byte[] raw = Files.readAllBytes(gb);
    assertFalse(raw[0] == (byte) 0xEF, "GB18030 has no byte-order mark");
    String decoded = new String(raw, ReportWriter.GB18030);
    assertTrue(decoded.startsWith("发放单位 · Issuer,券种 · Voucher kind,"), decoded);
    assertTrue(decoded.contains("万达商场,SHOP2H,10,"), decoded);
    assertFalse(
        new String(raw, StandardCharsets.UTF_8).contains("万达商场"), "not UTF-8 under another name");
  }

  @Test
  void badInputIsOneLineAndExitTwoAndChangesNothing() throws Exception {
    byte[] before = digest(db);
    List<List<String>> bad =
        List.of(
            List.of("shifts", "--from", "2026-10-32", "--to", "2026-10-31", "--db", db.toString()),
            List.of("takings", "--from", "2026-10-01", "--to", "2026-10-31", "--db", db.toString()),
            List.of("shifts", "--from", "2026-10-31", "--to", "2026-10-01", "--db", db.toString()),
            List.of("shifts", "--to", "2026-10-31", "--db", db.toString()),
            List.of(
                "dwell",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--cashier",
                "x",
                "--db",
                db.toString()),
            List.of(
                "shifts",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--format",
                "pdf",
                "--db",
                db.toString()),
            List.of(
                "shifts",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--format",
                "xlsx",
                "--db",
                db.toString()),
            List.of(
                "shifts",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--db",
                dir.resolve("missing.db").toString()),
            List.of(
                "shifts",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-31",
                "--encoding",
                "big5",
                "--format",
                "csv",
                "--db",
                db.toString()));
    for (List<String> args : bad) {
      assertEquals(2, run(args.toArray(String[]::new)), args.toString());
      assertEquals("", out(), args.toString());
      assertEquals(1, err().strip().lines().count(), err());
      assertTrue(err().startsWith("report: "), err());
    }
    assertTrue(
        run(bad.get(0).toArray(String[]::new)) == 2
            && err().contains("--from '2026-10-32' is not a date"),
        err());
    run(bad.get(1).toArray(String[]::new));
    assertTrue(err().contains("unknown report 'takings'") && err().contains("未知报表"), err());
    run(bad.get(2).toArray(String[]::new));
    assertTrue(err().contains("--to 2026-10-01 is before --from 2026-10-31"), err());
    run(bad.get(4).toArray(String[]::new));
    assertTrue(err().contains("dwell cannot be filtered by cashier"), err());
    assertFalse(Files.exists(dir.resolve("missing.db")), "no ledger made for a wrong path");
    assertArrayEquals(before, digest(db), "the ledger file is unchanged");

    assertEquals(2, closeMonth("--month", "2026-13", "--db", db.toString()));
    assertTrue(err().contains("--month '2026-13' is not a month"), err());
    assertEquals(
        1, closeMonth("--month", "2026-10", "--db", db.toString(), "--zone", "Europe/Berlin"));
    assertTrue(err().contains("2026-10 is already closed"), err());
    assertEquals(
        1, closeMonth("--month", "2026-11", "--db", db.toString(), "--zone", "Europe/Berlin"));
    assertTrue(err().contains("not over yet"), err());
    assertArrayEquals(before, digest(db), "refusals change nothing");
  }

  /**
   * The first sheet's title, rows and the number formats of its last row, and the second sheet's
   * lines, as read by openpyxl.
   */
  static JsonNode openpyxl(Path xlsx) throws IOException, InterruptedException {
    String script =
        String.join(
            "\n",
            "import json, sys, openpyxl",
            "wb = openpyxl.load_workbook(sys.argv[1])",
            "ws = wb.worksheets[0]",
            "rows = [[c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat()"
                + " for c in r] for r in ws.iter_rows()]",
            "formats = [c.number_format for c in list(ws.iter_rows())[-1]]",
            "about = [r[0].value for r in wb.worksheets[1].iter_rows()]",
            "print(json.dumps({'title': ws.title, 'rows': rows, 'formats': formats,"
                + " 'about': about}, ensure_ascii=False, default=str))");
    Path warnings = Files.createTempFile(dir, "openpyxl", ".err");
    ProcessBuilder pb =
        new ProcessBuilder("/usr/bin/python3", "-c", script, xlsx.toString())
            .redirectError(warnings.toFile());
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openpyxl did not finish");
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text + Files.readString(warnings));
    return new ObjectMapper().readTree(text);
  }
}
