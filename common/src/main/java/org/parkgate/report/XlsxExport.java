package org.parkgate.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A report as an Excel workbook (fastexcel): the table on the first sheet with numbers as numbers
 * (money in major units with its decimals, shares as percentages, durations as [h]:mm:ss, days as
 * dates), the totals row in bold; the title, period, filters, notes and chain head on the second.
 */
final class XlsxExport {
  private XlsxExport() {}

  /** Rows written to the file every so many, so the sheet never holds more in memory. */
  private static final int FLUSH_EVERY = 256;

  /**
   * A sink that writes the workbook to {@code out} as the rows come: the sheet is flushed every
   * {@value #FLUSH_EVERY} rows and its texts are written inline, not into the workbook's shared
   * strings (which are kept in memory to the end).
   */
  static ReportSink sink(OutputStream out) {
    return new ReportSink() {
      private Report head;
      private Workbook wb;
      private Worksheet ws;
      private int r;

      @Override
      public void begin(Report report) throws IOException {
        head = report;
        wb = new Workbook(out, "parkgate", "1.0");
        ws = wb.newWorksheet(sheetName(report));
        for (int c = 0; c < report.columns().size(); c++) {
          ws.value(r, c, report.columns().get(c).header());
          ws.style(r, c).bold().set();
        }
      }

      @Override
      public void row(Row row) throws IOException {
        r++;
        XlsxExport.row(ws, head, row, r, false);
        if (r % FLUSH_EVERY == 0) {
          ws.flush();
        }
      }

      @Override
      public void end(Row totals, List<String> notes) throws IOException {
        if (totals != null && head.kind() != ReportKind.JOURNAL) {
          r++;
          XlsxExport.row(ws, head, totals, r, true);
        }
        ws.finish();
        info(wb.newWorksheet("说明 About"), head, notes);
        wb.finish();
      }
    };
  }

  private static void info(Worksheet info, Report report, List<String> notes) {
    int i = 0;
    info.value(i++, 0, report.title());
    info.value(
        i++,
        0,
        "期间 · period "
            + report.request().from()
            + " .. "
            + report.request().to()
            + " ("
            + report.zone()
            + ")");
    String filters = report.request().describeFilters();
    if (!filters.isEmpty()) {
      info.value(i++, 0, "筛选 · filters: " + filters);
    }
    for (String note : notes) {
      info.value(i++, 0, note);
    }
    info.value(
        i++,
        0,
        "账本链头 · ledger chain head: link " + report.chainLink() + " sha256 " + report.chainHash());
    info.value(i, 0, "生成于 · computed at " + report.computedAt());
  }

  private static String sheetName(Report report) {
    String name = report.kind().zh();
    return name.length() > 31 ? name.substring(0, 31) : name;
  }

  private static void row(Worksheet ws, Report report, Row row, int r, boolean bold) {
    for (int c = 0; c < report.columns().size(); c++) {
      Column col = report.columns().get(c);
      Cell cell = row.cell(c);
      if (cell.isEmpty()) {
        continue;
      }
      String format = null;
      if (cell.value() == null) {
        if (col.type() == org.parkgate.report.ColumnType.DATE && date(cell.text()) != null) {
          ws.value(r, c, date(cell.text()));
          format = "yyyy-mm-dd";
        } else {
          ws.inlineString(r, c, CellText.of(col, cell));
        }
      } else {
        switch (col.type()) {
          case MONEY -> {
            int digits =
                Math.max(0, Currency.getInstance(col.currency()).getDefaultFractionDigits());
            ws.value(r, c, BigDecimal.valueOf(cell.value(), digits));
            format = digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits);
          }
          case PERCENT -> {
            ws.value(r, c, BigDecimal.valueOf(cell.value(), 4));
            format = "0.00%";
          }
          case DURATION -> {
            ws.value(r, c, cell.value() / 86400.0);
            format = "[h]:mm:ss";
          }
          default -> ws.value(r, c, cell.value());
        }
      }
      if (format != null || bold) {
        var style = ws.style(r, c);
        if (format != null) {
          style = style.format(format);
        }
        if (bold) {
          style = style.bold();
        }
        style.set();
      }
    }
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
