package org.parkgate.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events that change no money or stay (lane and device status, refusals), written to the ledger
 * many to a commit. Whatever is queued when the ledger thread comes to it goes in one transaction,
 * in the order queued, so under load one fsync carries dozens of status changes and exit quotes
 * wait behind one commit rather than a queue of them. Consoles still hear of each event only after
 * its commit.
 */
final class StatusEvents {
  private static final Logger log = LoggerFactory.getLogger(StatusEvents.class);

  /** Bounds one transaction, so a burst cannot hold the ledger thread for long. */
  static final int MAX_GROUP = 500;

  private final EventLog events;
  private final Executor ledgerThread;
  private final Queue<EventLog.PendingEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();

  StatusEvents(Ledger ledger, Executor ledgerThread) {
    this.events = new EventLog(ledger);
    this.ledgerThread = ledgerThread;
  }

  /** Queues an event; it is written by the next group the ledger thread commits. */
  void add(String lane, LongFunction<ConsoleEvent> event) {
    queue.add(new EventLog.PendingEvent(lane, event));
    if (drainQueued.compareAndSet(false, true)) {
      try {
        ledgerThread.execute(this::drain);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        drainQueued.set(false); // stopping: the ledger thread takes no more work
        log.warn("{}: event not recorded, the ledger is closing", lane);
      }
    }
  }

  /** Events queued and not yet taken by a ledger task. */
  int queued() {
    return queue.size();
  }

  private void drain() {
    // Cleared before taking: an event queued from here on is either taken now or drained next.
    drainQueued.set(false);
    List<EventLog.PendingEvent> group = new ArrayList<>();
    EventLog.PendingEvent e;
    while (group.size() < MAX_GROUP && (e = queue.poll()) != null) {
      group.add(e);
    }
    if (!queue.isEmpty() && drainQueued.compareAndSet(false, true)) {
      ledgerThread.execute(this::drain);
    }
    try {
      events.recordEvents(group);
    } catch (RuntimeException ex) {
      // The group rolled back whole; one at a time, only the event at fault is lost.
      log.warn(
          "{} status events rolled back ({}); writing them one by one",
          group.size(),
          ex.getMessage());
      for (EventLog.PendingEvent one : group) {
        try {
          events.recordEvent(one.lane(), one.event());
        } catch (RuntimeException again) {
          log.error("{}: event not recorded: {}", one.lane(), again.getMessage());
        }
      }
    }
  }
}
