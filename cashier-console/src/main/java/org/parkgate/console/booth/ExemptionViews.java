package org.parkgate.console.booth;

import static org.parkgate.console.booth.BoothFormat.currency;

import org.parkgate.api.Answer;

/** The page's views of a free pass asked and decided, and a voucher applied. */
final class ExemptionViews {
  private ExemptionViews() {}

  /** The page's view of one of these answers, or null for any other answer. */
  static Object of(Answer answer, BoothFormat format) {
    if (answer instanceof Answer.FreePassAsked f) {
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
    }
    return null;
  }

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
}
