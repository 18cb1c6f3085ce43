package org.parkgate.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report as CSV in Excel's dialect: the header row (both languages; the journal's headers as its
 * layout names them), the rows, then the totals row (not for the journal, which an accounting
 * package imports line by line). UTF-8 starts with a byte-order mark so Excel picks the encoding;
 * GB18030 has none.
 */
final class CsvExport {
  private CsvExport() {}

  static void write(Report report, Charset charset, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, charset);
    if (charset.equals(StandardCharsets.UTF_8)) {
      w.write('\uFEFF');
    }
    CSVPrinter csv = new CSVPrinter(w, CSVFormat.EXCEL);
    List<String> header = new ArrayList<>();
    for (Column c : report.columns()) {
      header.add(c.header());
    }
    csv.printRecord(header);
    for (Row r : report.rows()) {
      csv.printRecord(cells(report, r));
    }
    if (report.totals() != null && report.kind() != ReportKind.JOURNAL) {
      csv.printRecord(cells(report, report.totals()));
    }
    csv.flush();
  }

  private static List<String> cells(Report report, Row r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < report.columns().size(); i++) {
      out.add(CellText.of(report.columns().get(i), r.cell(i)));
    }
    return out;
  }
}
