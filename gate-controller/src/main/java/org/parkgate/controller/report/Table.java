package org.parkgate.controller.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.parkgate.report.Cell;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.Row;

/**
 * A report's table as it is built: columns, rows, an optional totals row, and notes. A table made
 * by {@link Rows#streaming} hands each row on as it is added and keeps only the column sums the
 * totals row needs, so a register's export holds one row at a time.
 */
final class Table {
  final List<Column> columns;
  final List<Row> rows = new ArrayList<>();
  Row totals;
  final List<String> notes = new ArrayList<>();
  private final Consumer<Row> out;
  private final long[] sums;
  private long count;

  /** How a report's tables keep their rows: all in memory, or handed on one by one. */
  interface Rows {
    Rows KEPT = columns -> null;

    /** Rows handed to {@code sink}, which is told the columns first. */
    static Rows streaming(java.util.function.Function<List<Column>, Consumer<Row>> sink) {
      return sink::apply;
    }

    /** Where the rows of a table with {@code columns} go; null: kept in the table. */
    Consumer<Row> sinkFor(List<Column> columns);
  }

  Table(Column... columns) {
    this(Rows.KEPT, List.of(columns));
  }

  Table(List<Column> columns) {
    this(Rows.KEPT, columns);
  }

  Table(Rows rows, Column... columns) {
    this(rows, List.of(columns));
  }

  Table(Rows rows, List<Column> columns) {
    this.columns = List.copyOf(columns);
    this.sums = new long[this.columns.size()];
    this.out = rows.sinkFor(this.columns);
  }

  void add(Cell... cells) {
    add(Row.of(cells));
  }

  void add(Row row) {
    for (int i = 0; i < sums.length; i++) {
      Cell c = row.cell(i);
      if (c.value() != null) {
        sums[i] += c.value();
      }
    }
    count++;
    if (out == null) {
      rows.add(row);
    } else {
      out.accept(row);
    }
  }

  /** How many rows were added, kept or handed on. */
  long rowCount() {
    return count;
  }

  /**
   * The totals row: {@code label} in the first column (whatever its type), the sum of every COUNT,
   * MONEY and DURATION column, and the given cells for the keys in {@code others} (key, cell, key,
   * cell...).
   */
  void totalsRow(String label, Object... others) {
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      Cell cell = Cell.EMPTY;
      if (i == 0) {
        cell = Cell.text(label);
      } else if (c.type() == ColumnType.COUNT
          || c.type() == ColumnType.MONEY
          || c.type() == ColumnType.DURATION) {
        cell = Cell.of(sums[i]);
      }
      for (int k = 0; k + 1 < others.length && i > 0; k += 2) {
        if (c.key().equals(others[k])) {
          cell = (Cell) others[k + 1];
        }
      }
      cells.add(cell);
    }
    totals = new Row(cells);
  }

  static final String TOTAL = "合计 · Total";
}
