package org.parkgate.controller.report;

import java.util.ArrayList;
import java.util.List;
import org.parkgate.report.Cell;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.Row;

/** A report's table as it is built: columns, rows, an optional totals row, and notes. */
final class Table {
  final List<Column> columns;
  final List<Row> rows = new ArrayList<>();
  Row totals;
  final List<String> notes = new ArrayList<>();

  Table(Column... columns) {
    this.columns = List.of(columns);
  }

  Table(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  void add(Cell... cells) {
    rows.add(Row.of(cells));
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
      final int at = i;
      Cell cell = Cell.EMPTY;
      if (i == 0) {
        cell = Cell.text(label);
      } else if (c.type() == ColumnType.COUNT
          || c.type() == ColumnType.MONEY
          || c.type() == ColumnType.DURATION) {
        cell = Cell.of(rows.stream().mapToLong(r -> r.cell(at).number()).sum());
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
