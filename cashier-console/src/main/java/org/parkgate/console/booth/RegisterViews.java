package org.parkgate.console.booth;

import static org.parkgate.console.booth.BoothFormat.currency;
import static org.parkgate.console.booth.BoothFormat.day;

import java.util.List;
import org.parkgate.api.Answer;
import org.parkgate.api.FreePassEntry;
import org.parkgate.api.ManualLiftEntry;
import org.parkgate.api.VoucherBatch;
import org.parkgate.api.VoucherEntry;

/**
 * The page's views of the registers finance and supervisors read: voucher batches, a batch issued,
 * a code looked up or voided, and the exemption register. Times in the site's zone, days as {@code
 * 2027-01-09}, money as exact decimals with their currency.
 */
final class RegisterViews {
  private RegisterViews() {}

  /** The page's view of one of the registers' answers, or null for any other answer. */
  static Object of(Answer answer, BoothFormat format) {
    if (answer instanceof Answer.VoucherBatches b) {
      return new VoucherBatches(
          "voucher-batches",
          b.batches().stream().map(x -> batch(x, format)).toList(),
          b.total(),
          b.kinds());
    } else if (answer instanceof Answer.VouchersIssued i) {
      return new VouchersIssued("vouchers-issued", batch(i.batch(), format), i.codes());
    } else if (answer instanceof Answer.VoucherShown s) {
      return new VoucherShown("voucher-shown", voucher(s.voucher(), format));
    } else if (answer instanceof Answer.VoucherVoided v) {
      return new VoucherShown("voucher-voided", voucher(v.voucher(), format));
    } else if (answer instanceof Answer.ExemptionRegister r) {
      return new Exemptions(
          "exemption-register",
          day(r.from()),
          day(r.to()),
          r.freePasses().stream().map(p -> pass(p, format)).toList(),
          r.freePassesTotal(),
          r.lifts().stream().map(l -> lift(l, format)).toList(),
          r.liftsTotal());
    }
    return null;
  }

  private static Batch batch(VoucherBatch b, BoothFormat format) {
    return new Batch(
        b.batchNo(),
        b.issuer(),
        b.kind(),
        b.count(),
        b.used(),
        b.voided(),
        b.count() - b.used() - b.voided(),
        day(b.validFrom()),
        day(b.validTo()),
        b.note(),
        b.issuedBy(),
        format.dateTime(b.issuedAt()));
  }

  private static Voucher voucher(VoucherEntry v, BoothFormat format) {
    return new Voucher(
        v.code(),
        v.batchNo(),
        v.kind(),
        v.issuer(),
        day(v.validFrom()),
        day(v.validTo()),
        v.status().name(),
        v.status().chinese(),
        v.status().english(),
        v.lane(),
        v.stayId(),
        BoothFormat.money(v.dueBefore()),
        BoothFormat.money(v.dueAfter()),
        currency(v.dueBefore()),
        v.usedBy(),
        format.dateTime(v.usedAt()),
        v.receiptNo(),
        v.voidedBy(),
        v.voidReason(),
        format.dateTime(v.voidedAt()));
  }

  private static FreePass pass(FreePassEntry p, BoothFormat format) {
    return new FreePass(
        p.passNo(),
        p.lane(),
        p.stayId(),
        p.card(),
        p.plate(),
        format.dateTime(p.enteredAt()),
        BoothFormat.money(p.fee()),
        currency(p.fee()),
        p.reason(),
        p.askedBy(),
        format.dateTime(p.askedAt()),
        p.approved() == null ? "WAITING" : p.approved() ? "APPROVED" : "REFUSED",
        p.decidedBy(),
        p.note(),
        format.dateTime(p.decidedAt()));
  }

  private static Lift lift(ManualLiftEntry l, BoothFormat format) {
    return new Lift(
        l.liftNo(),
        l.lane(),
        l.stayId(),
        BoothFormat.money(l.due()),
        currency(l.due()),
        l.reason(),
        l.by(),
        format.dateTime(l.at()));
  }

  public record VoucherBatches(String kind, List<Batch> batches, long total, List<String> kinds) {}

  /** A batch; {@code left} are neither used nor voided. */
  public record Batch(
      long batchNo,
      String issuer,
      String kind,
      int count,
      long used,
      long voided,
      long left,
      String validFrom,
      String validTo,
      String note,
      String issuedBy,
      String issuedAt) {}

  public record VouchersIssued(String kind, Batch batch, List<String> codes) {}

  public record VoucherShown(String kind, Voucher voucher) {}

  /**
   * One code; {@code status} UNUSED, USED, VOIDED or EXPIRED with its words; the use's fields
   * (lane, stay, dues, who, when, receipt) and the void's (who, why, when) blank when none.
   */
  public record Voucher(
      String code,
      long batchNo,
      String kind,
      String issuer,
      String validFrom,
      String validTo,
      String status,
      String statusZh,
      String statusEn,
      String lane,
      long stayId,
      String dueBefore,
      String dueAfter,
      String currency,
      String usedBy,
      String usedAt,
      String receiptNo,
      String voidedBy,
      String voidReason,
      String voidedAt) {}

  public record Exemptions(
      String kind,
      String from,
      String to,
      List<FreePass> freePasses,
      long freePassesTotal,
      List<Lift> lifts,
      long liftsTotal) {}

  /** A free pass; {@code status} WAITING, APPROVED or REFUSED. */
  public record FreePass(
      long passNo,
      String lane,
      long stayId,
      String card,
      String plate,
      String enteredAt,
      String fee,
      String currency,
      String reason,
      String askedBy,
      String askedAt,
      String status,
      String decidedBy,
      String note,
      String decidedAt) {}

  public record Lift(
      long liftNo,
      String lane,
      long stayId,
      String due,
      String currency,
      String reason,
      String by,
      String at) {}
}
