package org.parkgate.console.booth;

import java.util.List;
import org.parkgate.api.Answer;
import org.parkgate.money.Money;

/**
 * A controller's {@link Answer} as the booth page draws it: the same fields, with times in the
 * site's zone and money as exact decimals with their currency, so the page needs neither time-zone
 * nor decimal logic and never reads a sentence. {@code kind} is the answer's API name.
 */
public final class AnswerView {
  private AnswerView() {}

  /** The page's view of {@code answer}, or null for none. */
  public static Object of(Answer answer, BoothFormat format) {
    if (answer == null) {
      return null;
    }
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
    } else if (answer instanceof Answer.ModeSet m) {
      return new ModeSet("mode-set", m.changeId(), m.lane(), m.mode().name(), m.by(), m.reason());
    } else if (answer instanceof Answer.PassbackCleared p) {
      return new PassbackCleared("passback-cleared", p.card(), p.closedStayId(), p.by());
    } else if (answer instanceof Answer.ShiftOpen s) {
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
    } else if (answer instanceof Answer.StaysFound f) {
      return new StaysFound(
          "stays-found", f.stays().stream().map(s -> stay(s, format)).toList(), f.exitPlates());
    } else if (answer instanceof Answer.LostCardAsked l) {
      return new LostCardAsked(
          "lost-card-asked",
          l.lostCardNo(),
          l.lane(),
          l.stayId(),
          l.card(),
          l.plate(),
          l.entryPlate(),
          l.exitPlate(),
          BoothFormat.money(l.parkingFee()),
          BoothFormat.money(l.replacementFee()),
          BoothFormat.money(l.due()),
          currency(l.due()),
          l.status().name(),
          l.status().chinese(),
          l.status().english());
    } else if (answer instanceof Answer.LostCardDecided d) {
      return new LostCardDecided(
          "lost-card-decided",
          d.lostCardNo(),
          d.lane(),
          d.stayId(),
          d.approved(),
          BoothFormat.money(d.due()),
          currency(d.due()),
          d.registeredBy(),
          d.decidedBy(),
          d.note());
    } else if (answer instanceof Answer.LostCardRegister r) {
      return new LostCardRegisterView(
          "lost-card-register",
          r.from().toString(),
          r.to().toString(),
          r.entries().stream()
              .map(
                  e ->
                      new LostCardLine(
                          e.lostCardNo(),
                          e.lane(),
                          e.stayId(),
                          e.matched(),
                          e.card(),
                          e.form().plate(),
                          e.entryPlate(),
                          e.exitPlate(),
                          e.form().vehicleClass(),
                          e.form().colour(),
                          e.form().driverName(),
                          e.form().phone(),
                          e.form().idNumber(),
                          e.form().circumstances(),
                          BoothFormat.money(e.due()),
                          currency(e.due()),
                          e.registeredBy(),
                          format.dateTime(e.registeredAt()),
                          e.status().name(),
                          e.status().chinese(),
                          e.status().english(),
                          e.decidedBy(),
                          e.note(),
                          e.receiptNo()))
              .toList());
    } else if (answer instanceof Answer.FreePassAsked f) {
      return new FreePassAsked(
          "free-pass-asked",
          f.passNo(),
          f.lane(),
          f.stayId(),
          f.plate(),
          BoothFormat.money(f.fee()),
          currency(f.fee()),
          f.reason());
    } else if (answer instanceof Answer.FreePassDecided f) {
      return new FreePassDecided(
          "free-pass-decided",
          f.passNo(),
          f.lane(),
          f.stayId(),
          f.approved(),
          BoothFormat.money(f.fee()),
          currency(f.fee()),
          f.askedBy(),
          f.decidedBy(),
          f.note());
    } else if (answer instanceof Answer.VoucherApplied v) {
      return new VoucherApplied(
          "voucher-applied",
          v.lane(),
          v.stayId(),
          v.code(),
          v.kind(),
          v.issuer(),
          BoothFormat.money(v.dueBefore()),
          BoothFormat.money(v.dueNow()),
          currency(v.dueNow()));
    } else if (answer instanceof Answer.BarrierLifted b) {
      return new BarrierLifted(
          "barrier-lifted",
          b.liftNo(),
          b.lane(),
          b.stayId(),
          BoothFormat.money(b.due()),
          currency(b.due()),
          b.reason(),
          b.by());
    } else if (answer instanceof Answer.DrawerOpened d) {
      return new DrawerOpened(
          "drawer-opened", d.openingNo(), d.by(), d.reason(), format.dateTime(d.at()));
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
    } else if (answer instanceof Answer.CashDropped d) {
      return new CashDropped(
          "cash-dropped",
          d.dropId(),
          d.shiftNo(),
          BoothFormat.money(d.amount()),
          currency(d.amount()),
          d.by(),
          format.dateTime(d.at()));
    } else if (answer instanceof Answer.LoggedOut o) {
      return new Named("logged-out", o.username());
    } else if (answer instanceof Answer.Unlocked u) {
      return new Named("unlocked", u.username());
    } else if (answer instanceof Answer.LoggedIn l) {
      // The login answer carries the session token: it never goes to a page.
      return new Named("logged-in", l.username());
    }
    Object shiftEnd = ShiftViews.of(answer, format);
    if (shiftEnd != null) {
      return shiftEnd;
    }
    Object register = RegisterViews.of(answer, format);
    if (register != null) {
      return register;
    }
    throw new IllegalArgumentException("no page view for " + answer.getClass().getSimpleName());
  }

  private static FoundStay stay(Answer.FoundStay s, BoothFormat format) {
    return new FoundStay(
        s.stayId(),
        s.card(),
        s.entryLane(),
        format.dateTime(s.enteredAt()),
        s.plate(),
        s.vehicleClass(),
        s.colour(),
        s.lostCardFee() == null ? null : BoothFormat.money(s.lostCardFee()),
        s.lostCardFee() == null ? null : currency(s.lostCardFee()));
  }

  private static String currency(Money money) {
    return money == null ? null : money.currency().getCurrencyCode();
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

  public record ModeSet(
      String kind, long changeId, String lane, String mode, String by, String reason) {}

  public record PassbackCleared(String kind, String card, long closedStayId, String by) {}

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

  /** The stays found, and the plate each exit lane's camera reads now (lane to plate). */
  public record StaysFound(
      String kind, List<FoundStay> stays, java.util.Map<String, String> exitPlates) {}

  /**
   * One open stay found; {@code lostCardFee} and {@code currency} are null when a season card
   * covers it.
   */
  public record FoundStay(
      long stayId,
      String card,
      String entryLane,
      String enteredAt,
      String plate,
      String vehicleClass,
      String colour,
      String lostCardFee,
      String currency) {}

  public record LostCardAsked(
      String kind,
      long lostCardNo,
      String lane,
      long stayId,
      String card,
      String plate,
      String entryPlate,
      String exitPlate,
      String parkingFee,
      String replacementFee,
      String due,
      String currency,
      String status,
      String statusZh,
      String statusEn) {}

  public record LostCardDecided(
      String kind,
      long lostCardNo,
      String lane,
      long stayId,
      boolean approved,
      String due,
      String currency,
      String registeredBy,
      String decidedBy,
      String note) {}

  public record LostCardRegisterView(
      String kind, String from, String to, List<LostCardLine> entries) {}

  /** One line of the lost-card register as the supervisor's or finance's page lists it. */
  public record LostCardLine(
      long lostCardNo,
      String lane,
      long stayId,
      boolean matched,
      String card,
      String plate,
      String entryPlate,
      String exitPlate,
      String vehicleClass,
      String colour,
      String driverName,
      String phone,
      String idNumber,
      String circumstances,
      String due,
      String currency,
      String registeredBy,
      String registeredAt,
      String status,
      String statusZh,
      String statusEn,
      String decidedBy,
      String note,
      String receiptNo) {}

  public record FreePassAsked(
      String kind,
      long passNo,
      String lane,
      long stayId,
      String plate,
      String fee,
      String currency,
      String reason) {}

  public record FreePassDecided(
      String kind,
      long passNo,
      String lane,
      long stayId,
      boolean approved,
      String fee,
      String currency,
      String askedBy,
      String decidedBy,
      String note) {}

  public record VoucherApplied(
      String kind,
      String lane,
      long stayId,
      String code,
      String voucher,
      String issuer,
      String dueBefore,
      String dueNow,
      String currency) {}

  public record BarrierLifted(
      String kind,
      long liftNo,
      String lane,
      long stayId,
      String due,
      String currency,
      String reason,
      String by) {}

  public record DrawerOpened(String kind, long openingNo, String by, String reason, String at) {}

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

  public record CashDropped(
      String kind,
      long dropId,
      long shiftNo,
      String amount,
      String currency,
      String by,
      String at) {}

  /** An answer that only names a person. */
  public record Named(String kind, String username) {}
}
