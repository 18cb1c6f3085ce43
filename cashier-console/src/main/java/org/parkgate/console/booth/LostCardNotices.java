package org.parkgate.console.booth;

import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.LostCardStatus;
import org.parkgate.api.Said;

/**
 * What a lane card says of a lost card registered or decided at its lane: the plates the entry and
 * exit cameras read side by side, the fee, and whether it waits for approval. No personal details:
 * the events carry none.
 */
final class LostCardNotices {
  private LostCardNotices() {}

  /** The lane notice and log line for a lost-card event, or null for any other event. */
  static String of(ConsoleEvent event) {
    if (event instanceof ConsoleEvent.LostCardRegistered r) {
      boolean awaiting = r.status() == LostCardStatus.AWAITING_APPROVAL;
      String due = BoothFormat.money(r.due()) + " " + r.due().currency().getCurrencyCode();
      return Said.of(
          (awaiting ? "遗失卡待批准 #" : "遗失卡已登记 #")
              + r.lostCardNo()
              + "：入场车牌 "
              + orUnread(r.entryPlate(), "未识别")
              + "，出场车牌 "
              + orUnread(r.exitPlate(), "未识别")
              + "，应收 "
              + due
              + "，"
              + r.registeredBy(),
          (awaiting ? "Lost card awaiting approval #" : "Lost card registered #")
              + r.lostCardNo()
              + " · Entry plate "
              + orUnread(r.entryPlate(), "not read")
              + " | Exit camera "
              + orUnread(r.exitPlate(), "not read")
              + " · Due "
              + due
              + " · "
              + r.registeredBy());
    }
    if (event instanceof ConsoleEvent.LostCardDecided d) {
      return Said.of(
          (d.approved() ? "遗失卡已批准 #" : "遗失卡被拒绝 #")
              + d.lostCardNo()
              + "，"
              + d.decidedBy()
              + (d.note() == null ? "" : "，" + d.note()),
          (d.approved() ? "Lost card approved #" : "Lost card refused #")
              + d.lostCardNo()
              + " · "
              + d.decidedBy()
              + (d.note() == null ? "" : " · " + d.note()));
    }
    return null;
  }

  private static String orUnread(String plate, String unread) {
    return plate == null ? unread : plate;
  }
}
