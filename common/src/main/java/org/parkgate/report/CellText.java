package org.parkgate.report;

import java.util.Currency;
import org.parkgate.money.Money;

/** A cell written out as text, the same in the text report and in CSV. */
public final class CellText {
  private CellText() {}

  /**
   * Money in major units without the currency ({@code 12.50}; the header names it), a duration as
   * {@code H:MM:SS} (hours past 24 kept), a share as {@code 12.50%}, a time as {@code 2026-11-03
   * 14:00+01:00}; an empty cell as the empty string.
   */
  public static String of(Column column, Cell cell) {
    if (cell.isEmpty()) {
      return "";
    }
    if (cell.value() == null) {
      return column.type() == ColumnType.TIME ? cell.text().replace('T', ' ') : cell.text();
    }
    return switch (column.type()) {
      case TEXT, DATE, TIME, COUNT -> Long.toString(cell.value());
      case MONEY ->
          Money.of(cell.number(), Currency.getInstance(column.currency())).toDecimalString();
      case DURATION -> duration(cell.number());
      case PERCENT -> percent(cell.number());
    };
  }

  static String duration(long seconds) {
    String sign = seconds < 0 ? "-" : "";
    long s = Math.abs(seconds);
    return String.format("%s%d:%02d:%02d", sign, s / 3600, s / 60 % 60, s % 60);
  }

  static String percent(long basisPoints) {
    String sign = basisPoints < 0 ? "-" : "";
    long b = Math.abs(basisPoints);
    return String.format("%s%d.%02d%%", sign, b / 100, b % 100);
  }
}
