package org.parkgate.report;

import java.io.IOException;
import java.util.List;

/**
 * Where a report is written a row at a time, so an export holds one row, not the report: {@link
 * #begin} with the report as known before its rows (request, title, zone, currency, columns, chain
 * head; its rows are not read), then each {@link #row} in order, then {@link #end} with the totals
 * row (null for none) and the notes. CSV and XLSX are written this way ({@link ReportWriter#sink});
 * text and JSON need every row first.
 */
public interface ReportSink {
  void begin(Report head) throws IOException;

  void row(Row row) throws IOException;

  void end(Row totals, List<String> notes) throws IOException;
}
