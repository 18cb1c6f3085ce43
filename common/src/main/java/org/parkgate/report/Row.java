package org.parkgate.report;

import java.util.Arrays;
import java.util.List;

/** One row of a report: a cell per column, in the columns' order. */
public record Row(List<Cell> cells) {
  public Row {
    cells = List.copyOf(cells);
  }

  public static Row of(Cell... cells) {
    return new Row(Arrays.asList(cells));
  }

  public Cell cell(int column) {
    return cells.get(column);
  }
}
