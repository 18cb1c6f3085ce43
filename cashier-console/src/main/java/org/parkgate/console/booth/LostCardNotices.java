package org.parkgate.console.booth;

import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.LostCardStatus;

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
      String head =
          r.status() == LostCardStatus.AWAITING_APPROVAL
              ? "遗失卡待批准 · Lost card awaiting approval #"
              : "遗失卡已登记 · Lost card registered #";
      return head
          + r.lostCardNo()
          + " · 入场车牌 Entry plate "
          + orUnread(r.entryPlate())
          + " | 出场车牌 Exit camera "
          + orUnread(r.exitPlate())
          + " · 应收 Due "
          + BoothFormat.money(r.due())
          + " "
          + r.due().currency().getCurrencyCode()
          + " · "
          + r.registeredBy();
    }
    if (event instanceof ConsoleEvent.LostCardDecided d) {
      return (d.approved() ? "遗失卡已批准 · Lost card approved #" : "遗失卡被拒绝 · Lost card refused #")
          + d.lostCardNo()
          + " · "
          + d.decidedBy()
          + (d.note() == null ? "" : " · " + d.note());
    }
    return null;
  }

  private static String orUnread(String plate) {
    return plate == null ? "未识别 not read" : plate;
  }
}
