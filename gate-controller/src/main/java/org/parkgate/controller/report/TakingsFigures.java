package org.parkgate.controller.report;

import java.util.ArrayList;
import java.util.List;
import org.parkgate.report.Cell;
import org.parkgate.report.ChartRole;
import org.parkgate.report.Column;

/**
 * The figures every takings table shows side by side, in this order: payments, gross, reversals,
 * reversed and net.
 */
final class TakingsFigures {
  private TakingsFigures() {}

  /**
   * A table of the {@code lead} columns, the five figures and the {@code trail} columns; the net is
   * a chart's series when {@code charted}.
   */
  static Table table(List<Column> lead, String currency, boolean charted, Column... trail) {
    Column net = Column.money("net", "净收入", "Net", currency);
    List<Column> columns = new ArrayList<>(lead);
    columns.add(Column.count("payments", "收款笔数", "Payments"));
    columns.add(Column.money("gross", "收款金额", "Gross", currency));
    columns.add(Column.count("reversals", "冲正笔数", "Reversals"));
    columns.add(Column.money("reversed", "冲正金额", "Reversed", currency));
    columns.add(charted ? net.plotted(ChartRole.SERIES) : net);
    columns.addAll(List.of(trail));
    return new Table(columns);
  }

  /**
   * One row of such a table: {@code key}, the sums {@code s} (payments, gross, reversals, reversed,
   * the reversed amount negative), their net, and the {@code trail} cells.
   */
  static Cell[] row(Cell key, long[] s, Cell... trail) {
    List<Cell> cells = new ArrayList<>();
    cells.add(key);
    for (int i = 0; i < 4; i++) {
      cells.add(Cell.of(s[i]));
    }
    cells.add(Cell.of(s[1] + s[3]));
    cells.addAll(List.of(trail));
    return cells.toArray(Cell[]::new);
  }
}
