package org.parkgate.controller.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parkgate.api.Answer;
import org.parkgate.controller.command.LostCardRegister;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.FreePasses;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.ManualLifts;
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
 * The registers finance keeps, read through the ledger's own repositories where they already
 * compute the figure (shift reports, Z-reports, monthly closes, free passes, manual lifts, lost
 * cards, incidents); the voucher and arrears figures no repository gives are read here.
 */
final class RegisterReports {
  private RegisterReports() {}

  static Table shifts(Ledger ledger, ReportRequest req, Period period, String currency) {
    Table t =
        new Table(
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
    for (ShiftReport s : new ShiftReports(ledger).closedBetween(period.start(), period.end())) {
      if (req.cashier() != null && !req.cashier().equals(s.cashier())) {
        continue;
      }
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
    t.totalsRow(Table.TOTAL);
    t.notes.add("班次按交班日期计入 · shifts are counted on the day they closed");
    return t;
  }

  static Table zReports(
      Ledger ledger, Period period, String currency, java.util.Currency cur, java.time.Clock c) {
    Table t =
        new Table(
            Column.count("z", "日结号", "Z no."),
            Column.of("day", ColumnType.DATE, "营业日", "Business day"),
            Column.count("payments", "收款笔数", "Payments"),
            Column.money("gross", "收款金额", "Gross", currency),
            Column.count("reversals", "冲正笔数", "Reversals"),
            Column.money("reversed", "冲正金额", "Reversed", currency),
            Column.money("net", "净收入", "Net", currency),
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
    long missing = period.days().size() - t.rows.size();
    if (missing > 0) {
      t.notes.add(
          "期间内 " + missing + " 天尚无日结 · " + missing + " day(s) of the period have no Z-report yet");
    }
    return t;
  }

  static Table monthlyCloses(
      Ledger ledger, Period period, String currency, java.util.Currency cur, java.time.Clock c) {
    Table t =
        new Table(
            Column.count("close", "月结号", "Close no."),
            Column.text("month", "月份", "Month"),
            Column.text("z", "日结号段", "Z-reports"),
            Column.count("days", "天数", "Days"),
            Column.count("payments", "收款笔数", "Payments"),
            Column.money("gross", "收款金额", "Gross", currency),
            Column.count("reversals", "冲正笔数", "Reversals"),
            Column.money("reversed", "冲正金额", "Reversed", currency),
            Column.money("net", "净收入", "Net", currency),
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

  /** Free passes asked and barriers lifted by hand: who asked, who decided, what was waived. */
  static Table exemptions(Ledger ledger, ReportRequest req, Period period, String currency) {
    Table t =
        new Table(
            Column.text("kind", "类别", "Kind"),
            Column.count("no", "编号", "No."),
            Column.of("at", ColumnType.TIME, "时间", "At"),
            Column.text("lane", "车道", "Lane"),
            Column.text("plate", "车牌", "Plate"),
            Column.text("reason", "原因", "Reason"),
            Column.text("asked", "申请人", "Asked by"),
            Column.text("decided", "审批人", "Decided by"),
            Column.text("outcome", "结果", "Outcome"),
            Column.money("fee", "应收", "Fee due", currency),
            Column.money("waived", "免收金额", "Waived", currency));
    for (FreePasses.Pass p : new FreePasses(ledger).between(period.start(), period.end())) {
      if ((req.lane() != null && !req.lane().equals(p.lane()))
          || !p.fee().currency().getCurrencyCode().equals(currency)) {
        continue;
      }
      boolean approved = p.decision().map(FreePasses.Decision::approved).orElse(false);
      t.add(
          Cell.text("免费放行 · Free pass"),
          Cell.of(p.passNo()),
          Cell.time(p.askedAt(), period.zone()),
          Cell.text(p.lane()),
          Cell.text(p.plate()),
          Cell.text(p.reason()),
          Cell.text(p.askedBy()),
          Cell.text(p.decision().map(FreePasses.Decision::decidedBy).orElse(null)),
          Cell.text(
              p.decision().isEmpty()
                  ? "待批准 · Awaiting"
                  : approved ? "批准 · Approved" : "拒绝 · Refused"),
          Cell.of(p.fee().minor()),
          Cell.of(approved ? p.fee().minor() : 0));
    }
    for (ManualLifts.Lift l : new ManualLifts(ledger).between(period.start(), period.end())) {
      if (req.lane() != null && !req.lane().equals(l.lane())) {
        continue;
      }
      long due =
          l.due() == null || !l.due().currency().getCurrencyCode().equals(currency)
              ? 0
              : l.due().minor();
      t.add(
          Cell.text("手动抬杆 · Manual lift"),
          Cell.of(l.liftNo()),
          Cell.time(l.at(), period.zone()),
          Cell.text(l.lane()),
          Cell.EMPTY,
          Cell.text(l.reason()),
          Cell.text(l.by()),
          Cell.text(l.by()),
          Cell.text("已抬杆 · Lifted"),
          Cell.of(due),
          Cell.of(due));
    }
    t.totalsRow(Table.TOTAL, "no", Cell.of(t.rows.size()));
    return t;
  }

  /** Per issuer and voucher kind: codes issued, used and voided in the period, and the discount. */
  static Table vouchers(Connection db, Period period, String currency) throws SQLException {
    record Key(String issuer, String kind) implements Comparable<Key> {
      public int compareTo(Key o) {
        int c = issuer.compareTo(o.issuer);
        return c != 0 ? c : kind.compareTo(o.kind);
      }
    }
    Map<Key, long[]> sums = new TreeMap<>();
    long from = period.start().getEpochSecond();
    long to = period.end().getEpochSecond();
    query(
        db,
        "SELECT issuer, kind, SUM(count) FROM voucher_batches WHERE"
            + " CAST(strftime('%s', issued_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', issued_at) AS INTEGER) < ? GROUP BY issuer, kind",
        r ->
            sums.computeIfAbsent(new Key(r.getString(1), r.getString(2)), k -> new long[4])[0] +=
                r.getLong(3),
        from,
        to);
    query(
        db,
        "SELECT b.issuer, b.kind, COUNT(*), SUM(x.due_before - x.due_after)"
            + " FROM voucher_redemptions x JOIN vouchers v ON v.voucher_id = x.voucher_id"
            + " JOIN voucher_batches b ON b.batch_no = v.batch_no WHERE x.currency = ?"
            + " AND CAST(strftime('%s', x.redeemed_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', x.redeemed_at) AS INTEGER) < ? GROUP BY b.issuer, b.kind",
        r -> {
          long[] s =
              sums.computeIfAbsent(new Key(r.getString(1), r.getString(2)), k -> new long[4]);
          s[1] += r.getLong(3);
          s[2] += r.getLong(4);
        },
        currency,
        from,
        to);
    query(
        db,
        "SELECT b.issuer, b.kind, COUNT(*) FROM voucher_voids x"
            + " JOIN vouchers v ON v.voucher_id = x.voucher_id"
            + " JOIN voucher_batches b ON b.batch_no = v.batch_no"
            + " WHERE CAST(strftime('%s', x.voided_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', x.voided_at) AS INTEGER) < ? GROUP BY b.issuer, b.kind",
        r ->
            sums.computeIfAbsent(new Key(r.getString(1), r.getString(2)), k -> new long[4])[3] +=
                r.getLong(3),
        from,
        to);
    Table t =
        new Table(
            Column.text("issuer", "发放单位", "Issuer"),
            Column.text("kind", "券种", "Voucher kind"),
            Column.count("issued", "发放张数", "Issued"),
            Column.count("redeemed", "使用张数", "Redeemed"),
            Column.money("discount", "抵扣金额", "Discount given", currency),
            Column.count("voided", "作废张数", "Voided"));
    sums.forEach(
        (k, s) ->
            t.add(
                Cell.text(k.issuer()),
                Cell.text(k.kind()),
                Cell.of(s[0]),
                Cell.of(s[1]),
                Cell.of(s[2]),
                Cell.of(s[3])));
    t.totalsRow(Table.TOTAL);
    return t;
  }

  static Table lostCards(Ledger ledger, ReportRequest req, Period period, String currency) {
    Table t =
        new Table(
            Column.count("no", "登记号", "Form no."),
            Column.of("at", ColumnType.TIME, "登记时间", "Registered at"),
            Column.text("lane", "车道", "Lane"),
            Column.text("plate", "车牌", "Plate"),
            Column.text("class", "车型", "Class"),
            Column.money("parking", "停车费", "Parking fee", currency),
            Column.money("replacement", "工本费", "Card fee", currency),
            Column.money("due", "应收", "Due", currency),
            Column.text("registered", "登记人", "Registered by"),
            Column.text("status", "审批", "Approval"),
            Column.text("decided", "审批人", "Decided by"),
            Column.text("receipt", "收据号", "Receipt"));
    List<Answer.LostCardEntry> found =
        LostCardRegister.read(new LostCards(ledger), period.zone(), period.from(), period.to());
    for (Answer.LostCardEntry e : found) {
      if ((req.lane() != null && !req.lane().equals(e.lane()))
          || !e.due().currency().getCurrencyCode().equals(currency)) {
        continue;
      }
      t.add(
          Cell.of(e.lostCardNo()),
          Cell.time(e.registeredAt(), period.zone()),
          Cell.text(e.lane()),
          Cell.text(e.form().plate()),
          Cell.text(e.form().vehicleClass()),
          Cell.of(e.parkingFee().minor()),
          Cell.of(e.replacementFee().minor()),
          Cell.of(e.due().minor()),
          Cell.text(e.registeredBy()),
          Cell.text(e.status().chinese() + " · " + e.status().english()),
          Cell.text(e.decidedBy()),
          Cell.text(e.receiptNo()));
    }
    t.totalsRow(Table.TOTAL);
    return t;
  }

  /**
   * Plates owing at the end of the period: balances recorded before it ends and not settled by
   * then, with the age of the oldest.
   */
  static Table arrears(Connection db, ReportRequest req, Period period, String currency)
      throws SQLException {
    Instant end = period.end();
    record Owing(long stays, long amount, Instant oldest) {}
    Map<String, Owing> byPlate = new TreeMap<>();
    query(
        db,
        "SELECT b.plate, b.amount_minor, b.recorded_at, b.lane FROM unpaid_balances b"
            + " WHERE b.currency = ? AND CAST(strftime('%s', b.recorded_at) AS INTEGER) < ?"
            + " AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.balance_id = b.balance_id"
            + " AND CAST(strftime('%s', s.settled_at) AS INTEGER) < ?) ORDER BY b.balance_id",
        r -> {
          if (req.lane() != null && !req.lane().equals(r.getString(4))) {
            return;
          }
          Instant at = Instant.parse(r.getString(3));
          byPlate.merge(
              r.getString(1),
              new Owing(1, r.getLong(2), at),
              (a, b) ->
                  new Owing(
                      a.stays() + 1,
                      a.amount() + b.amount(),
                      a.oldest().isBefore(b.oldest()) ? a.oldest() : b.oldest()));
        },
        currency,
        end.getEpochSecond(),
        end.getEpochSecond());
    Table t =
        new Table(
            Column.text("plate", "车牌", "Plate"),
            Column.count("stays", "欠费次数", "Unpaid stays"),
            Column.money("owed", "欠费金额", "Owed", currency),
            Column.of("oldest", ColumnType.TIME, "最早欠费", "Oldest since"),
            Column.of("age", ColumnType.DURATION, "欠费时长", "Age"));
    byPlate.forEach(
        (plate, o) ->
            t.add(
                Cell.text(plate),
                Cell.of(o.stays()),
                Cell.of(o.amount()),
                Cell.time(o.oldest(), period.zone()),
                Cell.of(Duration.between(o.oldest(), end).getSeconds())));
    t.totalsRow(Table.TOTAL, "age", Cell.EMPTY);
    t.notes.add(
        "截至 "
            + period.to()
            + " 日终未结清 · still owed at the end of "
            + period.to()
            + " (age counted to then)");
    return t;
  }

  /**
   * Incidents per kind and lane, and how many of them nobody has resolved: counted in one query on
   * the index of V17 rather than one look-up per incident (a year has some fifteen thousand).
   */
  static Table incidents(Connection db, ReportRequest req, Period period) throws SQLException {
    Map<List<String>, long[]> counts =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    String at = "CAST(strftime('%s', i.at) AS INTEGER)";
    List<Object> args =
        new java.util.ArrayList<>(
            List.of(period.start().getEpochSecond(), period.end().getEpochSecond()));
    if (req.lane() != null) {
      args.add(req.lane());
    }
    query(
        db,
        "SELECT i.kind, i.lane, COUNT(*), SUM(r.incident_id IS NULL) FROM incidents i"
            + " LEFT JOIN incident_resolutions r ON r.incident_id = i.incident_id WHERE "
            + at
            + " >= ? AND "
            + at
            + " < ?"
            + (req.lane() != null ? " AND i.lane = ?" : "")
            + " GROUP BY i.kind, i.lane",
        r ->
            counts.put(
                List.of(r.getString(1), r.getString(2)), new long[] {r.getLong(3), r.getLong(4)}),
        args.toArray());
    Table t =
        new Table(
            Column.text("kind", "事件类别", "Kind"),
            Column.text("lane", "车道", "Lane"),
            Column.count("count", "次数", "Count"),
            Column.count("unresolved", "未处理", "Unresolved"));
    counts.forEach(
        (k, c) ->
            t.add(
                Cell.text(org.parkgate.site.IncidentKind.said(k.get(0))),
                Cell.text(k.get(1)),
                Cell.of(c[0]),
                Cell.of(c[1])));
    t.totalsRow(Table.TOTAL);
    return t;
  }

  @FunctionalInterface
  interface RowReader {
    void read(ResultSet r) throws SQLException;
  }

  static void query(Connection db, String sql, RowReader row, Object... args) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof Long l) {
          p.setLong(i + 1, l);
        } else {
          p.setString(i + 1, String.valueOf(args[i]));
        }
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          row.read(r);
        }
      }
    }
  }
}
