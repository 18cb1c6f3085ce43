package org.parkgate.console.booth;

import static org.parkgate.console.booth.BoothFormat.currency;

import org.parkgate.api.Answer;

/**
 * The page's views of the money at the exit: a receipt, a reversal, a receipt's copy and a drawer
 * opened for "no sale".
 */
final class PaymentViews {
  private PaymentViews() {}

  /** The page's view of one of these answers, or null for any other answer. */
  static Object of(Answer answer, BoothFormat format) {
    if (answer instanceof Answer.Receipt r) {
      return new Receipt(
          "receipt",
          r.receiptNo(),
          r.stayId(),
          r.lane(),
          r.card(),
          BoothFormat.money(r.amount()),
          currency(r.amount()),
          r.cashier(),
          format.dateTime(r.paidAt()),
          r.tender() == null ? "cash" : r.tender().code(),
          r.tender() == null ? null : r.tender().chinese(),
          r.tender() == null ? null : r.tender().english(),
          BoothFormat.money(r.tendered()),
          BoothFormat.money(r.change()),
          r.reference(),
          r.plate(),
          r.verificationCode());
    } else if (answer instanceof Answer.Reversed r) {
      return new Reversed(
          "reversed",
          r.receiptNo(),
          BoothFormat.money(r.amount()),
          currency(r.amount()),
          r.supervisor(),
          r.reason(),
          format.dateTime(r.at()));
    } else if (answer instanceof Answer.ReceiptCopy c) {
      return new ReceiptCopy(
          "receipt-copy",
          c.receiptNo(),
          c.copyNo(),
          c.lane(),
          c.card(),
          BoothFormat.money(c.amount()),
          currency(c.amount()),
          c.cashier(),
          format.dateTime(c.paidAt()),
          c.reversed(),
          c.reprintedBy());
    } else if (answer instanceof Answer.DrawerOpened d) {
      return new DrawerOpened(
          "drawer-opened", d.openingNo(), d.by(), d.reason(), format.dateTime(d.at()));
    }
    return null;
  }

  public record Receipt(
      String kind,
      String receiptNo,
      long stayId,
      String lane,
      String card,
      String amount,
      String currency,
      String cashier,
      String paidAt,
      String tender,
      String tenderZh,
      String tenderEn,
      String tendered,
      String change,
      String reference,
      String plate,
      String verificationCode) {}

  public record Reversed(
      String kind,
      String receiptNo,
      String amount,
      String currency,
      String supervisor,
      String reason,
      String at) {}

  public record ReceiptCopy(
      String kind,
      String receiptNo,
      int copyNo,
      String lane,
      String card,
      String amount,
      String currency,
      String cashier,
      String paidAt,
      boolean reversed,
      String reprintedBy) {}

  public record DrawerOpened(String kind, long openingNo, String by, String reason, String at) {}
}
