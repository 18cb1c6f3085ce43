package org.parkgate.console.booth;

import static org.parkgate.console.booth.BoothFormat.currency;

import java.util.List;
import org.parkgate.api.Answer;
import org.parkgate.api.ShiftSheet;
import org.parkgate.money.Money;

/**
 * The page's views of the shift: opened, cash dropped, its report, and its end: a shift report as
 * it prints, an incident resolved, a handover and a report's copy. Times in the site's zone, money
 * as exact decimals.
 */
public final class ShiftViews {
  private ShiftViews() {}

  /** The page's view of one of the shift's answers, or null for any other answer. */
  static Object of(Answer answer, BoothFormat format) {
    if (answer instanceof Answer.ShiftOpen s) {
      return new ShiftOpen(
          "shift-open",
          s.shiftNo(),
          s.cashier(),
          format.dateTime(s.openedAt()),
          s.alreadyOpen(),
          s.figures() == null ? null : BoothFormat.money(s.figures().cashFloat()));
    } else if (answer instanceof Answer.ShiftReport s) {
      return new ShiftReport(
          "shift-report",
          s.shiftNo(),
          s.cashier(),
          s.payments(),
          s.reversals(),
          s.firstReceipt(),
          s.lastReceipt(),
          currency(s.cashFloat()),
          BoothFormat.money(s.cashFloat()),
          BoothFormat.money(s.expectedCash()),
          BoothFormat.money(s.countedCash()),
          BoothFormat.money(s.variance()),
          DrawerView.tenders(s.byTender()),
          ShiftViews.sheet(s.sheet(), format));
    } else if (answer instanceof Answer.CashDropped d) {
      return new CashDropped(
          "cash-dropped",
          d.dropId(),
          d.shiftNo(),
          BoothFormat.money(d.amount()),
          currency(d.amount()),
          d.by(),
          format.dateTime(d.at()));
    } else if (answer instanceof Answer.IncidentResolved r) {
      return new IncidentResolved(
          "incident-resolved",
          r.incidentNo(),
          r.lane(),
          r.kind().name(),
          r.note(),
          r.by(),
          format.dateTime(r.at()));
    } else if (answer instanceof Answer.HandedOver h) {
      return new HandedOver(
          "handed-over",
          sheet(h.closed(), format),
          h.opened().shiftNo(),
          h.opened().cashier(),
          h.opened().figures() == null
              ? null
              : BoothFormat.money(h.opened().figures().cashFloat()));
    } else if (answer instanceof Answer.ShiftReportCopy c) {
      return new ReportCopy(
          "shift-report-copy",
          c.reprintNo(),
          c.copyNo(),
          c.reprintedBy(),
          sheet(c.sheet(), format));
    }
    return null;
  }

  /** The report as the page shows it, or null for none. */
  static Sheet sheet(ShiftSheet s, BoothFormat format) {
    if (s == null) {
      return null;
    }
    return new Sheet(
        s.shiftNo(),
        s.cashier(),
        format.dateTime(s.openedAt()),
        format.dateTime(s.closedAt()),
        s.payments(),
        s.reversals(),
        s.firstReceipt() == null ? null : s.firstReceipt() + " .. " + s.lastReceipt(),
        DrawerView.tenders(s.byTender()),
        money(s.cashFloat()),
        money(s.cashDropped()),
        money(s.expectedCash()),
        money(s.countedCash()),
        money(s.variance()),
        s.expectedCards(),
        s.countedCards(),
        s.expectedReceipts(),
        s.countedReceipts(),
        s.incidents().stream()
            .map(
                i ->
                    new IncidentLine(
                        i.incidentNo(),
                        i.kind().name(),
                        i.lane(),
                        format.dateTime(i.at()),
                        i.detail(),
                        i.note(),
                        i.resolvedBy()))
            .toList(),
        s.handedTo());
  }

  private static String money(Money m) {
    return m == null ? null : BoothFormat.money(m);
  }

  public record Sheet(
      long shiftNo,
      String cashier,
      String openedAt,
      String closedAt,
      long payments,
      long reversals,
      String receipts,
      List<DrawerView.TenderLine> byTender,
      String cashFloat,
      String cashDropped,
      String expectedCash,
      String countedCash,
      String variance,
      Long expectedCards,
      Long countedCards,
      Long expectedReceipts,
      Long countedReceipts,
      List<IncidentLine> incidents,
      String handedTo) {}

  public record IncidentLine(
      long incidentNo,
      String kind,
      String lane,
      String at,
      String detail,
      String note,
      String resolvedBy) {}

  public record IncidentResolved(
      String kind,
      long incidentNo,
      String lane,
      String incident,
      String note,
      String by,
      String at) {}

  public record HandedOver(
      String kind, Sheet closed, long openedShiftNo, String incoming, String incomingFloat) {}

  public record ReportCopy(String kind, long reprintNo, int copyNo, String by, Sheet sheet) {}

  public record ShiftOpen(
      String kind,
      long shiftNo,
      String cashier,
      String openedAt,
      boolean alreadyOpen,
      String cashFloat) {}

  public record ShiftReport(
      String kind,
      long shiftNo,
      String cashier,
      long payments,
      long reversals,
      String firstReceipt,
      String lastReceipt,
      String currency,
      String cashFloat,
      String expectedCash,
      String countedCash,
      String variance,
      List<DrawerView.TenderLine> byTender,
      ShiftViews.Sheet sheet) {}

  public record CashDropped(
      String kind,
      long dropId,
      long shiftNo,
      String amount,
      String currency,
      String by,
      String at) {}
}
