package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;

/**
 * Power cuts during payments: vehicles pay at several exit lanes at once through the console API
 * while the controller is killed with SIGKILL at random moments and restarted. After every restart
 * each payment the console was told of is in the ledger under the receipt it was told, receipts
 * have no gap, SQLite's integrity check passes and the hash chain verifies.
 *
 * <p>The vehicles' stays are written into the ledger through its own API before the run, as if they
 * had entered earlier: what is under test is the exit and its payment. Ends when all {@code
 * crash.payments} (default 1000) vehicles have paid and left, and fails if that takes more than
 * {@code crash.seconds} (default 170) of driving; the controller is killed about ten times along
 * the way. The figures, with where the lanes' time went, go to target/crash-report.txt.
 */
class CrashIT {
  private static final int PAYMENTS = Integer.getInteger("crash.payments", 1000);
  private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("crash.seconds", 170));
  private static final int EXIT_LANES = Integer.getInteger("crash.lanes", 10);
  private static final int KILL_EVERY = Math.max(10, PAYMENTS / 10);
  private static final Duration LONGEST_BETWEEN_KILLS = Duration.ofSeconds(15);

  @TempDir Path dir;

  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, ConsoleEvent.ExitPending> lastPending = new ConcurrentHashMap<>();
  private final AtomicReference<ConsoleApiClient> console = new AtomicReference<>();
  private final List<ConsoleApiClient> connections =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long lastSeqSeen;
  private volatile long budgetEnd;
  // Where the lanes' time goes, summed over all lanes (seconds in the report).
  private final java.util.concurrent.atomic.LongAdder closedWait =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder payAndDrive =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder driveOut =
      new java.util.concurrent.atomic.LongAdder();
  // A lane whose driver failed stops putting vehicles through: the run fails with why at once.
  private final Queue<Throwable> laneFailures = new ConcurrentLinkedQueue<>();
  // The last answer each payment request got, for the failure message of a lane that stopped.
  private final Map<String, CommandResult> lastAnswer = new ConcurrentHashMap<>();

  @Test
  void noAcknowledgedPaymentIsLostWhenTheControllerIsKilledAtRandom() throws Exception {
    Random random = new Random(20270109);
    List<Long> restartMillis = new ArrayList<>();
    int kills = 0;
    try (SystemFixture system =
        new SystemFixture(dir, "shanghai-indoor-1.yaml", EXIT_LANES - 1, Duration.ofMillis(20))) {
      Queue<String> cards = seedStays(system.ledger);
      system.simulator();
      restartMillis.add(startController(system));
      long drivingStart = System.nanoTime();
      long deadline = drivingStart + BUDGET.toNanos();
      budgetEnd = deadline;
      ExecutorService lanes = Executors.newFixedThreadPool(EXIT_LANES);
      List<Future<Integer>> drivers = new ArrayList<>();
      for (int i = 1; i <= EXIT_LANES; i++) {
        String lane = "exit-" + i;
        drivers.add(
            lanes.submit(
                () -> {
                  try {
                    return drive(system, lane, cards, deadline);
                  } catch (Throwable t) {
                    laneFailures.add(t);
                    throw t;
                  }
                }));
      }
      lanes.shutdown();
      boolean backedUp = false;
      RunningProcess controller = system.processes.get(system.processes.size() - 1);
      // Kills come with progress, not with the clock: one after every KILL_EVERY payments or so
      // (0.5x to 1.5x, seeded), so a slow machine gets as many crashes per payment as a fast one
      // and no more restarts than it needs; and one after 15 s at the latest.
      int nextKill = killAfter(random, 0);
      while (awaitPaymentsOrEnd(lanes, nextKill)) {
        if (!backedUp && acknowledged.size() > 50) {
          backedUp = true;
          backupWhileLanesWrite(system);
        }
        nextKill = killAfter(random, acknowledged.size());
        controller.kill9();
        kills++;
        assertAcknowledgedPaymentsPresent(system, "after kill " + kills);
        restartMillis.add(startController(system));
        controller = system.processes.get(system.processes.size() - 1);
        assertAcknowledgedPaymentsPresent(system, "after restart " + kills);
      }
      int driven = 0;
      for (Future<Integer> d : drivers) {
        driven += d.get();
      }
      long drivingEnd = System.nanoTime();
      controller.kill9();
      kills++;
      restartMillis.add(startController(system));
      Map<String, String> recorded = assertAcknowledgedPaymentsPresent(system, "at the end");
      RunningProcess verify =
          RunningProcess.start(
              "verify",
              dir,
              SystemFixture.controllerCommand(
                  "org.parkgate.controller.audit.AuditMain", "verify", system.ledger.toString()));
      assertEquals(
          0,
          verify.waitFor(Duration.ofSeconds(60)),
          "./parking verify on the ledger: " + verify.output());

      long lost =
          acknowledged.entrySet().stream()
              .filter(e -> !e.getValue().equals(recorded.get(e.getKey())))
              .count();
      String report =
          String.format(
              "payments acknowledged %d, recorded %d, lost %d, vehicles through %d, kill -9 %d, "
                  + "restart to ready ms: median %d max %d total %d, exit lanes %d, budget %d s, "
                  + "target %d, driving %.0f s; lane time (s, all lanes): barrier closing %.0f, "
                  + "arrive to paid %.0f, driving out %.0f",
              acknowledged.size(),
              recorded.size(),
              lost,
              driven,
              kills,
              median(restartMillis),
              restartMillis.stream().mapToLong(Long::longValue).max().orElse(0),
              restartMillis.stream().mapToLong(Long::longValue).sum(),
              EXIT_LANES,
              BUDGET.toSeconds(),
              PAYMENTS,
              (drivingEnd - drivingStart) / 1e9,
              closedWait.sum() / 1e9,
              (payAndDrive.sum() - driveOut.sum()) / 1e9,
              driveOut.sum() / 1e9);
      System.out.println("crash test: " + report);
      Files.writeString(
          SystemFixture.ROOT.resolve("system-tests/target/crash-report.txt"), report + "\n");
      assertEquals(0, lost);
      assertTrue(kills >= 3, "the controller was killed only " + kills + " times");
      assertEquals(
          PAYMENTS, acknowledged.size(), "every vehicle paid and was acknowledged: " + report);
      // Recorded but never acknowledged would be a payment whose ack was lost for good; every retry
      // got it.
      assertEquals(
          recorded.keySet(),
          acknowledged.keySet(),
          "every recorded payment was acknowledged to the console on retry");
      assertConsoleMissedNothing(system, kills);
      console.get().close();
    }
  }

  private static int killAfter(Random random, int acknowledgedNow) {
    return acknowledgedNow + KILL_EVERY / 2 + random.nextInt(KILL_EVERY);
  }

  /**
   * Waits until {@code payments} are acknowledged (true: time to kill) or every lane is done
   * (false), failing once the budget is spent.
   */
  private boolean awaitPaymentsOrEnd(ExecutorService lanes, int payments) throws Exception {
    long latest = System.nanoTime() + LONGEST_BETWEEN_KILLS.toNanos();
    while (!lanes.awaitTermination(20, TimeUnit.MILLISECONDS)) {
      Throwable failed = laneFailures.peek();
      if (failed != null) {
        lanes.shutdownNow();
        throw new AssertionError(
            "a lane stopped after " + acknowledged.size() + " payments: " + failed, failed);
      }
      if (acknowledged.size() >= payments || System.nanoTime() > latest) {
        return true;
      }
      if (System.nanoTime() > budgetEnd) {
        lanes.shutdownNow();
        throw new AssertionError(
            "only "
                + acknowledged.size()
                + " of "
                + PAYMENTS
                + " payments acknowledged within the "
                + BUDGET.toSeconds()
                + " s budget");
      }
    }
    return false;
  }

  /** The stays of vehicles that entered two hours ago, written through the ledger's API. */
  private Queue<String> seedStays(Path ledgerFile) {
    Queue<String> cards = new ConcurrentLinkedQueue<>();
    Instant entered = Instant.now().minus(Duration.ofHours(2));
    try (Ledger ledger = Ledger.open(ledgerFile, "e2e")) {
      for (int i = 1; i <= PAYMENTS; i++) {
        String card = String.format("C%09d", i);
        new org.parkgate.controller.ledger.Stays(ledger).recordEntry("entry-1", card, entered);
        cards.add(card);
      }
    }
    return cards;
  }

  private long startController(SystemFixture system) throws Exception {
    long started = System.nanoTime();
    system.controller();
    long ms = (System.nanoTime() - started) / 1_000_000;
    ConsoleApiClient old = console.get();
    if (old != null) {
      old.close();
    }
    // Resume after the last event seen: a console that reconnects misses nothing.
    console.set(system.api("crash-test", lastSeqSeen));
    connections.add(console.get());
    return ms;
  }

  /**
   * Puts vehicles through one exit lane until the cards or the time run out; returns how many left.
   */
  private int drive(SystemFixture system, String lane, Queue<String> cards, long deadline)
      throws Exception {
    int through = 0;
    String card;
    while (System.nanoTime() < deadline && (card = cards.poll()) != null) {
      // The next vehicle waits for the barrier to close behind the last, however long a restart
      // takes.
      long t0 = System.nanoTime();
      if (!awaitBarrier(system, lane, "closed", Duration.ofSeconds(60))) {
        throw new AssertionError(lane + ": barrier never closed; lane " + system.lane(lane));
      }
      long t1 = System.nanoTime();
      system.simRaw("POST", "/lanes/" + lane + "/vehicle/arrive", null);
      payAndLeave(system, lane, card);
      closedWait.add(t1 - t0);
      payAndDrive.add(System.nanoTime() - t1);
      through++;
    }
    return through;
  }

  private void payAndLeave(SystemFixture system, String lane, String card) throws Exception {
    String requestId = "pay-" + card;
    long seenSeq = 0;
    long givenUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < givenUp) {
      ConsoleApiClient c = console.get();
      if (awaitBarrier(
          system,
          lane,
          "open",
          Duration.ofMillis(acknowledged.containsKey(requestId) ? 1500 : 0))) {
        if (!acknowledged.containsKey(requestId) && lastPending.containsKey(card)) {
          // Opened for a payment recorded before a crash took its answer: the retry gets the
          // receipt.
          retry(c, requestId, lastPending.get(card));
        }
        // Only a vehicle whose payment was acknowledged drives on.
        long d = System.nanoTime();
        if (acknowledged.containsKey(requestId)
            && system
                    .simRaw(
                        "POST",
                        "/lanes/" + lane + "/vehicle/drive",
                        "{\"dwellMs\": 20, \"wait\": true}")
                    .statusCode()
                == 200) {
          driveOut.add(System.nanoTime() - d);
          return;
        }
        Thread.sleep(100);
        continue;
      }
      system.simRaw("POST", "/lanes/" + lane + "/card/present", "{\"card\": \"" + card + "\"}");
      if (acknowledged.containsKey(requestId) || !c.isOpen()) {
        Thread.sleep(100);
        continue;
      }
      Optional<ConsoleEvent.ExitPending> pending =
          awaitPending(
              card, seenSeq, Duration.ofMillis(lastPending.containsKey(card) ? 200 : 2000));
      if (pending.isPresent()) {
        seenSeq = pending.get().seq();
        lastPending.put(card, pending.get());
        lastSeqSeen = Math.max(lastSeqSeen, seenSeq);
        retry(c, requestId, pending.get());
      } else if (lastPending.containsKey(card)) {
        // Refused or unanswered (the fee can be announced a moment before the lane takes it, or
        // the answer died with the controller) and the lane does not quote again while it waits:
        // ask again, same request id.
        retry(c, requestId, lastPending.get(card));
      }
    }
    throw new AssertionError(
        lane
            + ": vehicle with card "
            + card
            + " could not pay and leave within 60 s; last answer to "
            + requestId
            + ": "
            + lastAnswer.get(requestId)
            + "; lane "
            + system.lane(lane));
  }

  /**
   * The vehicle's fee as announced on any of the console's connections: one that arrived on a
   * connection just before the controller was killed is not sent again on the next (it resumes
   * after the newest seq any lane has seen), and the lane, already waiting for payment, does not
   * quote again.
   */
  private Optional<ConsoleEvent.ExitPending> awaitPending(String card, long afterSeq, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      for (ConsoleApiClient c : connections) {
        Optional<ConsoleEvent.ExitPending> p = c.awaitPending(card, afterSeq, Duration.ZERO);
        if (p.isPresent()) {
          return p;
        }
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      Thread.sleep(10);
    }
  }

  private void retry(ConsoleApiClient c, String requestId, ConsoleEvent.ExitPending p) {
    try {
      Optional<CommandResult> result =
          c.pay(requestId, p.lane(), p.stayId(), p.due(), Duration.ofSeconds(3));
      result.ifPresent(r -> lastAnswer.put(requestId, r));
      if (result.isPresent() && result.get().ok()) {
        assertTrue(
            result.get().answer() instanceof org.parkgate.api.Answer.Receipt,
            "no receipt in " + result.get());
        String receipt = ((org.parkgate.api.Answer.Receipt) result.get().answer()).receiptNo();
        String earlier = acknowledged.putIfAbsent(requestId, receipt);
        assertTrue(
            earlier == null || earlier.equals(receipt),
            "request " + requestId + " got two receipts: " + earlier + ", " + receipt);
      }
    } catch (Exception e) {
      // The controller went down mid-request; the next round retries with the same request id.
    }
  }

  private static boolean awaitBarrier(
      SystemFixture system, String lane, String position, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (SystemFixture.barrier(system.lane(lane)).equals(position)) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(20);
    }
  }

  /**
   * Each acknowledged request is in the ledger with the receipt the console was told; the ledger
   * verifies.
   */
  private Map<String, String> assertAcknowledgedPaymentsPresent(SystemFixture system, String when)
      throws Exception {
    Map<String, String> recorded = new HashMap<>();
    Map<String, String> told = new HashMap<>(acknowledged);
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:file:" + system.ledger + "?mode=ro");
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT request_id, receipt_no FROM payments")) {
      while (r.next()) {
        recorded.put(r.getString(1), r.getString(2));
      }
    }
    for (Map.Entry<String, String> e : told.entrySet()) {
      assertEquals(
          e.getValue(),
          recorded.get(e.getKey()),
          when + ": acknowledged payment " + e.getKey() + " missing or changed");
    }
    LedgerVerifier.Result verified = LedgerVerifier.verify(system.ledger, Optional.empty());
    assertTrue(verified.ok(), when + ": " + verified.summary());
    return recorded;
  }

  /**
   * Across all its connections, each resuming after the last sequence it had seen, the console
   * received every event the ledger holds.
   */
  private void assertConsoleMissedNothing(SystemFixture system, int kills) throws Exception {
    long last;
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:file:" + system.ledger + "?mode=ro");
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(seq) FROM events")) {
      last = r.getLong(1);
    }
    java.util.Set<Long> seen = new java.util.HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      seen.clear();
      connections.forEach(c -> c.events().forEach(e -> seen.add(e.seq())));
      if (seen.containsAll(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList())) {
        return;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    long missing =
        java.util.stream.LongStream.rangeClosed(1, last)
            .filter(q -> !seen.contains(q))
            .findFirst()
            .orElse(0);
    throw new AssertionError(
        "over "
            + connections.size()
            + " connections and "
            + kills
            + " restarts the console never received event "
            + missing
            + " (of 1.."
            + last
            + ")");
  }

  private void backupWhileLanesWrite(SystemFixture system) throws Exception {
    Path copy = dir.resolve("backup.db");
    RunningProcess backup =
        RunningProcess.start(
            "backup",
            dir,
            SystemFixture.controllerCommand(
                "org.parkgate.controller.audit.AuditMain",
                "backup",
                copy.toString(),
                "--db",
                system.ledger.toString()));
    assertEquals(
        0,
        backup.waitFor(Duration.ofSeconds(60)),
        "./parking backup while lanes write: " + backup.output());
    assertTrue(backup.output().contains("verified"), backup.output());
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
