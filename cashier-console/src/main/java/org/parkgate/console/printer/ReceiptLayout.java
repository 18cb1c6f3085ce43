package org.parkgate.console.printer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.parkgate.device.escpos.Alignment;
import org.parkgate.device.escpos.EscPosWriter;
import org.parkgate.device.escpos.QrLevel;
import org.parkgate.money.Money;

/**
 * A {@link ReceiptPrint} laid out for a 58/80 mm roll in Chinese and English (the booth's words,
 * GLOSSARY.md), with times in the site's zone, a QR code of the verification code when there is
 * one, a partial cut, and a drawer kick for cash.
 */
public final class ReceiptLayout {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String RULE = "-".repeat(32);

  private ReceiptLayout() {}

  public static byte[] render(ReceiptPrint r, ZoneId zone) {
    EscPosWriter w = new EscPosWriter();
    w.align(Alignment.CENTER).bold(true).size(2, 2).line("停车收据 RECEIPT").size(1, 1);
    w.bold(false).line(r.siteName());
    if (r.copy()) {
      w.bold(true).size(2, 1).line("副本 COPY").size(1, 1).bold(false);
    }
    w.align(Alignment.LEFT).line(RULE);
    w.line("收据号 Receipt No: " + r.receiptNo());
    w.line("车道 Lane: " + r.lane());
    if (r.plate() != null) {
      w.line("车牌 Plate: " + r.plate());
    }
    if (r.card() != null) {
      w.line("卡号 Card: " + r.card());
    }
    if (r.entryTime() != null) {
      w.line("入场 Entry: " + time(r.entryTime(), zone));
    }
    if (r.exitTime() != null) {
      w.line("出场 Exit: " + time(r.exitTime(), zone));
    }
    if (!r.fees().isEmpty()) {
      w.line(RULE);
      for (ReceiptPrint.FeeItem f : r.fees()) {
        String quantity = f.quantity() > 1 ? " x" + f.quantity() : "";
        w.line(f.period() + " " + f.rule() + quantity + "  " + money(f.amount()));
      }
    }
    if (r.tariff() != null) {
      w.line("收费标准 Tariff: " + r.tariff().label());
    }
    w.line(RULE);
    w.bold(true).size(1, 2).line("应收 Due: " + money(r.amount())).size(1, 1).bold(false);
    if (r.tendered() != null) {
      w.line("实收 Tendered: " + money(r.tendered()));
    }
    if (r.change() != null) {
      w.line("找零 Change: " + money(r.change()));
    }
    w.line("付款方式 Tender: " + r.tender().chinese() + " " + r.tender().english());
    w.line("收费员 Cashier: " + r.cashier());
    if (r.verificationCode() != null) {
      w.line(RULE).align(Alignment.CENTER);
      w.qr(r.verificationCode(), 6, QrLevel.M);
      w.line("验证码 Check code: " + r.verificationCode());
      if (r.ledgerLink() != null) {
        w.line("账本 Ledger: " + r.ledgerLink());
      }
      w.align(Alignment.LEFT);
    } else if (r.ledgerLink() != null) {
      w.line("账本 Ledger: " + r.ledgerLink());
    }
    w.feed(3).cut();
    if (r.opensDrawer()) {
      w.kickDrawer();
    }
    return w.bytes();
  }

  /** Just the drawer kick, for "no sale". */
  public static byte[] drawerKick() {
    return new EscPosWriter().kickDrawer().bytes();
  }

  private static String time(Instant at, ZoneId zone) {
    return TIME.format(at.atZone(zone));
  }

  private static String money(Money m) {
    return m.toDecimalString() + " " + m.currency().getCurrencyCode();
  }
}
