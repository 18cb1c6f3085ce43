package org.parkgate.controller.report;

import java.time.YearMonth;
import java.util.List;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.MonthlyClose;
import org.parkgate.controller.ledger.MonthlyClosure;
import org.parkgate.controller.ledger.ShiftReport;
import org.parkgate.controller.ledger.ShiftReports;
import org.parkgate.controller.ledger.ZReport;
import org.parkgate.report.Cell;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.ReportRequest;

/**
 * The closes finance keeps, read through the ledger's own repositories, which compute the figures:
 * shift reports, Z-reports and monthly closes.
 */
final class CloseReports {
  private CloseReports() {}

  static Table shifts(
      Ledger ledger, ReportRequest req, Period period, String currency, Table.Rows rows) {
    Table t =
        new Table(
            rows,
            Column.count("shift", "班次号", "Shift no."),
            Column.text("cashier", "收费员", "Cashier"),
            Column.of("opened", ColumnType.TIME, "开班", "Opened"),
            Column.of("closed", ColumnType.TIME, "交班", "Closed"),
            Column.count("payments", "收款笔数", "Payments"),
            Column.count("reversals", "冲正笔数", "Reversals"),
            Column.money("net", "净收入", "Net", currency),
            Column.money("expected", "应有现金", "Cash expected", currency),
            Column.money("counted", "实点现金", "Cash counted", currency),
            Column.money("variance", "长短款", "Over (+) / short (-)", currency));
    new ShiftReports(ledger)
        .eachClosedBetween(
            period.start(),
            period.end(),
            s -> {
              if (req.cashier() == null || req.cashier().equals(s.cashier())) {
                shiftRow(t, s, period, currency);
              }
            });
    t.totalsRow(Table.TOTAL);
    t.notes.add("班次按交班日期计入 · shifts are counted on the day they closed");
    return t;
  }

  private static void shiftRow(Table t, ShiftReport s, Period period, String currency) {

    long net =
        s.totals().stream()
            .filter(x -> x.paid().currency().getCurrencyCode().equals(currency))
            .mapToLong(x -> x.net().minor())
            .sum();
    ShiftReport.Drawer d = s.drawer();
    t.add(
        Cell.of(s.shiftNo()),
        Cell.text(s.cashier()),
        Cell.time(s.openedAt(), period.zone()),
        Cell.time(s.closedAt(), period.zone()),
        Cell.of(s.payments()),
        Cell.of(s.reversals()),
        Cell.of(net),
        d == null ? Cell.EMPTY : Cell.of(d.figures().expectedCash().minor()),
        d == null ? Cell.EMPTY : Cell.of(d.counted().minor()),
        d == null ? Cell.EMPTY : Cell.of(d.variance().minor()));
  }

  static Table zReports(
      Ledger ledger, Period period, String currency, java.util.Currency cur, java.time.Clock c) {
    Table t =
        TakingsFigures.table(
            List.of(
                Column.count("z", "日结号", "Z no."),
                Column.of("day", ColumnType.DATE, "营业日", "Business day")),
            currency,
            false,
            Column.text("receipts", "收据号段", "Receipts"),
            Column.count("incidents", "异常事件", "Incidents"),
            Column.count("link", "链头", "Chain link"));
    for (ZReport z : new DailyClosure(ledger, period.zone(), cur, c).reports()) {
      if (z.businessDay().isBefore(period.from()) || z.businessDay().isAfter(period.to())) {
        continue;
      }
      t.add(
          Cell.of(z.zNo()),
          Cell.date(z.businessDay()),
          Cell.of(z.payments()),
          Cell.of(z.gross().minor()),
          Cell.of(z.reversals()),
          Cell.of(z.reversed().minor()),
          Cell.of(z.net().minor()),
          Cell.text(z.payments() == 0 ? "-" : z.firstReceipt() + " .. " + z.lastReceipt()),
          Cell.of(z.incidentCount()),
          Cell.of(z.chainLink()));
    }
    t.totalsRow(Table.TOTAL, "link", Cell.EMPTY);
    long missing = period.days().size() - t.rowCount();
    if (missing > 0) {
      t.notes.add(
          "期间内 " + missing + " 天尚无日结 · " + missing + " day(s) of the period have no Z-report yet");
    }
    return t;
  }

  static Table monthlyCloses(
      Ledger ledger, Period period, String currency, java.util.Currency cur, java.time.Clock c) {
    Table t =
        TakingsFigures.table(
            List.of(
                Column.count("close", "月结号", "Close no."),
                Column.text("month", "月份", "Month"),
                Column.text("z", "日结号段", "Z-reports"),
                Column.count("days", "天数", "Days")),
            currency,
            false,
            Column.text("by", "月结人", "Closed by"),
            Column.of("at", ColumnType.TIME, "月结时间", "Closed at"),
            Column.count("link", "链头", "Chain link"));
    for (MonthlyClose m :
        new MonthlyClosure(ledger, period.zone(), cur, c)
            .between(YearMonth.from(period.from()), YearMonth.from(period.to()))) {
      t.add(
          Cell.of(m.closeNo()),
          Cell.text(m.month().toString()),
          Cell.text(m.firstZ() + " .. " + m.lastZ()),
          Cell.of(m.days()),
          Cell.of(m.payments()),
          Cell.of(m.gross().minor()),
          Cell.of(m.reversals()),
          Cell.of(m.reversed().minor()),
          Cell.of(m.net().minor()),
          Cell.text(m.closedBy()),
          Cell.time(m.closedAt(), period.zone()),
          Cell.of(m.chainLink()));
    }
    t.totalsRow(Table.TOTAL, "link", Cell.EMPTY);
    t.notes.add(
        "月结：./parking close-month --month YYYY-MM · close a month: ./parking close-month"
            + " --month YYYY-MM");
    return t;
  }
}
