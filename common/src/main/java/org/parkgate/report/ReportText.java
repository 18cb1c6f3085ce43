package org.parkgate.report;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as a terminal prints it: its title and period, a table with headers in both languages
 * and columns aligned by display width (a Chinese character takes two), the totals row, notes, and
 * the ledger chain head it was computed at.
 */
public final class ReportText {
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");

  private ReportText() {}

  public static String render(Report report) {
    List<Column> cols = report.columns();
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      header[i] = cols.get(i).header();
    }
    lines.add(header);
    for (Row r : report.rows()) {
      lines.add(cells(cols, r));
    }
    if (report.totals() != null) {
      lines.add(cells(cols, report.totals()));
    }
    int[] width = new int[cols.size()];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], width(l[i]));
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(report.title()).append('\n');
    out.append("期间 · period ")
        .append(report.request().from())
        .append(" .. ")
        .append(report.request().to())
        .append(" (")
        .append(report.zone())
        .append(")");
    String filters = report.request().describeFilters();
    if (!filters.isEmpty()) {
      out.append("  筛选 · filters: ").append(filters);
    }
    out.append('\n');
    for (int n = 0; n < lines.size(); n++) {
      if (n == 1 || (report.totals() != null && n == lines.size() - 1)) {
        out.append(rule(width)).append('\n');
      }
      out.append(line(cols, lines.get(n), width, n == 0)).append('\n');
    }
    if (report.rows().isEmpty()) {
      out.append("（无记录 · nothing in this period）\n");
    }
    for (String note : report.notes()) {
      out.append(note).append('\n');
    }
    out.append("账本链头 · ledger chain head: link ")
        .append(report.chainLink())
        .append(" sha256 ")
        .append(report.chainHash())
        .append('\n');
    out.append("生成于 · computed at ")
        .append(AT.format(report.computedAt().atZone(report.zone())))
        .append('\n');
    return out.toString();
  }

  private static String[] cells(List<Column> cols, Row r) {
    String[] out = new String[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      out[i] = CellText.of(cols.get(i), r.cell(i));
    }
    return out;
  }

  private static String line(List<Column> cols, String[] cells, int[] width, boolean header) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      boolean right = !header && numeric(cols.get(i).type());
      String pad = " ".repeat(width[i] - width(cells[i]));
      out.append(i == 0 ? "" : "  ").append(right ? pad + cells[i] : cells[i] + pad);
    }
    return out.toString().stripTrailing();
  }

  private static String rule(int[] width) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      out.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    return out.toString();
  }

  private static boolean numeric(ColumnType t) {
    return t == ColumnType.COUNT
        || t == ColumnType.MONEY
        || t == ColumnType.DURATION
        || t == ColumnType.PERCENT;
  }

  /** Display width: East Asian wide characters take two columns. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += wide(cp) ? 2 : 1;
    }
    return w;
  }

  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
