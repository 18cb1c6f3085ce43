package org.parkgate.console.booth;

import static org.parkgate.console.booth.BoothFormat.currency;

import java.util.List;
import java.util.Map;
import org.parkgate.api.Answer;

/**
 * The page's views of lost cards: the stays found, a lost card asked at an exit and decided, and
 * the lost-card register.
 */
final class LostCardViews {
  private LostCardViews() {}

  /** The page's view of one of these answers, or null for any other answer. */
  static Object of(Answer answer, BoothFormat format) {
    if (answer instanceof Answer.StaysFound f) {
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
    }
    return null;
  }

  private static FoundStay stay(org.parkgate.api.FoundStay s, BoothFormat format) {
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

  /** The stays found, and the plate each exit lane's camera reads now (lane to plate). */
  public record StaysFound(String kind, List<FoundStay> stays, Map<String, String> exitPlates) {}

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
}
