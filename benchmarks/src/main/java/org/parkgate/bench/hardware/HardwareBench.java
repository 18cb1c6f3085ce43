package org.parkgate.bench.hardware;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.parkgate.controller.device.link.DeviceLink;
import org.parkgate.controller.device.modbus.ModbusBus;
import org.parkgate.controller.device.modbus.ModbusClient;
import org.parkgate.device.card.CardLineParser;
import org.parkgate.device.modbus.ModbusRequest;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.SerialSettings;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/**
 * Serial link figures for docs/benchmarks.md ("Hardware"): the poll cycle of four I/O modules on
 * one bus, computed from frame sizes at 9600 baud and measured over a socat pty pair against a
 * pymodbus slave (a pty does not enforce baud), and the CPU cost of 16 idle serial links.
 *
 * <p>usage: HardwareBench poll|idle [seconds]
 */
public final class HardwareBench {
  private HardwareBench() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "poll";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    if (what.equals("poll")) {
      pollCycle();
    } else {
      idleLinks(16, seconds);
    }
    System.exit(0);
  }

  static Process ptyPair(Path a, Path b) throws Exception {
    Process p =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
            .redirectErrorStream(true)
            .start();
    for (int i = 0; i < 500 && !(Files.exists(a) && Files.exists(b)); i++) {
      Thread.sleep(10);
    }
    return p;
  }

  static void pollCycle() throws Exception {
    SerialSettings s = SerialSettings.DEFAULT;
    int request =
        RtuCodec.encode(new RtuRequest(1, new ModbusRequest.ReadDiscreteInputs(0, 5))).length;
    int response = 6; // unit, FC, byte count, one byte of 5 inputs, CRC
    double perModule = (s.wireNanos(request + response) + 2 * s.interFrameGapNanos()) / 1e6;
    System.out.printf(
        "wire: request %d B + response %d B = %.2f ms, + 2 x 3.5-char gaps %.2f ms = %.2f ms per module;"
            + " 4 modules %.1f ms + slave turnaround%n",
        request,
        response,
        s.wireNanos(request + response) / 1e6,
        2 * s.interFrameGapNanos() / 1e6,
        perModule,
        4 * perModule);

    Path dir = Files.createTempDirectory("pollbench");
    Path ours = dir.resolve("ttyBus");
    Path theirs = dir.resolve("ttyModules");
    Process socat = ptyPair(ours, theirs);
    Path script = Path.of("gate-controller/src/test/resources/peers/pymodbus_io_module.py");
    Process peer =
        new ProcessBuilder("/usr/bin/python3", script.toString(), theirs.toString(), "1,2,3,4")
            .redirectErrorStream(true)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream()));
    while (!"ready".equals(out.readLine())) {
      // wait for the slave
    }
    MultiThreadIoEventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ModbusBus bus =
        new ModbusBus(DeviceAddress.parse("serial:" + ours + "?baud=9600"), (EventLoop) io.next());
    bus.start();
    while (!bus.connected()) {
      Thread.sleep(10);
    }
    ModbusClient client = bus.client();
    int cycles = 300;
    long[] ms = new long[cycles];
    for (int c = -20; c < cycles; c++) {
      long start = System.nanoTime();
      for (int unit = 1; unit <= 4; unit++) {
        client.readDiscreteInputs(unit, 0, 5).get(2, TimeUnit.SECONDS);
      }
      if (c >= 0) {
        ms[c] = System.nanoTime() - start;
      }
    }
    Arrays.sort(ms);
    System.out.printf(
        "measured over a pty pair (baud not enforced), pymodbus 3.0 slave, %d cycles of 4 modules:"
            + " p50 %.1f ms, p99 %.1f ms, max %.1f ms; %s%n",
        cycles,
        ms[cycles / 2] / 1e6,
        ms[cycles * 99 / 100] / 1e6,
        ms[cycles - 1] / 1e6,
        bus.status());
    bus.close();
    peer.destroy();
    socat.destroy();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  static void idleLinks(int count, int seconds) throws Exception {
    Path dir = Files.createTempDirectory("idlebench");
    List<Process> socats = new ArrayList<>();
    List<DeviceLink> links = new ArrayList<>();
    MultiThreadIoEventLoopGroup io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    for (int i = 0; i < count; i++) {
      Path ours = dir.resolve("tty" + i);
      socats.add(ptyPair(ours, dir.resolve("dev" + i)));
      LinkCounters counters = new LinkCounters();
      DeviceLink link =
          new DeviceLink(
              "idle " + i,
              DeviceAddress.parse("serial:" + ours),
              (EventLoop) io.next(),
              counters,
              new io.netty.channel.ChannelInitializer<>() {
                @Override
                protected void initChannel(io.netty.channel.Channel ch) {
                  ch.pipeline()
                      .addLast(new ParsingDecoder<>(new CardLineParser(), counters, "idle"));
                }
              },
              ch -> {},
              why -> {});
      link.start();
      links.add(link);
    }
    Thread.sleep(3_000);
    long open = links.stream().filter(l -> l.channel() != null).count();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    double cpu = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
    System.out.printf(
        "%d of %d serial links open and idle for %d s: process CPU %.2f%% of one core (whole JVM)%n",
        open, count, seconds, cpu * 100);
    links.forEach(DeviceLink::close);
    socats.forEach(Process::destroy);
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
