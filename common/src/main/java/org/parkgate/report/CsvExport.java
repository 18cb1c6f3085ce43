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

  /** A sink that writes CSV to {@code out} as the rows come. */
  static ReportSink sink(Charset charset, OutputStream out) {
    return new ReportSink() {
      private Report head;
      private CSVPrinter csv;

      @Override
      public void begin(Report report) throws IOException {
        head = report;
        Writer w = new OutputStreamWriter(out, charset);
        if (charset.equals(StandardCharsets.UTF_8)) {
          w.write('\uFEFF');
        }
        csv = new CSVPrinter(w, CSVFormat.EXCEL);
        List<String> header = new ArrayList<>();
        for (Column c : report.columns()) {
          header.add(c.header());
        }
        csv.printRecord(header);
      }

      @Override
      public void row(Row r) throws IOException {
        csv.printRecord(cells(head, r));
      }

      @Override
      public void end(Row totals, List<String> notes) throws IOException {
        if (totals != null && head.kind() != ReportKind.JOURNAL) {
          csv.printRecord(cells(head, totals));
        }
        csv.flush();
      }
    };
  }

  private static List<String> cells(Report report, Row r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < report.columns().size(); i++) {
      out.add(CellText.of(report.columns().get(i), r.cell(i)));
    }
    return out;
  }
}
