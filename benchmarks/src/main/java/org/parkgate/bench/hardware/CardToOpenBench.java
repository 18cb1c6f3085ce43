package org.parkgate.bench.hardware;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.parkgate.controller.GateController;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.site.SerialSettings;

/**
 * Card read to barrier-open command at exits that owe nothing, for docs/benchmarks.md ("Hardware"):
 * a real {@link GateController} with 50 exit lanes (15-minute grace tariff, every card's stay
 * already in the ledger) polls 50 barrier I/O modules and reads 50 card readers, each an in-process
 * TCP server as a serial device server would be. Each module plays a barrier and a car: on the open
 * coil it opens, the car crosses the loops, on the close coil it closes, and after a gap the next
 * car arrives. Once the controller has seen the car (a poll answered with the arming loop on, and
 * the next poll asked, so the lane has taken it in), the card line is written to the reader's
 * socket; the latency ends when the FC 05 open-coil write reaches the module.
 *
 * <p>usage: CardToOpenBench [cyclesPerLane] [gapMs] [lanes]: gap 0 is every lane cycling as fast as
 * its barrier moves (the controller's throughput); run from the repository root.
 */
public final class CardToOpenBench {
  /** A read with no open coil this long after it is taken as lost; the driver tries again. */
  static final long PRESENT_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(3);

  private CardToOpenBench() {}

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    long gapMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
    int laneCount = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    run(laneCount, cycles, gapMs);
    System.exit(0);
  }

  static void run(int laneCount, int cycles, long gapMs) throws Exception {
    SerialSettings line = SerialSettings.DEFAULT;
    int cardBytes = 12; // ten characters, CR, LF
    int coilBytes =
        RtuCodec.encode(
                new RtuRequest(1, new ModbusRequest.WriteSingleCoil(FakeBarrier.OPEN_COIL, true)))
            .length;
    System.out.printf(
        "wire time at 9600 8N1: card line %d B %.2f ms; FC 05 open-coil write %d B %.2f ms + 3.5-char gap %.2f ms;"
            + " an FC 02 poll already on the bus when the card is read: up to %.2f ms more%n",
        cardBytes,
        line.wireNanos(cardBytes) / 1e6,
        coilBytes,
        line.wireNanos(coilBytes) / 1e6,
        line.interFrameGapNanos() / 1e6,
        (line.wireNanos(8 + 6) + 2 * line.interFrameGapNanos()) / 1e6);

    Path dir = Files.createTempDirectory("cardopen");
    MultiThreadIoEventLoopGroup devices =
        new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    CountDownLatch done = new CountDownLatch(laneCount);
    List<Exit> exits = new ArrayList<>();
    StringBuilder lanesYaml = new StringBuilder();
    Random random = new Random(42);
    for (int i = 0; i < laneCount; i++) {
      Exit exit =
          new Exit(
              i, cycles, gapMs, (EventLoop) devices.next(), new Random(random.nextLong()), done);
      int module = DeviceServers.serve(devices, exit::module);
      int reader = DeviceServers.serve(devices, exit::reader);
      int display = DeviceServers.serve(devices, ch -> {});
      exits.add(exit);
      lanesYaml.append(
          """
            - {id: exit-%d, kind: exit, barrier: {address: "tcp://127.0.0.1:%d", unit: 1},
               cardReader: {address: "tcp://127.0.0.1:%d"}, display: {address: "tcp://127.0.0.1:%d"}}
          """
              .formatted(i, module, reader, display));
    }

    // Every card that will be read is inside already, entered just now: in the grace period.
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    long t = System.nanoTime();
    try (Ledger ledger = Ledger.open(data.resolve("ledger.db"), "bench")) {
      Instant now = Instant.now();
      for (Exit exit : exits) {
        for (int c = 0; c < cycles; c++) {
          new Stays(ledger).recordEntry("entry-1", exit.card(c), now);
        }
      }
    }
    System.out.printf(
        "%d stays entered in %.1f s%n", laneCount * cycles, (System.nanoTime() - t) / 1e9);

    ledgerCommit(dir.resolve("commit-probe.db"));

    Path site = dir.resolve("site.yaml");
    Path tariff = Path.of("config/tariffs/demo-hourly.yaml").toAbsolutePath();
    int consolePort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      consolePort = s.getLocalPort();
    }
    Files.writeString(
        site,
        """
        site: {id: bench, name: Card-to-open bench, zone: Asia/Shanghai, currency: CNY, tariff: "%s"}
        lanes:
        %s
        controller: {consolePort: %d, dataDir: "%s", pollInterval: 50ms}
        """
            .formatted(tariff, lanesYaml, consolePort, data));

    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    GateController controller = GateController.start(site, data, Clock.systemUTC());
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    int progress = -1;
    long stalledSince = System.nanoTime();
    while (!done.await(1, TimeUnit.SECONDS)) {
      int now = exits.stream().mapToInt(e -> e.car).sum();
      if (now != progress) {
        progress = now;
        stalledSince = System.nanoTime();
      } else if (System.nanoTime() - stalledSince > TimeUnit.SECONDS.toNanos(30)) {
        System.out.println("no car served for 30 s; lanes not finished:");
        for (Exit e : exits) {
          if (e.car < cycles) {
            System.out.println(
                "  "
                    + e
                    + ", controller: "
                    + controller.service().lanes().get("exit-" + e.index).lane());
          }
        }
        break;
      }
    }
    long wall = System.nanoTime() - wall0;
    double cpu = (os.getProcessCpuTime() - cpu0) / (double) wall;

    // The first car at each lane meets a cold JVM; it is left out.
    List<Long> all = new ArrayList<>();
    long violations = 0;
    int again = 0;
    for (Exit exit : exits) {
      again += exit.presentedAgain;
      all.addAll(exit.latencies.subList(Math.min(1, exit.latencies.size()), exit.latencies.size()));
      violations += exit.barrier.closesOverCar();
    }
    long[] ns = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(ns);
    int opened = exits.stream().mapToInt(e -> e.car).sum();
    // Throughput over the window in which cars were served, not the controller's start.
    long first =
        exits.stream().mapToLong(e -> e.firstCardNanos).filter(n -> n != 0).min().orElse(wall0);
    long last = exits.stream().mapToLong(e -> e.lastOpenNanos).max().orElse(wall0 + wall);
    double window = (last - first) / 1e9;
    System.out.printf(
        "%d exit lanes over TCP, gap %d ms between cars, %d opens in %.1f s (%.1f opens/s);"
            + " card line written -> open coil at the module, %d samples: p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
            + " process CPU %.0f%% of one core (controller and fake devices); closes over an occupied loop %d%n",
        laneCount,
        gapMs,
        opened,
        window,
        opened / window,
        ns.length,
        DeviceServers.pct(ns, 50),
        DeviceServers.pct(ns, 99),
        ns.length == 0 ? 0 : ns[ns.length - 1] / 1e6,
        cpu * 100,
        violations);
    System.out.printf("card reads refused and presented again: %d%n", again);
    controller.linkStatus().stream()
        .filter(s -> s.badFrames() > 0)
        .forEach(s -> System.out.println("bad frames: " + s));
    controller.close();
    // Every lane status change is a durable ledger commit on the one ledger thread that also
    // answers the exit quotes; how many there were says how busy that thread was.
    try (Ledger ledger = Ledger.open(data.resolve("ledger.db"), "bench")) {
      long events = new EventLog(ledger).lastSeq();
      System.out.printf(
          "ledger: %d console events committed during the run (%.1f per car) besides %d exits%n",
          events, events / (double) Math.max(1, opened), opened);
    }
    devices.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  /**
   * What one durable ledger commit costs on this disk: the exit quote shares the ledger thread with
   * a commit for every lane status change, so this is the unit its queue is made of.
   */
  public static void ledgerCommit(Path file) {
    int n = 200;
    long[] ns = new long[n];
    try (Ledger ledger = Ledger.open(file, "probe")) {
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        new EventLog(ledger)
            .recordEvent(
                "exit-0",
                seq ->
                    new org.parkgate.api.ConsoleEvent.LaneStatus(
                        seq,
                        Instant.now(),
                        "exit-0",
                        org.parkgate.site.LaneKind.EXIT,
                        org.parkgate.site.LaneState.IDLE,
                        org.parkgate.site.BarrierPosition.CLOSED,
                        false,
                        List.of("Please insert your card"),
                        org.parkgate.site.LaneMode.NORMAL));
        ns[i] = System.nanoTime() - t;
      }
    }
    Arrays.sort(ns);
    System.out.printf(
        "one ledger event commit (WAL, synchronous=FULL) on this disk, %d commits: p50 %.2f ms, p99 %.2f ms%n",
        n, DeviceServers.pct(ns, 50), DeviceServers.pct(ns, 99));
  }

  /**
   * One exit lane's barrier module, car and card reader, all on one device thread so the two
   * timestamps of a sample are taken on the same clock without locking.
   */
  static final class Exit implements FakeBarrier.Listener {
    final int index;
    final int cycles;
    final long gapMs;
    final EventLoop loop;
    final Random random;
    final CountDownLatch done;
    final FakeBarrier barrier;
    final List<Long> latencies = new ArrayList<>();
    int presentedAgain;
    Channel reader;
    int car;
    long cardWrittenNanos;

    /** False once the card had to be presented again: its latency includes the driver's retry. */
    boolean sample = true;

    long firstCardNanos;
    long lastOpenNanos;

    Exit(int index, int cycles, long gapMs, EventLoop loop, Random random, CountDownLatch done) {
      this.index = index;
      this.cycles = cycles;
      this.gapMs = gapMs;
      this.loop = loop;
      this.random = random;
      this.done = done;
      this.barrier = new FakeBarrier(loop, this);
    }

    String card(int n) {
      return "%04X%06X".formatted(index, n);
    }

    void reader(Channel ch) {
      // Runs on the channel's loop, which may not be this lane's: hand it over.
      loop.execute(() -> reader = ch);
      ch.pipeline()
          .addLast(
              new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  ((ByteBuf) msg)
                      .release(); // ISSUE is for entries; an exit reader sends nothing back
                }
              });
    }

    void module(Channel ch) {
      barrier.attach(ch, "bench module " + index);
      // The first car arrives once the controller is connected and polling.
      loop.schedule(barrier::arrive, 2_000 + random.nextInt(1_000), TimeUnit.MILLISECONDS);
    }

    @Override
    public void polled(long arrived) {
      if (barrier.waitingCarReported() && car < cycles && reader != null) {
        if (cardWrittenNanos == 0) {
          sendCard();
        } else if (arrived - cardWrittenNanos > PRESENT_AGAIN_NANOS) {
          // The read met a lane that had not yet taken the car in (its answer came too late
          // for the master and the retry looked like the next poll) and was refused as the
          // lane being busy. A driver presents the card again; the sample is not counted.
          presentedAgain++;
          sendCard();
          sample = false;
        }
      }
    }

    private void sendCard() {
      byte[] line = (card(car) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      Channel c = reader;
      cardWrittenNanos = System.nanoTime();
      if (firstCardNanos == 0) {
        firstCardNanos = cardWrittenNanos;
      }
      c.writeAndFlush(Unpooled.wrappedBuffer(line));
    }

    @Override
    public void opening(long arrived) {
      if (cardWrittenNanos != 0) {
        if (sample) {
          latencies.add(arrived - cardWrittenNanos);
        }
        lastOpenNanos = arrived;
        cardWrittenNanos = 0;
        sample = true;
        car++;
      }
    }

    @Override
    public void closed() {
      if (car >= cycles) {
        done.countDown();
        return;
      }
      long gap = gapMs == 0 ? 0 : gapMs / 2 + (long) (random.nextDouble() * gapMs);
      loop.schedule(barrier::arrive, gap, TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
      return "exit-"
          + index
          + " "
          + car
          + "/"
          + cycles
          + " cars, card out "
          + (cardWrittenNanos != 0)
          + ", "
          + barrier;
    }
  }
}
