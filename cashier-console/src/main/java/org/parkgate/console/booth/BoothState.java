package org.parkgate.console.booth;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Said;
import org.parkgate.api.Welcome;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;
import org.parkgate.site.SiteConfig;

/**
 * The console's picture of the site, built only from controller events (the console never decides
 * fees or lane state itself). Not thread-safe: {@link BrowserHub} serialises access.
 */
public final class BoothState {
  static final int LOG_SIZE = 100;
  static final int SHIFTS_KEPT = 20;

  private final BoothView.Site site;
  private final BoothFormat format;
  private final Map<String, LaneCard> lanes = new LinkedHashMap<>();

  /** The site's lanes, from the site file and the controller's welcome: what may be commanded. */
  private final Set<String> siteLanes = new LinkedHashSet<>();

  private final ArrayDeque<BoothView.LogEntry> log = new ArrayDeque<>();
  private final ArrayDeque<BoothView.Shift> shifts = new ArrayDeque<>();
  private final OpenIncidents incidents = new OpenIncidents();

  /** Free passes asked and not yet decided, by pass number: what supervisors are shown. */
  private final Map<Long, ConsoleEvent.FreePassAsked> freePasses = new TreeMap<>();

  private boolean online;
  private String linkDetail = "正在连接控制器 · Connecting to the controller";
  private long lastSeq;
  private org.parkgate.console.printer.PrinterReport printer =
      org.parkgate.console.printer.PrinterReport.NONE;

  public BoothState(SiteConfig config) {
    this.format = new BoothFormat(config.zone());
    this.site =
        new BoothView.Site(
            config.id(),
            config.name(),
            config.zone().getId(),
            config.currency().getCurrencyCode(),
            BoothFormat.symbol(config.currency()));
    for (LaneConfig lane : config.lanes()) {
      siteLanes.add(lane.id());
      lanes.put(lane.id(), new LaneCard(lane.id(), lane.name(), lane.kind()));
    }
  }

  public void linkUp(Welcome welcome) {
    online = true;
    linkDetail = "控制器在线 · Controller online";
    for (String id : welcome.lanes()) {
      siteLanes.add(id);
      lanes.computeIfAbsent(
          id, k -> new LaneCard(k, k, k.startsWith("entry") ? LaneKind.ENTRY : LaneKind.EXIT));
    }
  }

  public void linkDown(String reason) {
    online = false;
    linkDetail = "控制器离线 · Controller offline — " + reason;
  }

  public boolean online() {
    return online;
  }

  /** How the booth writes the site's times and money. */
  public BoothFormat format() {
    return format;
  }

  /** Whether {@code lane} is one of the site's lanes (not merely a name an event carried). */
  public boolean hasLane(String lane) {
    return siteLanes.contains(lane);
  }

  /** The site's lane ids, in site order. */
  public List<String> laneIds() {
    return List.copyOf(siteLanes);
  }

  /** The site's exit lanes, in site order: where a driver can wait to pay. */
  public List<String> exitLaneIds() {
    return siteLanes.stream().filter(id -> lanes.get(id).kind == LaneKind.EXIT).toList();
  }

  /** Forgets everything learnt from events, before the controller's history is replayed. */
  public void reset() {
    lanes.values().forEach(LaneCard::clear);
    log.clear();
    shifts.clear();
    freePasses.clear();
    incidents.clear();
    lastSeq = 0;
  }

  /** Applies one event; returns the log line it makes, if any. */
  public Optional<BoothView.LogEntry> apply(ConsoleEvent event) {
    lastSeq = event.seq();
    incidents.apply(event);
    String shiftEnd = OpenIncidents.describe(event);
    if (shiftEnd != null) {
      String laneName =
          event.lane() != null && lanes.containsKey(event.lane())
              ? lanes.get(event.lane()).name
              : event.lane() == null ? "" : event.lane();
      return Optional.of(logged(event, laneName, shiftEnd));
    }
    if (event instanceof ConsoleEvent.ShiftClosed shift) {
      return Optional.of(shiftClosed(shift));
    }
    if (event.lane() == null) {
      // A reset of a card that was not inside, for one: it belongs to no lane, so it makes none.
      String text = LaneCard.describe(event);
      return text == null ? Optional.empty() : Optional.of(logged(event, "", text));
    }
    if (event instanceof ConsoleEvent.FreePassAsked asked) {
      freePasses.put(asked.passNo(), asked);
    } else if (event instanceof ConsoleEvent.FreePassDecided decided) {
      freePasses.remove(decided.passNo());
    }
    if (event instanceof ConsoleEvent.VehicleLeft v) {
      // A stay closed elsewhere (a supervisor's card reset) is not waiting to pay at any exit.
      lanes.values().stream()
          .filter(l -> !l.id.equals(v.lane()) && l.pending != null)
          .filter(l -> l.pending.stayId() == v.stayId())
          .forEach(l -> l.pending = null);
    }
    // Not one of the site's lanes (a pay station, a supervisor closing a stay, a lane since
    // removed from the site file): logged under its name, with no lane card of its own.
    LaneCard lane =
        siteLanes.contains(event.lane())
            ? lanes.get(event.lane())
            : new LaneCard(event.lane(), event.lane(), LaneKind.EXIT);
    String text = lane.apply(event, format);
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(logged(event, lane.name, text));
  }

  private BoothView.LogEntry logged(ConsoleEvent event, String laneName, String text) {
    String kind = event.getClass().getSimpleName();
    BoothView.LogEntry entry =
        new BoothView.LogEntry(event.seq(), format.dateTime(event.at()), laneName, kind, text);
    log.addLast(entry);
    while (log.size() > LOG_SIZE) {
      log.removeFirst();
    }
    return entry;
  }

  /** A shift report belongs to its cashier, not a lane: kept apart, newest first. */
  private BoothView.LogEntry shiftClosed(ConsoleEvent.ShiftClosed e) {
    List<BoothView.ShiftTotal> totals = new ArrayList<>();
    for (ConsoleEvent.ShiftTotal t : e.totals()) {
      totals.add(
          new BoothView.ShiftTotal(
              t.paid().currency().getCurrencyCode(),
              t.payments(),
              BoothFormat.money(t.paid()),
              t.reversals(),
              BoothFormat.money(t.reversed()),
              BoothFormat.money(t.paid().plus(t.reversed()))));
    }
    shifts.addFirst(
        new BoothView.Shift(
            e.shiftNo(),
            e.cashier(),
            format.dateTime(e.openedAt()),
            format.dateTime(e.at()),
            e.payments(),
            e.reversals(),
            e.payments() == 0 ? "" : e.firstReceipt() + " .. " + e.lastReceipt(),
            totals,
            e.chainLink(),
            e.chainHead(),
            BoothFormat.money(e.cashFloat()),
            BoothFormat.money(e.expectedCash()),
            BoothFormat.money(e.countedCash()),
            BoothFormat.money(e.variance()),
            DrawerView.tenders(e.byTender())));
    while (shifts.size() > SHIFTS_KEPT) {
      shifts.removeLast();
    }
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
    BoothView.LogEntry entry =
        new BoothView.LogEntry(
            e.seq(),
            format.dateTime(e.at()),
            "",
            "ShiftClosed",
            Said.of(zh.toString(), en.toString()));
    log.addLast(entry);
    while (log.size() > LOG_SIZE) {
      log.removeFirst();
    }
    return entry;
  }

  /** The exit waiting at a lane, if any: what a cash payment must match. */
  public Optional<ConsoleEvent.ExitPending> pendingAt(String lane) {
    LaneCard l = lanes.get(lane);
    return l == null ? Optional.empty() : Optional.ofNullable(l.pending);
  }

  /** The booth printer's latest report. */
  public void printer(org.parkgate.console.printer.PrinterReport report) {
    this.printer = report;
  }

  public BoothView.State view() {
    List<BoothView.Lane> views = new ArrayList<>();
    lanes.values().forEach(l -> views.add(l.view(format)));
    String text = printer.state().text();
    if (printer.waiting() > 0) {
      text += " — " + printer.waiting() + " 张待打印 · " + printer.waiting() + " waiting to print";
    }
    return new BoothView.State(
        "state",
        site,
        new BoothView.Link(online, linkDetail, lastSeq),
        new BoothView.Printer(
            printer.state().name(),
            printer.state().alarm() || printer.waiting() > 0,
            text,
            printer.address(),
            printer.waiting(),
            printer.dropped()),
        views,
        List.copyOf(shifts),
        freePasses.values().stream()
            .map(
                p ->
                    new BoothView.FreePass(
                        p.passNo(),
                        p.lane(),
                        p.stayId(),
                        p.card() == null ? "" : p.card(),
                        p.plate() == null ? "" : p.plate(),
                        p.fee() == null ? "" : BoothFormat.money(p.fee()),
                        p.reason(),
                        p.askedBy(),
                        format.dateTime(p.at())))
            .toList(),
        incidents.view(format));
  }

  /** The free passes waiting for a supervisor, oldest first. */
  public List<ConsoleEvent.FreePassAsked> freePasses() {
    return List.copyOf(freePasses.values());
  }

  public BoothView.Log log() {
    return new BoothView.Log("log", List.copyOf(log));
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

  /** One lane as the events have described it. */
  private static final class LaneCard {
    final String id;
    final String name;
    final LaneKind kind;
    ConsoleEvent.LaneStatus status;
    ConsoleEvent.ExitPending pending;
    ConsoleEvent.PaymentRecorded paid;

    /** What happened with the vehicle at the lane (an incident, a card refused), until it goes. */
    String notice;

    /** A mode other than normal: who set it and why, until the lane is normal again. */
    String modeNotice;

    LaneMode mode;
    final Map<String, String> offline = new TreeMap<>();

    LaneCard(String id, String name, LaneKind kind) {
      this.id = id;
      this.name = name;
      this.kind = kind;
    }

    void clear() {
      status = null;
      pending = null;
      paid = null;
      notice = null;
      modeNotice = null;
      mode = null;
      offline.clear();
    }

    /** Updates the lane and returns a bilingual log line, or null for routine status. */
    String apply(ConsoleEvent event, BoothFormat format) {
      if (event instanceof ConsoleEvent.LaneStatus s) {
        boolean wentIdle =
            s.state() == LaneState.IDLE && (status == null || status.state() != LaneState.IDLE);
        if (wentIdle) {
          notice = null; // its vehicle has gone; the incident itself stays in the ledger and log
        }
        status = s;
        if (s.mode() != null) {
          mode = s.mode();
        }
        if (s.state() == LaneState.IDLE || s.state() == LaneState.STARTING) {
          // The lane serves no vehicle (it backed away, or the controller restarted): a fee quoted
          // before is not waiting any more. A fee is quoted while the lane checks a card or waits
          // for one (a lost card), never while it is idle, so this drops no live one.
          pending = null;
        }
        return null;
      } else if (event instanceof ConsoleEvent.EntryRecorded e) {
        notice = null;
        return Said.of(
            "入场：卡号 " + e.card() + "，停车记录 #" + e.stayId(),
            "Entry · Card " + e.card() + " · Stay #" + e.stayId());
      } else if (event instanceof ConsoleEvent.ExitPending e) {
        pending = e;
        paid = null;
        notice = null;
        String due = BoothFormat.money(e.due()) + " " + e.due().currency().getCurrencyCode();
        return Said.of(
            "出场待收费：卡号 " + e.card() + "，应收 " + due,
            "Exit waiting for payment · Card " + e.card() + " · Amount due " + due);
      } else if (event instanceof ConsoleEvent.PaymentRecorded p) {
        if (pending != null && pending.stayId() == p.stayId()) {
          pending = null;
        }
        paid = p;
        String amount =
            BoothFormat.money(p.amount()) + " " + p.amount().currency().getCurrencyCode();
        return Said.of(
            "已收款：收据 " + p.receiptNo() + "，" + amount + "，" + p.cashier(),
            "Paid · Receipt " + p.receiptNo() + " · " + amount + " · " + p.cashier());
      } else if (event instanceof ConsoleEvent.PaymentReversed r) {
        String amount =
            BoothFormat.money(r.amount()) + " " + r.amount().currency().getCurrencyCode();
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
        if (pending != null && pending.stayId() == v.stayId()) {
          pending = null;
        }
        if (paid != null && paid.stayId() == v.stayId()) {
          paid = null;
        }
        notice = null;
        return Said.of("车辆离场：卡号 " + v.card(), "Vehicle left · Card " + v.card());
      } else if (event instanceof ConsoleEvent.DeviceStatus d) {
        if (d.online()) {
          // Only a device that was offline comes "back"; the first report is just "online".
          boolean wasOffline = offline.remove(d.device()) != null;
          return wasOffline
              ? Said.of("设备恢复在线：" + deviceName(d.device()), "Device back online · " + d.device())
              : Said.of("设备在线：" + deviceName(d.device()), "Device online · " + d.device());
        }
        offline.put(d.device(), d.detail() == null ? "" : d.detail());
        return Said.of(
            "设备离线："
                + deviceName(d.device())
                + (d.detail() == null ? "" : "，" + Said.zh(d.detail())),
            "Device offline · "
                + d.device()
                + (d.detail() == null ? "" : " · " + Said.en(d.detail())));
      } else if (event instanceof ConsoleEvent.CardRejected r) {
        notice =
            Said.of(
                "拒绝卡：" + r.card() + "，" + Said.zh(r.reason()),
                "Card rejected · " + r.card() + " · " + Said.en(r.reason()));
        return notice;
      } else if (event instanceof ConsoleEvent.Incident i) {
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
        notice = Said.of(zh.toString(), en.toString());
        return notice;
      } else if (event instanceof ConsoleEvent.FreePassAsked f) {
        notice =
            Said.of(
                "等待主管批准免费放行 #" + f.passNo() + "，" + f.reason() + "，" + f.askedBy(),
                "Waiting for a supervisor: free pass #"
                    + f.passNo()
                    + " · "
                    + f.reason()
                    + " · "
                    + f.askedBy());
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
      } else if (event instanceof ConsoleEvent.FreePassDecided f) {
        notice =
            Said.of(
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
        return notice;
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
        notice = null;
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
      } else if (LostCardNotices.of(event) != null) {
        notice = LostCardNotices.of(event);
        return notice;
      } else if (event instanceof ConsoleEvent.LaneModeChanged m) {
        // Recorded before the lane is told; its next status confirms the mode it obeys.
        mode = m.mode();
        String text = describe(m);
        modeNotice = m.mode() == LaneMode.NORMAL ? null : text;
        notice = null;
        return text;
      }
      return describe(event);
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

    /** The log line of an event that changes nothing a lane card shows, or null. */
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

    BoothView.Lane view(BoothFormat format) {
      List<String> devices = new ArrayList<>();
      offline.forEach(
          (device, detail) ->
              devices.add(
                  detail.isEmpty()
                      ? Said.of(deviceName(device), device)
                      : Said.of(
                          deviceName(device) + "（" + Said.zh(detail) + "）",
                          device + " (" + Said.en(detail) + ")")));
      return new BoothView.Lane(
          id,
          name,
          status == null || status.kind() == null ? kind : status.kind(),
          status == null ? null : status.state(),
          status == null ? null : status.barrier(),
          status != null && status.vehiclePresent(),
          status == null ? List.of() : status.display(),
          mode,
          devices,
          notice != null ? notice : modeNotice,
          pending == null ? null : pendingView(pending, format),
          paid == null
              ? null
              : new BoothView.Paid(
                  paid.stayId(),
                  paid.card(),
                  paid.receiptNo(),
                  BoothFormat.money(paid.amount()),
                  paid.cashier(),
                  format.time(paid.at())));
    }

    private static BoothView.Pending pendingView(ConsoleEvent.ExitPending p, BoothFormat format) {
      List<BoothView.Item> items = new ArrayList<>();
      for (ConsoleEvent.FeeItem item : p.items()) {
        items.add(
            new BoothView.Item(
                item.period(), item.rule(), item.quantity(), BoothFormat.money(item.amount())));
      }
      Duration stay =
          p.entryAt() == null || p.exitAt() == null
              ? null
              : Duration.between(p.entryAt(), p.exitAt());
      return new BoothView.Pending(
          p.stayId(),
          p.card(),
          format.dateTime(p.entryAt()),
          format.dateTime(p.exitAt()),
          BoothFormat.duration(stay),
          p.due().minor(),
          BoothFormat.money(p.due()),
          p.due().currency().getCurrencyCode(),
          items);
    }
  }
}
