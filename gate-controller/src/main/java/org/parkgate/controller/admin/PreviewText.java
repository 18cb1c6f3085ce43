package org.parkgate.controller.admin;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parkgate.fee.TariffPreview;
import org.parkgate.money.Money;

/**
 * A {@link TariffPreview} table written out: as aligned text for a person, with each refusal's
 * reason as a numbered note under the table, or as CSV with the reason in its cell.
 */
final class PreviewText {
  private static final List<String> HEADINGS =
      List.of("stay", "class", "day", "in force", "new", "difference");

  private PreviewText() {}

  static String text(TariffPreview.Table t) {
    StringBuilder s = new StringBuilder();
    s.append(t.proposed().id())
        .append(" (new) against ")
        .append(t.inForce().id())
        .append(" (in force), in ")
        .append(t.inForce().currency())
        .append('\n');
    s.append("stays entering at ")
        .append(TariffPreview.ENTRY_TIME)
        .append(' ')
        .append(t.zone())
        .append(" on weekday ")
        .append(day(t.weekday()))
        .append(" and weekend ")
        .append(day(t.weekend()))
        .append("\nlost card: no entry matched, so the tariff's lost-card charge alone\n\n");
    Map<String, Integer> notes = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (TariffPreview.Row r : t.rows()) {
      rows.add(
          List.of(
              r.stay(),
              r.vehicleClass(),
              r.day().label(),
              cell(r.inForce(), notes),
              cell(r.proposed(), notes),
              r.difference().map(PreviewText::signed).orElse("-")));
    }
    int[] widths = new int[HEADINGS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], width(row.get(i)));
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        // Money reads best right-aligned; the words left-aligned.
        String pad = " ".repeat(widths[i] - width(v));
        line.append(i < 3 ? v + pad : pad + v).append(i < row.size() - 1 ? "  " : "");
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
    if (!notes.isEmpty()) {
      s.append('\n');
      notes.forEach(
          (reason, n) -> s.append('[').append(n).append("] ").append(reason).append('\n'));
    }
    return s.toString();
  }

  static String csv(TariffPreview.Table t) {
    StringBuilder s = new StringBuilder("stay,class,day,entry,in_force,new,difference,currency\n");
    for (TariffPreview.Row r : t.rows()) {
      s.append(field(r.stay()))
          .append(',')
          .append(field(r.vehicleClass()))
          .append(',')
          .append(r.day().label())
          .append(',')
          .append(LocalDateTime.ofInstant(r.entry(), t.zone()))
          .append(',')
          .append(field(csvCell(r.inForce())))
          .append(',')
          .append(field(csvCell(r.proposed())))
          .append(',')
          .append(r.difference().map(Money::toDecimalString).orElse(""))
          .append(',')
          .append(t.inForce().currency())
          .append('\n');
    }
    return s.toString();
  }

  private static String cell(TariffPreview.Cell c, Map<String, Integer> notes) {
    if (c instanceof TariffPreview.Refused r) {
      return "refused [" + notes.computeIfAbsent(r.reason(), k -> notes.size() + 1) + "]";
    }
    return ((TariffPreview.Fee) c).amount().toString();
  }

  private static String csvCell(TariffPreview.Cell c) {
    if (c instanceof TariffPreview.Refused r) {
      return r.reason();
    }
    return ((TariffPreview.Fee) c).amount().toDecimalString();
  }

  private static String signed(Money m) {
    return (m.isPositive() ? "+" : "") + m;
  }

  private static String day(LocalDate d) {
    return d + " (" + d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
  }

  /** Columns on a terminal: a Chinese character takes two. */
  private static int width(String s) {
    return s.codePoints().map(c -> Character.isIdeographic(c) || c >= 0xFF00 ? 2 : 1).sum();
  }

  private static String field(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
