package org.parkgate.controller.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parkgate.api.Tender;
import org.parkgate.report.Cell;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;

/**
 * Each business day's takings as one journal voucher: a debit line per tender for what it took net
 * of reversals, and a credit line to parking revenue for the day's net, so every voucher balances.
 * Days without takings get no voucher. Columns as the {@link JournalLayout} says.
 */
final class Journal {
  private Journal() {}

  static Table of(List<Takings.Sum> lines, Period period, String currency, JournalLayout layout) {
    Map<LocalDate, Map<Tender, long[]>> days = new LinkedHashMap<>();
    for (Takings.Sum l : lines) {
      Tender tender = l.key() == null ? Tender.CASH : Tender.of(l.key()).orElse(Tender.CASH);
      days.computeIfAbsent(period.day(l.at()), d -> new EnumMap<>(Tender.class))
              .computeIfAbsent(tender, t -> new long[1])[0] +=
          l.amount();
    }
    List<Column> columns = new ArrayList<>();
    for (JournalLayout.JournalColumn c : layout.columns()) {
      columns.add(column(c, currency));
    }
    Table t = new Table(columns);
    int voucherNo = layout.firstVoucherNo();
    for (var day : new java.util.TreeMap<>(days).entrySet()) {
      long net = 0;
      int entry = 0;
      for (var tender : day.getValue().entrySet()) {
        long amount = tender.getValue()[0];
        if (amount == 0) {
          continue;
        }
        net += amount;
        JournalLayout.Account a = layout.tenders().get(tender.getKey().code());
        t.add(
            row(layout, day.getKey(), voucherNo, ++entry, tender.getKey(), a, amount, 0, currency));
      }
      if (entry == 0) {
        continue;
      }
      t.add(
          row(layout, day.getKey(), voucherNo, ++entry, null, layout.revenue(), 0, net, currency));
      voucherNo++;
    }
    t.totalsRow(Table.TOTAL, "voucher_no", Cell.EMPTY, "entry_no", Cell.EMPTY);
    t.notes.add("每个营业日一张凭证，借贷平衡 · one voucher per business day; debits equal credits");
    return t;
  }

  private static Column column(JournalLayout.JournalColumn c, String currency) {
    String key = c.field().name().toLowerCase(java.util.Locale.ROOT);
    return switch (c.field()) {
      case DATE -> new Column(key, ColumnType.DATE, c.header(), c.header(), null, null);
      case VOUCHER_NO, ENTRY_NO ->
          new Column(key, ColumnType.COUNT, c.header(), c.header(), null, null);
      case DEBIT, CREDIT ->
          new Column(key, ColumnType.MONEY, c.header(), c.header(), currency, null);
      default -> new Column(key, ColumnType.TEXT, c.header(), c.header(), null, null);
    };
  }

  private static org.parkgate.report.Row row(
      JournalLayout layout,
      LocalDate day,
      int voucherNo,
      int entryNo,
      Tender tender,
      JournalLayout.Account account,
      long debit,
      long credit,
      String currency) {
    List<Cell> cells = new ArrayList<>();
    for (JournalLayout.JournalColumn c : layout.columns()) {
      cells.add(
          switch (c.field()) {
            case DATE -> Cell.date(day);
            case VOUCHER_WORD -> Cell.text(layout.voucherWord());
            case VOUCHER_NO -> Cell.of(voucherNo);
            case ENTRY_NO -> Cell.of(entryNo);
            case SUMMARY ->
                Cell.text(
                    layout
                        .summary()
                        .replace("{date}", day.toString())
                        .replace("{tender}", tender == null ? "" : tender.chinese())
                        .strip());
            case ACCOUNT_CODE -> Cell.text(account.code());
            case ACCOUNT_NAME -> Cell.text(account.name());
            case DEBIT -> debit == 0 ? Cell.EMPTY : Cell.of(debit);
            case CREDIT -> credit == 0 ? Cell.EMPTY : Cell.of(credit);
            case CURRENCY -> Cell.text(currency);
          });
    }
    return new org.parkgate.report.Row(cells);
  }
}
