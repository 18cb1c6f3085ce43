package org.parkgate.console.booth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Said;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/** One lane as the events have described it: what the booth shows on the lane's card. */
final class LaneCard {
  final String id;
  final String name;
  final LaneKind kind;
  private ConsoleEvent.LaneStatus status;
  private ConsoleEvent.ExitPending pending;
  private ConsoleEvent.PaymentRecorded paid;

  /** What happened with the vehicle at the lane (an incident, a card refused), until it goes. */
  private String notice;

  /** A mode other than normal: who set it and why, until the lane is normal again. */
  private String modeNotice;

  private LaneMode mode;
  private final Map<String, String> offline = new TreeMap<>();

  LaneCard(String id, String name, LaneKind kind) {
    this.id = id;
    this.name = name;
    this.kind = kind;
  }

  /** The exit waiting to pay here, or null. */
  ConsoleEvent.ExitPending pending() {
    return pending;
  }

  /** Stay {@code stayId} is paid or closed: it no longer waits to pay here. */
  void noLongerPending(long stayId) {
    if (pending != null && pending.stayId() == stayId) {
      pending = null;
    }
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

  /** Updates the lane and returns a bilingual log line ({@link EventWords}), or null. */
  String apply(ConsoleEvent event) {
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
    } else if (event instanceof ConsoleEvent.EntryRecorded) {
      notice = null;
    } else if (event instanceof ConsoleEvent.ExitPending e) {
      pending = e;
      paid = null;
      notice = null;
    } else if (event instanceof ConsoleEvent.PaymentRecorded p) {
      noLongerPending(p.stayId());
      paid = p;
    } else if (event instanceof ConsoleEvent.VehicleLeft v) {
      noLongerPending(v.stayId());
      if (paid != null && paid.stayId() == v.stayId()) {
        paid = null;
      }
      notice = null;
    } else if (event instanceof ConsoleEvent.DeviceStatus d) {
      if (d.online()) {
        return EventWords.device(d, offline.remove(d.device()) != null);
      }
      offline.put(d.device(), d.detail() == null ? "" : d.detail());
      return EventWords.device(d, false);
    } else if (event instanceof ConsoleEvent.CardRejected
        || event instanceof ConsoleEvent.Incident
        || event instanceof ConsoleEvent.FreePassDecided) {
      notice = EventWords.line(event);
      return notice;
    } else if (event instanceof ConsoleEvent.FreePassAsked f) {
      notice = EventWords.freePassWaiting(f);
    } else if (event instanceof ConsoleEvent.BarrierLifted) {
      notice = null;
    } else if (LostCardNotices.of(event) != null) {
      notice = LostCardNotices.of(event);
      return notice;
    } else if (event instanceof ConsoleEvent.LaneModeChanged m) {
      // Recorded before the lane is told; its next status confirms the mode it obeys.
      mode = m.mode();
      String text = EventWords.describe(m);
      modeNotice = m.mode() == LaneMode.NORMAL ? null : text;
      notice = null;
      return text;
    }
    return EventWords.line(event);
  }

  BoothView.Lane view(BoothFormat format) {
    List<String> devices = new ArrayList<>();
    offline.forEach(
        (device, detail) ->
            devices.add(
                detail.isEmpty()
                    ? Said.of(EventWords.deviceName(device), device)
                    : Said.of(
                        EventWords.deviceName(device) + "（" + Said.zh(detail) + "）",
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
        items,
        p.tariff() == null ? null : p.tariff().label());
  }
}
