package org.parkgate.report;

import java.util.Objects;

/**
 * One column of a report: a stable key (for JSON readers and charts), its type, its header in both
 * languages, the currency of a {@link ColumnType#MONEY} column (ISO 4217, else null) and how a
 * chart would use it.
 */
public record Column(
    String key, ColumnType type, String zh, String en, String currency, ChartRole chart) {

  public Column {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(zh, "zh");
    Objects.requireNonNull(en, "en");
    chart = chart == null ? ChartRole.NONE : chart;
    if (type == ColumnType.MONEY && currency == null) {
      throw new IllegalArgumentException("money column " + key + " needs its currency");
    }
  }

  public static Column text(String key, String zh, String en) {
    return new Column(key, ColumnType.TEXT, zh, en, null, ChartRole.NONE);
  }

  public static Column count(String key, String zh, String en) {
    return new Column(key, ColumnType.COUNT, zh, en, null, ChartRole.NONE);
  }

  public static Column money(String key, String zh, String en, String currency) {
    return new Column(key, ColumnType.MONEY, zh, en, currency, ChartRole.NONE);
  }

  public static Column of(String key, ColumnType type, String zh, String en) {
    return new Column(key, type, zh, en, null, ChartRole.NONE);
  }

  /** The same column, plotted as {@code role}. */
  public Column plotted(ChartRole role) {
    return new Column(key, type, zh, en, currency, role);
  }

  /**
   * The header as printed: {@code "中文 · English"} with a money column's currency ({@code "净收入 · Net
   * (CNY)"}); a header given once for both languages (an import layout's, such as the journal's
   * {@code 借方金额}) is printed exactly as given.
   */
  public String header() {
    if (zh.equals(en)) {
      return zh;
    }
    return zh + " · " + en + (currency == null ? "" : " (" + currency + ")");
  }
}
