package org.parkgate.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Writes a report in any {@link ReportFormat}. The CSV and XLSX libraries are loaded only when a
 * report is exported in those formats, never when the controller starts.
 */
public final class ReportWriter {
  /** GB18030, the Chinese national encoding older Excel and accounting packages expect. */
  public static final Charset GB18030 = Charset.forName("GB18030");

  private ReportWriter() {}

  /** Writes {@code report} to {@code out}; {@code charset} is for CSV (text and JSON are UTF-8). */
  public static void write(Report report, ReportFormat format, Charset charset, OutputStream out)
      throws IOException {
    switch (format) {
      case TEXT -> out.write(ReportText.render(report).getBytes(StandardCharsets.UTF_8));
      case JSON -> out.write((ReportJson.write(report) + "\n").getBytes(StandardCharsets.UTF_8));
      case CSV, XLSX -> {
        ReportSink sink = sink(format, charset, out);
        sink.begin(report);
        for (Row r : report.rows()) {
          sink.row(r);
        }
        sink.end(report.totals(), report.notes());
      }
    }
    out.flush();
  }

  /**
   * A sink that writes CSV or XLSX to {@code out} a row at a time (the caller flushes {@code out}
   * after {@link ReportSink#end}): what {@link #write} does with a report's rows, for rows that are
   * never all in memory. Text and JSON need every row first.
   *
   * @throws IllegalArgumentException for text or JSON
   */
  public static ReportSink sink(ReportFormat format, Charset charset, OutputStream out) {
    return switch (format) {
      case CSV -> CsvExport.sink(charset, out);
      case XLSX -> XlsxExport.sink(out);
      case TEXT, JSON ->
          throw new IllegalArgumentException(
              format.lowerName() + " is written from the whole report, not streamed");
    };
  }
}
