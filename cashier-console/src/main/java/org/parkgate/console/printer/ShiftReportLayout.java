package org.parkgate.console.printer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.parkgate.api.ShiftFigures;
import org.parkgate.api.ShiftSheet;
import org.parkgate.device.escpos.Alignment;
import org.parkgate.device.escpos.EscPosWriter;
import org.parkgate.money.Money;

/**
 * A closed shift's report (交接班报表) laid out for the booth's roll in Chinese and English: takings by
 * tender, float, drops, cash expected against counted with the variance (长款 over / 短款 short), IC
 * cards and receipts, the shift's incidents with their resolutions, the incoming cashier of a
 * handover, and the ledger chain head. A copy printed again says 副本 COPY with its number. It never
 * opens the drawer.
 */
public final class ShiftReportLayout {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String RULE = "-".repeat(32);

  private ShiftReportLayout() {}

  /** The report of {@code s}; {@code copyNo} 0 for the original, 1, 2... for copies. */
  public static byte[] render(String siteName, ShiftSheet s, ZoneId zone, int copyNo) {
    EscPosWriter w = new EscPosWriter();
    w.align(Alignment.CENTER).bold(true).size(2, 2).line("交接班报表").size(1, 1);
    w.line("SHIFT REPORT").bold(false).line(siteName);
    if (copyNo > 0) {
      w.bold(true).size(2, 1).line("副本 COPY " + copyNo).size(1, 1).bold(false);
    }
    w.align(Alignment.LEFT).line(RULE);
    w.line("班次 Shift: #" + s.shiftNo());
    w.line("收费员 Cashier: " + s.cashier());
    w.line("开班 Opened: " + time(s.openedAt(), zone));
    w.line("交班 Closed: " + time(s.closedAt(), zone));
    if (s.handedTo() != null) {
      w.line("接班 Handed to: " + s.handedTo());
    }
    w.line(RULE);
    w.line("收款 Payments: " + s.payments() + "  冲正 Reversals: " + s.reversals());
    if (s.firstReceipt() != null) {
      w.line("收据 Receipts: " + s.firstReceipt() + " .. " + s.lastReceipt());
    }
    for (ShiftFigures.TenderTotal t : s.byTender()) {
      w.line(
          t.tender().chinese()
              + " "
              + t.tender().english()
              + ": "
              + t.payments()
              + " x  "
              + money(t.taken()));
    }
    if (s.countedCash() != null) {
      w.line(RULE);
      w.line("备用金 Float: " + money(s.cashFloat()));
      w.line("缴款 Cash dropped: " + money(s.cashDropped()));
      w.line("应有现金 Cash expected: " + money(s.expectedCash()));
      w.line("清点现金 Cash counted: " + money(s.countedCash()));
      w.bold(true).line("差额 Variance: " + variance(s.variance())).bold(false);
    }
    if (s.countedCards() != null) {
      w.line(RULE);
      w.line(
          "IC卡 Cards: 应收回 expected "
              + s.expectedCards()
              + " / 清点 counted "
              + s.countedCards()
              + signed(s.cardVariance()));
      w.line(
          "收据 Receipts: 应有 expected "
              + s.expectedReceipts()
              + " / 清点 counted "
              + s.countedReceipts()
              + signed(s.receiptVariance()));
    }
    w.line(RULE);
    if (s.incidents().isEmpty()) {
      w.line("异常事件 Incidents: 无 none");
    } else {
      w.line("异常事件 Incidents: " + s.incidents().size());
      for (ShiftSheet.ResolvedIncident i : s.incidents()) {
        w.line("#" + i.incidentNo() + " " + i.kind() + " " + i.lane() + " " + time(i.at(), zone));
        w.line(
            i.note() == null
                ? "  未处理 unresolved"
                : "  处理 Resolved: " + i.note() + " (" + i.resolvedBy() + ")");
      }
    }
    w.line(RULE);
    w.line("账本 Ledger: link " + s.chainLink());
    w.line(s.chainHead().substring(0, Math.min(16, s.chainHead().length())) + "...");
    w.feed(2).line("交班签字 Outgoing: ____________");
    if (s.handedTo() != null) {
      w.feed(1).line("接班签字 Incoming: ____________");
    }
    w.feed(3).cut();
    return w.bytes();
  }

  private static String variance(Money v) {
    if (v == null) {
      return "-";
    }
    if (v.isPositive()) {
      return "长款 Over +" + money(v);
    }
    return v.minor() == 0 ? "无差额 Even " + money(v) : "短款 Short " + money(v);
  }

  private static String signed(Long difference) {
    if (difference == null || difference == 0) {
      return "";
    }
    return difference > 0 ? "  (+" + difference + ")" : "  (" + difference + ")";
  }

  private static String time(Instant at, ZoneId zone) {
    return at == null ? "" : TIME.format(at.atZone(zone));
  }

  private static String money(Money m) {
    return m == null ? "" : m.toDecimalString() + " " + m.currency().getCurrencyCode();
  }
}
