package org.parkgate.console.booth;

import java.util.List;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Said;
import org.parkgate.site.LaneMode;

/**
 * How the booth words controller events for its log and lane cards, in Chinese and English ({@link
 * Said}). Wording only: what an event changes on a lane card is {@link LaneCard}'s business.
 */
final class EventWords {
  private EventWords() {}

  /** The log line of an event at a lane, or null for routine status and events it does not log. */
  static String line(ConsoleEvent event) {
    if (event instanceof ConsoleEvent.EntryRecorded e) {
      return Said.of(
          "入场：卡号 " + e.card() + "，停车记录 #" + e.stayId(),
          "Entry · Card " + e.card() + " · Stay #" + e.stayId());
    } else if (event instanceof ConsoleEvent.ExitPending e) {
      String due = BoothFormat.money(e.due()) + " " + e.due().currency().getCurrencyCode();
      return Said.of(
          "出场待收费：卡号 " + e.card() + "，应收 " + due,
          "Exit waiting for payment · Card " + e.card() + " · Amount due " + due);
    } else if (event instanceof ConsoleEvent.PaymentRecorded p) {
      String amount = BoothFormat.money(p.amount()) + " " + p.amount().currency().getCurrencyCode();
      return Said.of(
          "已收款：收据 " + p.receiptNo() + "，" + amount + "，" + p.cashier(),
          "Paid · Receipt " + p.receiptNo() + " · " + amount + " · " + p.cashier());
    } else if (event instanceof ConsoleEvent.PaymentReversed r) {
      String amount = BoothFormat.money(r.amount()) + " " + r.amount().currency().getCurrencyCode();
      return Said.of(
          "冲正：收据 " + r.receiptNo() + "，" + amount + "，" + r.reason() + "，" + r.supervisor(),
          "Reversed · Receipt "
              + r.receiptNo()
              + " · "
              + amount
              + " · "
              + r.reason()
              + " · "
              + r.supervisor());
    } else if (event instanceof ConsoleEvent.VehicleLeft v) {
      return Said.of("车辆离场：卡号 " + v.card(), "Vehicle left · Card " + v.card());
    } else if (event instanceof ConsoleEvent.CardRejected r) {
      return Said.of(
          "拒绝卡：" + r.card() + "，" + Said.zh(r.reason()),
          "Card rejected · " + r.card() + " · " + Said.en(r.reason()));
    } else if (event instanceof ConsoleEvent.Incident i) {
      return incident(i);
    } else if (event instanceof ConsoleEvent.FreePassAsked f) {
      return freePassAsked(f);
    } else if (event instanceof ConsoleEvent.FreePassDecided f) {
      return Said.of(
          (f.approved() ? "免费放行已批准 #" : "免费放行被拒绝 #")
              + f.passNo()
              + "，"
              + f.decidedBy()
              + (f.note() == null ? "" : "，" + f.note()),
          (f.approved() ? "Free pass approved #" : "Free pass refused #")
              + f.passNo()
              + " · "
              + f.decidedBy()
              + (f.note() == null ? "" : " · " + f.note()));
    } else if (event instanceof ConsoleEvent.VoucherRedeemed v) {
      String due = BoothFormat.money(v.dueBefore()) + " → " + BoothFormat.money(v.dueAfter());
      return Said.of(
          "优惠券已使用：" + v.code() + "，" + v.kind() + "，应收 " + due + "，" + v.cashier(),
          "Voucher redeemed · "
              + v.code()
              + " · "
              + v.kind()
              + " · Due "
              + due
              + " · "
              + v.cashier());
    } else if (event instanceof ConsoleEvent.BarrierLifted b) {
      return barrierLifted(b);
    }
    return describe(event);
  }

  /**
   * The log line of an event that changes nothing a lane card shows (a lane mode, a card reset), or
   * null.
   */
  static String describe(ConsoleEvent event) {
    if (event instanceof ConsoleEvent.LaneModeChanged m) {
      return Said.of(
          "车道模式：" + modeZh(m.mode()) + "，" + m.by() + "，" + m.reason(),
          "Lane mode · " + m.mode() + " · " + m.by() + " · " + m.reason());
    } else if (event instanceof ConsoleEvent.PassbackReset r) {
      return Said.of(
          "防潜回重置：卡号 " + r.card() + "，" + r.reason() + "，" + r.supervisor(),
          "Anti-passback reset · Card " + r.card() + " · " + r.reason() + " · " + r.supervisor());
    }
    return null;
  }

  /** A device's report; only a device that was offline comes "back". */
  static String device(ConsoleEvent.DeviceStatus d, boolean wasOffline) {
    if (d.online()) {
      return wasOffline
          ? Said.of("设备恢复在线：" + deviceName(d.device()), "Device back online · " + d.device())
          : Said.of("设备在线：" + deviceName(d.device()), "Device online · " + d.device());
    }
    return Said.of(
        "设备离线：" + deviceName(d.device()) + (d.detail() == null ? "" : "，" + Said.zh(d.detail())),
        "Device offline · " + d.device() + (d.detail() == null ? "" : " · " + Said.en(d.detail())));
  }

  /** What the lane card says while a free pass waits for a supervisor. */
  static String freePassWaiting(ConsoleEvent.FreePassAsked f) {
    return Said.of(
        "等待主管批准免费放行 #" + f.passNo() + "，" + f.reason() + "，" + f.askedBy(),
        "Waiting for a supervisor: free pass #"
            + f.passNo()
            + " · "
            + f.reason()
            + " · "
            + f.askedBy());
  }

  /** A shift closed, with its net takings in each currency. */
  static String shiftClosed(ConsoleEvent.ShiftClosed e, List<BoothView.ShiftTotal> totals) {
    StringBuilder zh =
        new StringBuilder("交接班：班次 #")
            .append(e.shiftNo())
            .append("，")
            .append(e.cashier())
            .append("，收款 ")
            .append(e.payments())
            .append(" 笔");
    StringBuilder en =
        new StringBuilder("Shift closed · Shift #")
            .append(e.shiftNo())
            .append(" · ")
            .append(e.cashier())
            .append(" · Payments ")
            .append(e.payments());
    totals.forEach(
        t -> {
          zh.append("，净额 ").append(t.net()).append(' ').append(t.currency());
          en.append(" · Net ").append(t.net()).append(' ').append(t.currency());
        });
    return Said.of(zh.toString(), en.toString());
  }

  /** A lane mode in the booth's Chinese (booth.js names them the same way). */
  static String modeZh(LaneMode mode) {
    return switch (mode) {
      case NORMAL -> "正常";
      case HELD_OPEN -> "道闸常开";
      case CLOSED -> "车道关闭";
      case FREE_EXIT -> "免费放行";
    };
  }

  /** A lane device's name as the booth says it in Chinese; the controller's own name otherwise. */
  static String deviceName(String device) {
    return switch (device) {
      case "barrier" -> "道闸";
      case "card-reader" -> "读卡器";
      case "display" -> "显示屏";
      case "camera" -> "车牌相机";
      default -> device;
    };
  }

  private static String incident(ConsoleEvent.Incident i) {
    StringBuilder zh = new StringBuilder("异常事件：").append(i.kind());
    StringBuilder en = new StringBuilder("Incident · ").append(i.kind());
    if (i.card() != null) {
      zh.append("，卡号 ").append(i.card());
      en.append(" · Card ").append(i.card());
    }
    if (i.plate() != null) {
      zh.append("，车牌 ").append(i.plate());
      en.append(" · Plate ").append(i.plate());
    }
    if (i.detail() != null) {
      zh.append("，").append(Said.zh(i.detail()));
      en.append(" · ").append(Said.en(i.detail()));
    }
    return Said.of(zh.toString(), en.toString());
  }

  private static String freePassAsked(ConsoleEvent.FreePassAsked f) {
    String fee = f.fee() == null ? null : BoothFormat.money(f.fee());
    return Said.of(
        "申请免费放行 #"
            + f.passNo()
            + "，停车记录 #"
            + f.stayId()
            + (fee == null ? "" : "，费用 " + fee)
            + "，"
            + f.reason()
            + "，"
            + f.askedBy(),
        "Free pass asked #"
            + f.passNo()
            + " · Stay #"
            + f.stayId()
            + (fee == null ? "" : " · Fee " + fee)
            + " · "
            + f.reason()
            + " · "
            + f.askedBy());
  }

  private static String barrierLifted(ConsoleEvent.BarrierLifted b) {
    String unpaid = b.due() == null ? null : BoothFormat.money(b.due());
    return Said.of(
        "手动抬杆 #"
            + b.liftNo()
            + (b.stayId() == 0 ? "" : "，停车记录 #" + b.stayId())
            + (unpaid == null ? "" : "，未收 " + unpaid)
            + "，"
            + b.reason()
            + "，"
            + b.by(),
        "Barrier lifted by hand #"
            + b.liftNo()
            + (b.stayId() == 0 ? "" : " · Stay #" + b.stayId())
            + (unpaid == null ? "" : " · Unpaid " + unpaid)
            + " · "
            + b.reason()
            + " · "
            + b.by());
  }
}
