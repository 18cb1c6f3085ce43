package org.parkgate.controller.site;

import java.time.Instant;
import java.time.ZoneId;
import org.parkgate.api.Said;
import org.parkgate.controller.ledger.Blacklist;
import org.parkgate.controller.ledger.Plates;
import org.parkgate.controller.ledger.SeasonCard;
import org.parkgate.controller.ledger.Stay;

/** Why {@link AccessControl} refused or flagged a card, said in both languages. */
final class AccessNotices {
  private final ZoneId zone;

  AccessNotices(ZoneId zone) {
    this.zone = zone;
  }

  /** Why a season card does not admit at {@code at}, or null when it does. */
  String seasonRefusal(SeasonCard card, Instant at) {
    if (card.cancelled()) {
      return Said.of(
          "月卡 " + card.card() + " 已于 " + local(card.recordedAt()) + " 注销",
          "season card " + card.card() + " was cancelled on " + local(card.recordedAt()));
    }
    if (at.isBefore(card.startsAt(zone))) {
      return Said.of(
          "月卡 " + card.card() + " 自 " + card.validFrom() + " 起有效",
          "season card " + card.card() + " is valid from " + card.validFrom());
    }
    if (!at.isBefore(card.endsAt(zone))) {
      return Said.of(
          "月卡 " + card.card() + " 已于 " + card.validTo() + " 到期",
          "season card " + card.card() + " expired on " + card.validTo());
    }
    return null;
  }

  /** The plate the camera read is not one the season card is bound to. */
  static String plateNotBound(SeasonCard season, String card, String plate) {
    String bound = String.join(", ", season.plates());
    return Said.of(
        "车牌 " + Plates.normal(plate) + " 未绑定月卡 " + card + "（已绑定：" + bound + "）",
        "plate "
            + Plates.normal(plate)
            + " is not bound to season card "
            + card
            + " (bound: "
            + bound
            + ")");
  }

  /** The card has a stay open already: refused at the entry ({@code hard}) or let in again. */
  String alreadyInside(String card, Stay inside, boolean hard) {
    String zh =
        "卡 " + card + " 已在场内（" + local(inside.enteredAt()) + " 从 " + inside.entryLane() + " 入场）";
    String en =
        "card "
            + card
            + " is already inside (entered "
            + inside.enteredAt()
            + " at "
            + inside.entryLane()
            + ")";
    return hard
        ? Said.of(zh + "：请找收费员", en + ": see the cashier")
        : Said.of(
            zh + "；停车记录 " + inside.stayId() + " 已结束并新开一条",
            en + "; stay " + inside.stayId() + " closed and a new one opened");
  }

  /** A listing that bars a card or plate, said in both. */
  static String barred(Blacklist.Entry entry) {
    return Said.of(
        (entry.kind() == Blacklist.Kind.CARD ? "卡 " : "车牌 ")
            + entry.value()
            + " 已列入黑名单（"
            + entry.reason()
            + "）",
        entry.describe());
  }

  /** A blacklist entry and who listed it, in both languages. */
  static String listed(Blacklist.Entry entry) {
    String said = barred(entry);
    return Said.of(
        Said.zh(said) + "，列入人 " + entry.by(), Said.en(said) + ", listed by " + entry.by());
  }

  private String local(Instant at) {
    return at.atZone(zone).toLocalDate().toString();
  }
}
