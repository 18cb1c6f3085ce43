package org.parkgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A register longer than the XLSX writer's flush interval comes out whole and in order: every row
 * in the sheet, each cell where it belongs, the totals row last, read back from the file's XML.
 */
class XlsxStreamTest {
  @TempDir Path dir;

  static final int ROWS = 1_000;

  static Report register() {
    List<Row> rows = new ArrayList<>();
    long sum = 0;
    for (int i = 1; i <= ROWS; i++) {
      rows.add(Row.of(Cell.of(i), Cell.text("收费员" + i), Cell.of(100L * i)));
      sum += 100L * i;
    }
    return new Report(
        ReportRequest.of(ReportKind.SHIFTS, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
        ReportKind.SHIFTS.title(),
        ZoneId.of("Asia/Shanghai"),
        "CNY",
        List.of(
            Column.count("shift", "班次号", "Shift no."),
            Column.text("cashier", "收费员", "Cashier"),
            Column.money("net", "净收入", "Net", "CNY")),
        rows,
        Row.of(Cell.text("合计 · Total"), Cell.EMPTY, Cell.of(sum)),
        7,
        "ab".repeat(32),
        Instant.parse("2027-01-01T04:00:00Z"),
        List.of());
  }

  @Test
  void everyRowOfALongRegisterIsInTheSheetInOrder() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportWriter.write(register(), ReportFormat.XLSX, null, out);
    Path file = Files.write(dir.resolve("shifts.xlsx"), out.toByteArray());
    NodeList rows;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      var sheet = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"));
      rows =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(sheet)
              .getElementsByTagName("row");
    }
    assertEquals(1 + ROWS + 1, rows.getLength(), "header, every row, totals");
    for (int r = 1; r <= ROWS; r++) {
      Element row = (Element) rows.item(r);
      assertEquals(String.valueOf(r + 1), row.getAttribute("r"), "rows in order");
      NodeList cells = row.getElementsByTagName("c");
      assertEquals(String.valueOf(r), cells.item(0).getTextContent(), "shift no. of row " + r);
      assertEquals("收费员" + r, cells.item(1).getTextContent(), "cashier of row " + r);
      assertEquals(
          String.format("%d.00", r), cells.item(2).getTextContent(), "net in yuan of row " + r);
    }
    Element totals = (Element) rows.item(ROWS + 1);
    assertEquals(
        "合计 · Total", totals.getElementsByTagName("c").item(0).getTextContent(), "totals last");
  }

  @Test
  void aSinkIsForCsvAndXlsxOnly() {
    for (ReportFormat f : List.of(ReportFormat.TEXT, ReportFormat.JSON)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> ReportWriter.sink(f, StandardCharsets.UTF_8, new ByteArrayOutputStream()),
          f.lowerName());
    }
  }
}
