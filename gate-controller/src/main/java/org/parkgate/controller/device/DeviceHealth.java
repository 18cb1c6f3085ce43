package org.parkgate.controller.device;

import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Said;
import org.parkgate.controller.lane.LaneRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tracks whether one device answers, and tells the consoles when that changes. */
final class DeviceHealth {
  private static final Logger log = LoggerFactory.getLogger(DeviceHealth.class);

  private final String lane;
  private final String device;
  private final LaneRunner.LaneServices services;
  private Boolean online;
  private java.time.Instant offlineSince;
  private Listener listener = (now, detail, outFor) -> {};

  /**
   * Told of each change: offline with why, or online with how long it was out (null for the first
   * answer since start).
   */
  interface Listener {
    void changed(boolean online, String detail, java.time.Duration outFor);
  }

  DeviceHealth(String lane, String device, LaneRunner.LaneServices services) {
    this.lane = lane;
    this.device = device;
    this.services = services;
  }

  synchronized void online(String detail) {
    change(true, detail);
  }

  synchronized void offline(String detail) {
    change(false, detail);
  }

  /**
   * A detail in the booth's two languages: a link's own words (a socket's "connection refused",
   * say) come in English only, and go to the booth after a Chinese lead-in.
   */
  private static String inBoth(boolean online, String detail) {
    if (detail == null || detail.contains(Said.JOIN)) {
      return detail;
    }
    return Said.of((online ? "在线：" : "通信中断：") + detail, detail);
  }

  synchronized void listen(Listener l) {
    this.listener = l;
  }

  synchronized boolean isOnline() {
    return Boolean.TRUE.equals(online);
  }

  private void change(boolean now, String said) {
    if (online != null && online == now) {
      return;
    }
    String detail = inBoth(now, said);
    boolean first = online == null;
    online = now;
    if (first && now) {
      log.info("{}: {} online ({})", lane, device, detail);
    } else if (now) {
      log.info("{}: {} back online ({})", lane, device, detail);
    } else {
      log.warn("{}: {} OFFLINE: {}", lane, device, detail);
    }
    services.publish(
        lane, seq -> new ConsoleEvent.DeviceStatus(seq, services.now(), lane, device, now, detail));
    if (!now) {
      offlineSince = services.now();
      listener.changed(false, detail, null);
    } else {
      // First answer since start: no outage measured here (null).
      listener.changed(
          true, detail, first ? null : java.time.Duration.between(offlineSince, services.now()));
    }
  }
}
