package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/** Status events written many to a commit: none lost, none reordered, none heard before commit. */
class StatusEventsTest {
  static final Instant T = Instant.parse("2027-01-09T02:00:00Z");

  @TempDir Path dir;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private final AtomicInteger ledgerTasks = new AtomicInteger();
  private StatusEvents events;

  @BeforeEach
  void open() {
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    events =
        new StatusEvents(
            ledger,
            task -> {
              ledgerTasks.incrementAndGet();
              ledgerThread.execute(task);
            });
  }

  @AfterEach
  void close() throws Exception {
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  private static ConsoleEvent status(long seq, String lane, int n) {
    return new ConsoleEvent.LaneStatus(
        seq,
        T,
        lane,
        LaneKind.EXIT,
        LaneState.IDLE,
        BarrierPosition.CLOSED,
        false,
        List.of(Integer.toString(n)),
        LaneMode.NORMAL);
  }

  /** Waits until every queued event has been taken and its group's task has finished. */
  private void drained() throws Exception {
    // A group larger than MAX_GROUP leaves the rest to a task queued behind ours: go round.
    do {
      ledgerThread.submit(() -> null).get(10, TimeUnit.SECONDS);
    } while (events.queued() > 0);
    ledgerThread.submit(() -> null).get(10, TimeUnit.SECONDS);
  }

  @Test
  void eventsQueuedWhileTheLedgerIsBusyGoInOneCommitInTheOrderQueued() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    ledgerThread.execute(
        () -> {
          try {
            busy.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    for (int i = 0; i < 50; i++) {
      int n = i;
      events.add("exit-1", seq -> status(seq, "exit-1", n));
    }
    busy.countDown();
    drained();

    assertEquals(1, ledgerTasks.get(), "fifty status changes, one ledger task");
    List<ConsoleEvent> written = new EventLog(ledger).eventsAfter(0, 100);
    assertEquals(50, written.size());
    for (int i = 0; i < 50; i++) {
      ConsoleEvent.LaneStatus e = (ConsoleEvent.LaneStatus) written.get(i);
      assertEquals(i + 1, e.seq());
      assertEquals(List.of(Integer.toString(i)), e.display());
    }
  }

  @Test
  void anEventThatCannotBeWrittenCostsOnlyItselfNotItsGroup() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    ledgerThread.execute(
        () -> {
          try {
            busy.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    events.add("exit-1", seq -> status(seq, "exit-1", 0));
    events.add(
        "exit-1",
        seq -> {
          throw new IllegalStateException("device status without a device");
        });
    events.add("exit-1", seq -> status(seq, "exit-1", 2));
    busy.countDown();
    drained();

    List<ConsoleEvent> written = new EventLog(ledger).eventsAfter(0, 100);
    assertEquals(
        List.of(List.of("0"), List.of("2")),
        written.stream().map(e -> ((ConsoleEvent.LaneStatus) e).display()).toList());
    assertEquals(List.of(1L, 2L), written.stream().map(ConsoleEvent::seq).toList());
  }

  @Test
  void manyLanesAtOnceLoseNothingKeepEachLanesOrderAndAreHeardOnlyOnceCommitted() throws Exception {
    Path file = dir.resolve("ledger.db");
    List<ConsoleEvent> heard = new CopyOnWriteArrayList<>();
    List<String> heardEarly = new CopyOnWriteArrayList<>();
    try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      PreparedStatement committed = reader.prepareStatement("SELECT 1 FROM events WHERE seq = ?");
      ledger.onCommittedEvent(
          e -> {
            // Another connection sees only committed rows.
            try {
              committed.setLong(1, e.seq());
              try (ResultSet r = committed.executeQuery()) {
                if (!r.next()) {
                  heardEarly.add("seq " + e.seq());
                }
              }
            } catch (java.sql.SQLException ex) {
              heardEarly.add(ex.getMessage());
            }
            heard.add(e);
          });
      int lanes = 8;
      int each = 200;
      ExecutorService publishers = Executors.newFixedThreadPool(lanes);
      for (int l = 0; l < lanes; l++) {
        String lane = "exit-" + l;
        publishers.execute(
            () -> {
              for (int i = 0; i < each; i++) {
                int n = i;
                events.add(lane, seq -> status(seq, lane, n));
                if (i % 50 == 0) {
                  // A money write between status changes keeps its own place in the sequence.
                  ledgerThread.execute(
                      () -> new Stays(ledger).recordEntry(lane, lane + "-" + n, T));
                }
              }
            });
      }
      publishers.shutdown();
      assertTrue(publishers.awaitTermination(30, TimeUnit.SECONDS));
      drained();

      List<ConsoleEvent> written = new EventLog(ledger).eventsAfter(0, 10_000);
      List<ConsoleEvent> statuses =
          written.stream().filter(ConsoleEvent.LaneStatus.class::isInstance).toList();
      assertEquals(lanes * each, statuses.size(), "no status change lost");
      Map<String, Integer> next = new HashMap<>();
      for (ConsoleEvent e : statuses) {
        ConsoleEvent.LaneStatus s = (ConsoleEvent.LaneStatus) e;
        int expected = next.getOrDefault(s.lane(), 0);
        assertEquals(List.of(Integer.toString(expected)), s.display(), s.lane() + " out of order");
        next.put(s.lane(), expected + 1);
      }
      List<Long> seqs = new ArrayList<>();
      written.forEach(e -> seqs.add(e.seq()));
      assertEquals(written.size(), seqs.get(seqs.size() - 1), "numbered without gaps");
      assertEquals(written, heard, "consoles hear every event once, in sequence order");
      assertEquals(List.of(), heardEarly, "heard before its commit");
      assertTrue(ledgerTasks.get() < lanes * each, "status changes share commits");
    }
  }
}
