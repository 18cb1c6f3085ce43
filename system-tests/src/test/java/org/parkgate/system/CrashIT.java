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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * had entered earlier: what is under test is the exit and its payment. Bounded by {@code
 * crash.payments} (default 1000) and {@code crash.seconds} (default 150) of driving, so the test
 * stays a few minutes on a small machine; the figures go to target/crash-report.txt.
 */
class CrashIT {
  private static final int PAYMENTS = Integer.getInteger("crash.payments", 1000);
  private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("crash.seconds", 150));
  private static final int EXIT_LANES = 6;
  private static final Pattern RECEIPT = Pattern.compile("receipt (\\S+)");

  @TempDir Path dir;

  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, ConsoleEvent.ExitPending> lastPending = new ConcurrentHashMap<>();
  private final AtomicReference<ConsoleApiClient> console = new AtomicReference<>();
  private final List<ConsoleApiClient> connections =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long lastSeqSeen;

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
      long deadline = System.nanoTime() + BUDGET.toNanos();
      ExecutorService lanes = Executors.newFixedThreadPool(EXIT_LANES);
      List<Future<Integer>> drivers = new ArrayList<>();
      for (int i = 1; i <= EXIT_LANES; i++) {
        String lane = "exit-" + i;
        drivers.add(lanes.submit(() -> drive(system, lane, cards, deadline)));
      }
      lanes.shutdown();
      boolean backedUp = false;
      RunningProcess controller = system.processes.get(system.processes.size() - 1);
      while (!lanes.awaitTermination(3000 + random.nextInt(6000), TimeUnit.MILLISECONDS)) {
        if (!backedUp && acknowledged.size() > 50) {
          backedUp = true;
          backupWhileLanesWrite(system);
        }
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
      controller.kill9();
      kills++;
      restartMillis.add(startController(system));
      Map<String, String> recorded = assertAcknowledgedPaymentsPresent(system, "at the end");
      RunningProcess verify =
          RunningProcess.start(
              "verify",
              dir,
              List.of(
                  java(),
                  "-cp",
                  SystemFixture.jar("gate-controller").toString(),
                  "org.parkgate.controller.audit.AuditMain",
                  "verify",
                  system.ledger.toString()));
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
                  + "restart to ready ms: median %d max %d, exit lanes %d, budget %d s, target %d",
              acknowledged.size(),
              recorded.size(),
              lost,
              driven,
              kills,
              median(restartMillis),
              restartMillis.stream().mapToLong(Long::longValue).max().orElse(0),
              EXIT_LANES,
              BUDGET.toSeconds(),
              PAYMENTS);
      System.out.println("crash test: " + report);
      Files.writeString(
          SystemFixture.ROOT.resolve("system-tests/target/crash-report.txt"), report + "\n");
      assertEquals(0, lost);
      assertTrue(kills >= 3, "the controller was killed only " + kills + " times");
      assertTrue(
          acknowledged.size() >= Math.min(PAYMENTS, 100),
          "only " + acknowledged.size() + " payments went through: " + report);
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

  /** The stays of vehicles that entered two hours ago, written through the ledger's API. */
  private Queue<String> seedStays(Path ledgerFile) {
    Queue<String> cards = new ConcurrentLinkedQueue<>();
    Instant entered = Instant.now().minus(Duration.ofHours(2));
    try (Ledger ledger = Ledger.open(ledgerFile, "e2e")) {
      for (int i = 1; i <= PAYMENTS; i++) {
        String card = String.format("C%09d", i);
        ledger.recordEntry("entry-1", card, entered);
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
    console.set(
        ConsoleApiClient.connect(system.http, system.consolePort, "crash-test", lastSeqSeen));
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
      if (!awaitBarrier(system, lane, "closed", Duration.ofSeconds(60))) {
        throw new AssertionError(lane + ": barrier never closed; lane " + system.lane(lane));
      }
      system.simRaw("POST", "/lanes/" + lane + "/vehicle/arrive", null);
      payAndLeave(system, lane, card);
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
        if (acknowledged.containsKey(requestId)
            && system
                    .simRaw(
                        "POST",
                        "/lanes/" + lane + "/vehicle/drive",
                        "{\"dwellMs\": 20, \"wait\": true}")
                    .statusCode()
                == 200) {
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
          c.awaitPending(card, seenSeq, Duration.ofSeconds(2));
      if (pending.isPresent()) {
        seenSeq = pending.get().seq();
        lastPending.put(card, pending.get());
        lastSeqSeen = Math.max(lastSeqSeen, seenSeq);
        retry(c, requestId, pending.get());
      }
    }
    throw new AssertionError(
        lane
            + ": vehicle with card "
            + card
            + " could not pay and leave within 60 s; lane "
            + system.lane(lane));
  }

  private void retry(ConsoleApiClient c, String requestId, ConsoleEvent.ExitPending p) {
    try {
      Optional<CommandResult> result =
          c.pay(requestId, p.lane(), p.stayId(), p.due(), Duration.ofSeconds(3));
      if (result.isPresent() && result.get().ok()) {
        Matcher m = RECEIPT.matcher(result.get().detail());
        assertTrue(m.find(), "no receipt in " + result.get());
        String earlier = acknowledged.putIfAbsent(requestId, m.group(1));
        assertTrue(
            earlier == null || earlier.equals(m.group(1)),
            "request " + requestId + " got two receipts: " + earlier + ", " + m.group(1));
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
            List.of(
                java(),
                "-cp",
                SystemFixture.jar("gate-controller").toString(),
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

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
