package org.parkgate.console.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Tender;
import org.parkgate.device.escpos.Printed;
import org.parkgate.fee.TariffRef;
import org.parkgate.money.Money;
import org.parkgate.simulator.Simulator;
import org.parkgate.simulator.booth.ReceiptPrinter;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.SiteConfigLoader;

/**
 * The booth printer on a real serial port: a socat pty in front of the simulator's printer, as
 * {@code simulator --pty} makes one, driven through the jssc channel. The receipt prints, and when
 * the port goes away the printer is offline until it is back, with no help.
 */
class SerialPrinterIT {
  @TempDir Path dir;
  private Simulator simulator;
  private EventLoopGroup io;
  private Process socat;
  private Path tty;
  private int printerPort;
  private BoothPrinter printer;
  private final List<PrinterReport> reports = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    assertTrue(
        Files.isExecutable(Path.of("/usr/bin/socat")),
        "this test needs socat (apt-get install socat)");
    int[] ports = new int[8];
    for (int i = 0; i < ports.length; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        ports[i] = s.getLocalPort();
      }
    }
    printerPort = ports[6];
    Path tariff = Path.of("../config/tariffs/demo-hourly.yaml").toAbsolutePath().normalize();
    Path site = dir.resolve("site.yaml");
    Files.writeString(
        site,
        """
        site: { id: demo, zone: Asia/Shanghai, currency: CNY, tariff: "%s" }
        lanes:
          - id: exit-1
            kind: exit
            barrier: { address: "tcp://127.0.0.1:%d", unit: 1 }
            cardReader: { address: "tcp://127.0.0.1:%d" }
            display: { address: "tcp://127.0.0.1:%d" }
        booths:
          - id: booth-1
            printer: { address: "tcp://127.0.0.1:%d" }
        simulator: { bind: 127.0.0.1, controlPort: %d }
        """
            .formatted(tariff, ports[0], ports[1], ports[2], printerPort, ports[7]));
    simulator = Simulator.start(SiteConfigLoader.load(site), Duration.ofMillis(100));
    tty = dir.resolve("ttyPrinter");
    socat();
    io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    printer =
        new BoothPrinter(
            DeviceAddress.parse("serial:" + tty + "?baud=19200"),
            (EventLoop) io.next(),
            new PrinterSettings(Duration.ofMillis(100), Duration.ofMillis(800), 5),
            reports::add);
    printer.start();
  }

  private void socat() throws Exception {
    socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + tty, "tcp:127.0.0.1:" + printerPort)
            .redirectErrorStream(true)
            .start();
    await("the pty", () -> Files.exists(tty));
  }

  @AfterEach
  void stop() throws Exception {
    printer.close();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    socat.destroy();
    socat.waitFor(3, TimeUnit.SECONDS);
    simulator.close();
  }

  @Test
  void aReceiptPrintsOverTheSerialPortAndThePrinterComesBackAfterThePortWentAway()
      throws Exception {
    await("ready", () -> state() == PrinterState.READY);
    ReceiptPrint receipt =
        new ReceiptPrint(
            "Demo Car Park",
            "exit-1",
            "粤B12345",
            "CARD-1",
            Instant.parse("2027-01-09T05:00:00Z"),
            Instant.parse("2027-01-09T06:30:00Z"),
            List.of(),
            new TariffRef(3, "city-centre", "城区收费标准", "1a2b3c4d5e6f7a8b"),
            Money.of(1100, "CNY"),
            Money.of(2000, "CNY"),
            Money.of(900, "CNY"),
            Tender.CASH,
            "cashier1",
            "demo-000001",
            "https://demo.example/r/demo-000001",
            "7F3A9C",
            false);
    printer.print("receipt", ReceiptLayout.render(receipt, ZoneId.of("Asia/Shanghai")));
    ReceiptPrinter paper = simulator.booths().get(0).printer();
    await("printed", () -> paper.documents().size() == 1);
    List<String> lines = paper.documents().get(0).lines().stream().map(Printed.Line::text).toList();
    assertTrue(lines.contains("车牌 Plate: 粤B12345"), lines.toString());
    assertTrue(lines.contains("入场 Entry: 2027-01-09 13:00:00"), lines.toString());
    assertTrue(lines.contains("实收 Tendered: 20.00 CNY"), lines.toString());
    assertTrue(lines.contains("找零 Change: 9.00 CNY"), lines.toString());
    assertTrue(lines.contains("收费标准 Tariff: v3 city-centre 1a2b3c4d"), lines.toString());
    assertEquals(List.of("7F3A9C"), paper.documents().get(0).qrCodes());
    await("drawer kicked", () -> paper.drawerKicks() == 1);

    socat.destroy();
    socat.waitFor(3, TimeUnit.SECONDS);
    await("offline", () -> state() == PrinterState.OFFLINE);
    paper.closeDrawer();
    socat();
    await("back", () -> state() == PrinterState.READY);
  }

  private PrinterState state() {
    return reports.isEmpty() ? null : reports.get(reports.size() - 1).state();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
