package org.parkgate.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A computed report: one table that every output (text, CSV, XLSX, JSON, a browser page) renders
 * the same way. {@code totals} is the totals row (null when totals make no sense for the kind);
 * {@code chainLink} and {@code chainHash} are the ledger's chain head the report was computed at,
 * so a printed copy pins the ledger as it was ({@code ./parking verify --anchor LINK:HASH} checks
 * it still holds). {@code notes} are lines in both languages printed under the table.
 */
public record Report(
    ReportRequest request,
    String title,
    ZoneId zone,
    String currency,
    List<Column> columns,
    List<Row> rows,
    Row totals,
    long chainLink,
    String chainHash,
    Instant computedAt,
    List<String> notes) {

  public Report {
    Objects.requireNonNull(request, "request");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
    for (Row r : rows) {
      if (r.cells().size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row of "
                + r.cells().size()
                + " cells in a report of "
                + columns.size()
                + " columns");
      }
    }
    if (totals != null && totals.cells().size() != columns.size()) {
      throw new IllegalArgumentException("the totals row does not match the columns");
    }
  }

  public ReportKind kind() {
    return request.kind();
  }

  /** The index of the column with {@code key}. */
  public int column(String key) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).key().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + key + " in " + kind().code());
  }

  /** The sum of a numeric column over the rows (what the totals row shows for it). */
  public long sum(String key) {
    int c = column(key);
    return rows.stream().mapToLong(r -> r.cell(c).number()).sum();
  }
}
