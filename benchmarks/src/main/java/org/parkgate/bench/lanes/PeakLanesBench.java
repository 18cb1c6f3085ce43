package org.parkgate.bench.lanes;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parkgate.api.Role;
import org.parkgate.bench.hardware.CardToOpenBench;
import org.parkgate.bench.hardware.DeviceServers;
import org.parkgate.controller.ControllerMain;
import org.parkgate.controller.auth.ConsoleCredentials;
import org.parkgate.controller.auth.PasswordHasher;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Consoles;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.tls.Fingerprint;

/**
 * One controller at peak, for docs/benchmarks.md ("Lanes at peak"): a real gate-controller, started
 * as its own process as on a booth PC, runs entry and exit lanes whose barrier modules, card units
 * and displays are loopback TCP servers in this JVM (serial device servers, one bus per module).
 * Vehicles arrive at each lane at random (exponential gaps, seeded) at a given rate and queue
 * behind each other. Entry: the car on the arming loop makes the controller send ISSUE, the driver
 * takes the card after a moment and the unit sends its number, the controller records the entry and
 * opens. Exit: every card's stay is in the ledger before the start; most are in the grace period
 * and open at once, the others owe a fee and a cashier pays it through the console API (WebSocket,
 * as the booth does) after a delay; with --tls over wss://, pinning the certificate the controller
 * prints at start. The controller's CPU comes from /proc/PID/stat of its process, its GC time from
 * jstat, so the fakes' work is not counted in it (it is reported beside it).
 *
 * <p>Run from the repository root; {@code --help} lists the options.
 */
public final class PeakLanesBench {
  private PeakLanesBench() {}

  public static void main(String[] args) throws Exception {
    PeakOptions options;
    try {
      options = PeakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("PeakLanesBench: " + e.getMessage());
      System.err.println(PeakOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(PeakOptions.USAGE);
      return;
    }
    System.exit(run(options) ? 0 : 1);
  }

  static boolean run(PeakOptions o) throws Exception {
    System.out.println("options: " + o);
    Path dir = Files.createTempDirectory("peaklanes");
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    MultiThreadIoEventLoopGroup devices =
        new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Random seeds = new Random(o.seed());
    Duration run = o.warmup().plus(o.measure()).plus(PeakLane.DRAIN);
    // Cards for exits: half as many again as the expected arrivals and then some (a Poisson count
    // of 25 is above 45 about once in 10,000 lanes).
    int cardsPerExit = (int) (o.perHour() * run.toSeconds() / 3600.0 * 1.5) + 20;

    long t0 = System.nanoTime();
    Window window = new Window();
    List<PeakLane> lanes = new ArrayList<>();
    StringBuilder lanesYaml = new StringBuilder();
    for (int i = 0; i < o.lanes(); i++) {
      boolean entry = i < o.entries();
      String id = entry ? "entry-%03d".formatted(i) : "exit-%03d".formatted(i);
      EventLoop loop = (EventLoop) devices.next();
      Random random = new Random(seeds.nextLong());
      PeakLane lane =
          entry
              ? new PeakLane.Entry(id, i, loop, random, o, window)
              : new PeakLane.Exit(id, i, loop, random, o, window, cardsPerExit);
      int module = DeviceServers.serve(devices, ch -> lane.barrier.attach(ch, id + " module"));
      int cardUnit = DeviceServers.serve(devices, lane::cardUnit);
      int display = DeviceServers.serve(devices, PeakLane::display);
      lanes.add(lane);
      lanesYaml.append(
          """
            - {id: %s, kind: %s, barrier: {address: "tcp://127.0.0.1:%d", unit: 1},
               cardReader: {address: "tcp://127.0.0.1:%d"}, display: {address: "tcp://127.0.0.1:%d"}}
          """
              .formatted(id, entry ? "entry" : "exit", module, cardUnit, display));
    }

    // A grace period longer than the whole run keeps the free stays free however long it lasts;
    // the owing stays entered that long plus two hours ago.
    Duration grace = run.plusMinutes(10);
    Instant now = Instant.now();
    long seeded;
    long afterSeq;
    String credential = ConsoleCredentials.generate();
    String password = ConsoleCredentials.generate();
    try (Ledger ledger = Ledger.open(data.resolve("ledger.db"), "bench")) {
      for (PeakLane lane : lanes) {
        if (lane instanceof PeakLane.Exit exit) {
          for (int c = 0; c < exit.cards.length; c++) {
            Instant entered = exit.owing[c] ? now.minus(grace).minusSeconds(7_200) : now;
            new Stays(ledger).recordEntry("entry-000", exit.cards[c], entered);
          }
        }
      }
      // The controller takes commands only from an enrolled console and a logged-in person.
      new Consoles(ledger).add(Cashier.CONSOLE, ConsoleCredentials.hash(credential), "bench", now);
      new Accounts(ledger)
          .add(
              Cashier.USER,
              "Bench cashier",
              Role.CASHIER,
              new PasswordHasher().hash(password),
              false,
              "bench",
              now);
      afterSeq = new EventLog(ledger).lastSeq();
      seeded = afterSeq;
    }
    System.out.printf("%d stays entered in %.1f s%n", seeded, (System.nanoTime() - t0) / 1e9);

    // Entries and exit quotes wait behind the ledger thread's commits: what one costs now.
    CardToOpenBench.ledgerCommit(dir.resolve("commit-probe.db"));

    Path tariff = dir.resolve("bench-peak.yaml");
    Files.writeString(
        tariff,
        """
        # The demo hourly tariff with a grace period longer than the bench's run.
        id: bench-peak
        name: Peak lanes bench
        currency: CNY
        zone: Asia/Shanghai
        grace: %dm
        rules:
          hourly:
            unit: 1h
            price: "3.00"
            rounding: up
        """
            .formatted(grace.toMinutes()));
    int consolePort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      consolePort = s.getLocalPort();
    }
    Path site = dir.resolve("site.yaml");
    Files.writeString(
        site,
        """
        site: {id: bench, name: Peak lanes bench, zone: Asia/Shanghai, currency: CNY, tariff: "%s"}
        lanes:
        %s
        controller: {consolePort: %d, dataDir: "%s", pollInterval: %dms%s}
        """
            .formatted(
                tariff, lanesYaml, consolePort, data, o.pollMs(), o.tls() ? ", tls: on" : ""));

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A log line per lane state change is not what a site runs with; the recorded runs had none.
    command.add("-Dorg.slf4j.simpleLogger.log.org.parkgate.controller.lane.LaneRunner=warn");
    for (String opt : System.getProperty("bench.controllerJvm", "").split(" ")) {
      if (!opt.isBlank()) {
        command.add(opt);
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ControllerMain.class.getName(),
            "--site",
            site.toString(),
            "--data",
            data.toString()));
    Path log = dir.resolve("controller.log");
    Process controller =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    System.out.println("controller pid " + controller.pid() + ", its log: " + log);
    long t1 = System.nanoTime();
    ProcessStats stats = new ProcessStats(controller.pid());
    boolean ok = false;
    Cashier cashier = null;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lanes.stream().anyMatch(l -> l.barrier.polls() == 0)) {
        if (!controller.isAlive() || System.nanoTime() > deadline) {
          System.out.println("controller did not poll every module; its log:");
          System.out.println(Files.readString(log));
          return false;
        }
        Thread.sleep(200);
      }
      long polling = System.nanoTime();
      Fingerprint pin = null;
      if (o.tls()) {
        pin = printedCertificate(log, controller, deadline);
        if (pin == null) {
          System.out.println("controller did not print its console API certificate; its log:");
          System.out.println(Files.readString(log));
          return false;
        }
      }
      cashier = Cashier.connect(consolePort, pin, afterSeq, credential, password, lanes, o, window);
      // Each lane's first status changes are ledger commits queued at start; let them pass so a
      // car does not meet the start-up queue (the time it takes is printed).
      long events = -1;
      while (events != cashier.events.get() && System.nanoTime() < deadline + 60_000_000_000L) {
        events = cashier.events.get();
        Thread.sleep(2_000);
      }
      System.out.printf(
          "controller start -> every module polled %.1f s -> start-up lane events settled %.1f s%n",
          (polling - t1) / 1e9, (System.nanoTime() - t1) / 1e9);

      long start = System.nanoTime();
      window.set(start + o.warmup().toNanos(), start + o.warmup().plus(o.measure()).toNanos());
      lanes.forEach(PeakLane::startArrivals);
      System.out.printf(
          "arrivals started; warm-up %d s, then %d s measured%n",
          o.warmup().toSeconds(), o.measure().toSeconds());

      sleepUntil(window.from());
      Snapshot before = Snapshot.take(stats);
      double maxTenSeconds = 0;
      Snapshot last = before;
      while (System.nanoTime() < window.to()) {
        Thread.sleep(Math.max(1, Math.min(10_000, (window.to() - System.nanoTime()) / 1_000_000)));
        Snapshot s = Snapshot.take(stats);
        maxTenSeconds = Math.max(maxTenSeconds, s.controllerCoresSince(last));
        last = s;
        if (!controller.isAlive()) {
          System.out.println("controller exited during the run; see " + log);
          return false;
        }
      }
      Snapshot after = last;
      // Let the decisions of cars read inside the window arrive before counting.
      long drainEnd = System.nanoTime() + PeakLane.DRAIN.toNanos();
      while (window.inFlight() > 0 && System.nanoTime() < drainEnd) {
        Thread.sleep(100);
      }
      Report.print(o, lanes, window, cashier, before, after, maxTenSeconds);
      ok = window.inFlight() == 0;
    } finally {
      if (cashier != null) {
        cashier.close();
      }
      controller.destroy();
      if (!controller.waitFor(15, TimeUnit.SECONDS)) {
        controller.destroyForcibly();
      }
      devices.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
    try (Ledger ledger = Ledger.open(data.resolve("ledger.db"), "bench")) {
      long served = lanes.stream().mapToLong(l -> l.opened).sum();
      long events = new EventLog(ledger).lastSeq() - seeded;
      System.out.printf(
          "ledger: %d console events committed during the run (%.1f per vehicle let through)%n",
          events, events / (double) Math.max(1, served));
    }
    return ok;
  }

  /**
   * The fingerprint in the controller's "console API certificate sha256:..." line, which it prints
   * once started; null if it has not by {@code deadline} or has exited.
   */
  static Fingerprint printedCertificate(Path log, Process controller, long deadline)
      throws Exception {
    Pattern line = Pattern.compile("console API certificate (sha256:[0-9a-f]{64})");
    while (true) {
      Matcher m = line.matcher(Files.readString(log));
      if (m.find()) {
        return Fingerprint.parse(m.group(1));
      }
      if (!controller.isAlive() || System.nanoTime() > deadline) {
        return null;
      }
      Thread.sleep(100);
    }
  }

  static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }

  /** Process and machine counters at one moment. */
  record Snapshot(
      long nanos,
      ProcessStats.Cpu controller,
      double controllerGcSeconds,
      long benchCpuNanos,
      ProcessStats.Machine machine,
      String loadAverage) {

    static Snapshot take(ProcessStats stats) {
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new Snapshot(
          System.nanoTime(),
          stats.cpu(),
          stats.gcSeconds(),
          os.getProcessCpuTime(),
          ProcessStats.machine(),
          ProcessStats.loadAverage());
    }

    /** The controller's CPU since {@code earlier}, in cores (1.0 = one core busy). */
    double controllerCoresSince(Snapshot earlier) {
      return (controller.totalSeconds() - earlier.controller.totalSeconds())
          / ((nanos - earlier.nanos) / 1e9);
    }
  }
}
