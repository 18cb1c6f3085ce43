package org.parkgate.controller.report;

import org.parkgate.api.LostCardEntry;
import org.parkgate.controller.command.LostCardRegister;
import org.parkgate.controller.ledger.FreePasses;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.ManualLifts;
import org.parkgate.report.Cell;
import org.parkgate.report.Column;
import org.parkgate.report.ColumnType;
import org.parkgate.report.ReportRequest;

/**
 * The registers of vehicles let out without the fee paid at the booth (free passes, manual lifts)
 * and of lost cards, read through the ledger's own repositories.
 */
final class ExemptionReports {
  private ExemptionReports() {}

  /** Free passes asked and barriers lifted by hand: who asked, who decided, what was waived. */
  static Table exemptions(
      Ledger ledger, ReportRequest req, Period period, String currency, Table.Rows rows) {
    Table t =
        new Table(
            rows,
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
    new FreePasses(ledger)
        .eachBetween(
            period.start(),
            period.end(),
            p -> {
              if ((req.lane() == null || req.lane().equals(p.lane()))
                  && p.fee().currency().getCurrencyCode().equals(currency)) {
                passRow(t, p, period);
              }
            });
    new ManualLifts(ledger)
        .eachBetween(
            period.start(),
            period.end(),
            l -> {
              if (req.lane() == null || req.lane().equals(l.lane())) {
                liftRow(t, l, period, currency);
              }
            });
    t.totalsRow(Table.TOTAL, "no", Cell.of(t.rowCount()));
    return t;
  }

  private static void passRow(Table t, FreePasses.Pass p, Period period) {
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

  private static void liftRow(Table t, ManualLifts.Lift l, Period period, String currency) {
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

  static Table lostCards(
      Ledger ledger, ReportRequest req, Period period, String currency, Table.Rows rows) {
    Table t =
        new Table(
            rows,
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
    LostCardRegister.each(
        new LostCards(ledger),
        period.zone(),
        period.from(),
        period.to(),
        e -> {
          if ((req.lane() == null || req.lane().equals(e.lane()))
              && e.due().currency().getCurrencyCode().equals(currency)) {
            lostCardRow(t, e, period);
          }
        });
    t.totalsRow(Table.TOTAL);
    return t;
  }

  private static void lostCardRow(Table t, LostCardEntry e, Period period) {
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
}
