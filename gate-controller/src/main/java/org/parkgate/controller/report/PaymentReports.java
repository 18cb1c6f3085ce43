package org.parkgate.controller.report;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.parkgate.api.Tender;
import org.parkgate.report.Cell;
import org.parkgate.report.ChartRole;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;

/**
 * Reports over the takings ({@link Takings}): by tender, lane, cashier, hour and day; reversals.
 */
final class PaymentReports {
  private PaymentReports() {}

  /** Payments, reversals and net per group, with each group's share of the net. */
  static Table grouped(
      List<Takings.Sum> lines,
      String currency,
      Column key,
      Function<String, String> label,
      java.util.Comparator<String> order) {
    Map<String, long[]> sums = new TreeMap<>(order);
    for (Takings.Sum l : lines) {
      add(sums.computeIfAbsent(l.key() == null ? "" : l.key(), k -> new long[4]), l);
    }
    Table t = sumsTable(currency, key.plotted(ChartRole.AXIS));
    long net = sums.values().stream().mapToLong(s -> s[1] + s[3]).sum();
    sums.forEach(
        (k, s) ->
            t.add(
                TakingsFigures.row(Cell.text(label.apply(k)), s, Cell.percent(s[1] + s[3], net))));
    t.totalsRow(Table.TOTAL, "share", Cell.percent(net, net));
    return t;
  }

  static Table byTender(List<Takings.Sum> lines, String currency) {
    return grouped(
        lines,
        currency,
        Column.text("tender", "支付方式", "Tender"),
        code -> Tender.of(code).map(t -> t.chinese() + " · " + t.english()).orElse(code),
        java.util.Comparator.comparing(
                (String code) -> Tender.of(code).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
            .thenComparing(code -> code));
  }

  static Table byLane(List<Takings.Sum> lines, String currency) {
    return byName(lines, currency, Column.text("lane", "车道", "Lane"));
  }

  static Table byCashier(List<Takings.Sum> lines, String currency) {
    return byName(lines, currency, Column.text("cashier", "收费员", "Cashier"));
  }

  /** Grouped by a key shown as it is and sorted by its name. */
  private static Table byName(List<Takings.Sum> lines, String currency, Column key) {
    return grouped(lines, currency, key, k -> k, java.util.Comparator.naturalOrder());
  }

  /** Payments taken in each hour of the day (00-23), over every day of the period. */
  static Table byHourOfDay(List<Takings.Sum> lines, Period period, String currency) {
    long[][] sums = new long[24][4];
    for (Takings.Sum l : lines) {
      add(sums[l.at().atZone(period.zone()).getHour()], l);
    }
    Table t = sumsTable(currency, Column.text("hour", "时段", "Hour of day").plotted(ChartRole.AXIS));
    long net = 0;
    for (long[] s : sums) {
      net += s[1] + s[3];
    }
    for (int h = 0; h < 24; h++) {
      long[] s = sums[h];
      t.add(
          TakingsFigures.row(
              Cell.text(String.format("%02d:00-%02d:00", h, (h + 1) % 24 == 0 ? 24 : h + 1)),
              s,
              Cell.percent(s[1] + s[3], net)));
    }
    t.totalsRow(Table.TOTAL, "share", Cell.percent(net, net));
    return t;
  }

  /** Every hour of the period in turn (a DST day has 23 or 25), for a revenue chart. */
  static Table revenueByHour(List<Takings.Sum> lines, Period period, String currency) {
    List<ZonedDateTime> hours = period.hours();
    long[][] sums = new long[hours.size()][4];
    for (Takings.Sum l : lines) {
      add(sums[period.hourIndex(l.at())], l);
    }
    Table t = revenueTable(currency, Column.of("hour", ColumnType.TIME, "时段起", "Hour from"));
    for (int i = 0; i < hours.size(); i++) {
      long[] s = sums[i];
      t.add(TakingsFigures.row(Cell.time(hours.get(i)), s));
    }
    t.totalsRow(Table.TOTAL);
    return t;
  }

  /** Every day of the period, as the Z-reports count them. */
  static Table revenueByDay(List<Takings.Sum> lines, Period period, String currency) {
    Map<LocalDate, long[]> sums = new LinkedHashMap<>();
    period.days().forEach(d -> sums.put(d, new long[4]));
    for (Takings.Sum l : lines) {
      add(sums.get(period.day(l.at())), l);
    }
    Table t = revenueTable(currency, Column.of("day", ColumnType.DATE, "日期", "Day"));
    sums.forEach((d, s) -> t.add(TakingsFigures.row(Cell.date(d), s)));
    t.totalsRow(Table.TOTAL);
    return t;
  }

  /** Each reversal: when, of which receipt, by whom and why. */
  static Table reversals(List<Takings.Line> lines, Period period, String currency) {
    Table t =
        new Table(
            Column.count("reversal", "冲正号", "Reversal no."),
            Column.of("at", ColumnType.TIME, "冲正时间", "Reversed at"),
            Column.text("receipt", "收据号", "Receipt"),
            Column.text("lane", "车道", "Lane"),
            Column.text("cashier", "收费员", "Cashier"),
            Column.text("tender", "支付方式", "Tender"),
            Column.text("supervisor", "主管", "Supervisor"),
            Column.text("reason", "原因", "Reason"),
            Column.money("amount", "冲正金额", "Amount", currency));
    for (Takings.Line l : lines) {
      t.add(
          Cell.of(l.id()),
          Cell.time(l.at(), period.zone()),
          Cell.text(l.receiptNo()),
          Cell.text(l.lane()),
          Cell.text(l.cashier()),
          Cell.text(l.tender()),
          Cell.text(l.supervisor()),
          Cell.text(l.reason()),
          Cell.of(l.amount()));
    }
    t.totalsRow(Table.TOTAL);
    return t;
  }

  private static void add(long[] s, Takings.Sum l) {
    if (l.reversal()) {
      s[2] += l.count();
      s[3] += l.amount();
    } else {
      s[0] += l.count();
      s[1] += l.amount();
    }
  }

  private static Table sumsTable(String currency, Column key) {
    return TakingsFigures.table(
        List.of(key), currency, true, Column.of("share", ColumnType.PERCENT, "占比", "Share of net"));
  }

  private static Table revenueTable(String currency, Column key) {
    return TakingsFigures.table(List.of(key.plotted(ChartRole.AXIS)), currency, true);
  }
}
