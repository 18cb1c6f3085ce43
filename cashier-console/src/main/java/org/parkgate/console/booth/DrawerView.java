package org.parkgate.console.booth;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.parkgate.api.Answer;
import org.parkgate.api.ShiftFigures;
import org.parkgate.api.Tender;
import org.parkgate.money.Denominations;
import org.parkgate.money.Money;

/**
 * The signed-in cashier's drawer as the page draws it ({@code drawer} message): whether a shift is
 * open, and its running figures as the controller counted them, money formatted. The console only
 * passes on what the controller's answers say.
 */
public final class DrawerView {
  private DrawerView() {}

  /** An open shift: float, takings by tender, cash in, change, reversed and cash expected. */
  public record Open(
      String type,
      boolean open,
      long shiftNo,
      String currency,
      String cashFloat,
      String cashTendered,
      String changeGiven,
      String cashReversed,
      String cashDropped,
      String expectedCash,
      String drawerLimit,
      boolean overLimit,
      List<TenderLine> byTender) {}

  /** No open shift: {@code reason} says why (the controller's words). */
  public record Closed(String type, boolean open, String reason) {}

  /** One tender's takings, with its names in the booth's two languages. */
  public record TenderLine(
      String tender, String tenderZh, String tenderEn, long payments, String taken) {}

  /** One note or coin the page's count forms ask for. */
  public record Face(long faceMinor, String label) {}

  public static Open of(ShiftFigures f) {
    return new Open(
        "drawer",
        true,
        f.shiftNo(),
        f.cashFloat().currency().getCurrencyCode(),
        BoothFormat.money(f.cashFloat()),
        BoothFormat.money(f.cashTendered()),
        BoothFormat.money(f.changeGiven()),
        BoothFormat.money(f.cashReversed()),
        BoothFormat.money(f.cashDropped()),
        BoothFormat.money(f.expectedCash()),
        f.drawerLimit() == null ? null : BoothFormat.money(f.drawerLimit()),
        f.overLimit(),
        tenders(f.byTender()));
  }

  public static Closed closed(String reason) {
    return new Closed("drawer", false, reason);
  }

  /** The drawer an answer tells of, or null when it tells nothing of one. */
  public static Object fromAnswer(Answer answer) {
    if (answer instanceof Answer.Receipt r && r.shift() != null) {
      return of(r.shift());
    } else if (answer instanceof Answer.CashDropped d && d.figures() != null) {
      return of(d.figures());
    } else if (answer instanceof Answer.ShiftOpen s && s.figures() != null) {
      return of(s.figures());
    } else if (answer instanceof Answer.HandedOver h) {
      return closed(
          "班次 #"
              + h.closed().shiftNo()
              + " 已交接给 "
              + h.opened().cashier()
              + "，请接班人登录收款 · Shift #"
              + h.closed().shiftNo()
              + " handed over to "
              + h.opened().cashier()
              + ": they log in to take payments");
    } else if (answer instanceof Answer.ShiftReport s) {
      return closed(
          "班次 #"
              + s.shiftNo()
              + " 已交班，请清点备用金开班 · Shift #"
              + s.shiftNo()
              + " is closed: count a float to open a new one");
    }
    return null;
  }

  static List<TenderLine> tenders(List<ShiftFigures.TenderTotal> totals) {
    List<TenderLine> out = new ArrayList<>();
    for (ShiftFigures.TenderTotal t : totals) {
      Tender k = t.tender();
      out.add(
          new TenderLine(
              k.code(), k.chinese(), k.english(), t.payments(), BoothFormat.money(t.taken())));
    }
    return out;
  }

  /** The notes and coins of {@code currency}, largest first, for the page's count forms. */
  public static List<Face> faces(Currency currency) {
    List<Face> out = new ArrayList<>();
    for (long f : Denominations.of(currency)) {
      out.add(new Face(f, BoothFormat.money(Money.of(f, currency))));
    }
    return out;
  }

  /** The hello's extra fields: the site's notes and coins. */
  public static Map<String, Object> counting(Currency currency) {
    return Map.of("currency", currency.getCurrencyCode(), "faces", faces(currency));
  }
}
