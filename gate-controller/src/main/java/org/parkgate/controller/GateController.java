package org.parkgate.controller;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.parkgate.config.ConfigException;
import org.parkgate.controller.auth.AccountsStart;
import org.parkgate.controller.command.CommandPipeline;
import org.parkgate.controller.console.ConsoleChannelInitializer;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.device.DeviceLinks;
import org.parkgate.controller.device.LaneDevices;
import org.parkgate.controller.device.link.LinkStatus;
import org.parkgate.controller.device.modbus.ModbusBuses;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.Anchors;
import org.parkgate.controller.ledger.ControllerLock;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SiteKey;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.controller.tls.ConsoleTls;
import org.parkgate.fee.TariffException;
import org.parkgate.fee.TariffLoader;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;
import org.parkgate.tls.Fingerprint;
import org.parkgate.tls.TlsIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One car park's controller: its lanes, their devices, the ledger and the console API. */
public final class GateController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GateController.class);

  private final SiteConfig site;
  private final Ledger ledger;
  private final ExecutorService ledgerThread;
  private final EventLoopGroup io;
  private final List<DeviceLinks> devices = new ArrayList<>();
  private final ModbusBuses buses = new ModbusBuses();
  private final SiteService service;
  private final ExecutorService passwordChecks;
  private final CommandPipeline pipeline;
  private Channel consoleServer;
  private Fingerprint consoleCertificate;
  private ClosureSchedule closures;
  private AnchorSchedule anchors;
  private TariffWatch tariffWatch;
  private org.parkgate.controller.central.Replicator central;
  private ControllerLock lock;
  private final Clock clock;
  private SiteKey siteKey;

  private GateController(SiteConfig site, Ledger ledger, TariffBook tariffs, Clock clock) {
    this.clock = clock;
    this.site = site;
    this.ledger = ledger;
    this.ledgerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "ledger"));
    this.io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    this.service = new SiteService(site, tariffs, ledger, clock, ledgerThread, new ConsoleHub());
    // Password checks are slow on purpose: one thread, a short queue, never the ledger thread.
    this.passwordChecks =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(16),
            r -> {
              Thread t = new Thread(r, "password-check");
              t.setDaemon(true);
              return t;
            });
    this.pipeline =
        new CommandPipeline(service, clock, site.controller().sessions(), passwordChecks);
  }

  /**
   * Loads the site and its tariff, opens the ledger, serves the console API and connects every
   * lane's devices.
   *
   * @param dataDir where the ledger lives, or null for the site file's {@code controller.dataDir}
   */
  public static GateController start(Path siteFile, Path dataDir, Clock clock)
      throws ConfigException, TariffException {
    SiteConfig site = SiteConfigLoader.load(siteFile);
    // Refused before the ledger is touched: a broken tariff file names itself, and so does a
    // broken journal layout (read again at each report, so an edit needs no restart).
    TariffLoader.load(site.tariff());
    try {
      org.parkgate.controller.report.JournalLayout.at(site.controller().journalLayout());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(siteFile + ": controller.journalLayout: " + e.getMessage());
    }
    Path data = dataDir != null ? dataDir : site.controller().dataDir();
    ControllerLock lock = ControllerLock.take(data.resolve("ledger.db"));
    Ledger ledger;
    try {
      ledger = Ledger.open(data.resolve("ledger.db"), site.id());
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    SiteKey siteKey;
    try {
      siteKey = SiteKey.loadOrCreate(data);
    } catch (RuntimeException e) {
      ledger.close();
      lock.close();
      throw new StartupException(e.getMessage(), e);
    }
    ledger.signWith(siteKey);
    LedgerStartCheck.run(ledger, clock.instant());
    EntryReconciliation.run(ledger, site, clock.instant());
    try {
      AccountsStart.ensure(ledger, data.resolve("console").resolve("users.yaml"), clock.instant());
    } catch (java.io.IOException e) {
      ledger.close();
      lock.close();
      throw new StartupException("accounts: " + e.getMessage(), e);
    }
    TariffBook tariffs;
    try {
      tariffs = TariffBook.open(ledger, site.tariff(), clock.instant());
    } catch (TariffException | RuntimeException e) {
      ledger.close();
      lock.close();
      throw e;
    }
    TariffWatch.announce(tariffs, clock.instant());
    GateController controller = new GateController(site, ledger, tariffs, clock);
    controller.lock = lock;
    try {
      controller.serveConsoles(data);
      controller.connectLanes();
      controller.closures = ClosureSchedule.start(ledger, site, clock, controller.ledgerThread);
      controller.anchors =
          AnchorSchedule.start(ledger, site.controller().anchors(), clock, controller.ledgerThread);
      controller.siteKey = siteKey;
      controller.tariffWatch = TariffWatch.start(tariffs);
      if (site.controller().central() != null) {
        controller.central =
            org.parkgate.controller.central.Replicator.start(
                ledger, site.id(), site.controller().central(), clock);
        if (controller.central.arrears() != null) {
          controller.service.exits().showArrearsFrom(controller.central.arrears());
        }
      }
    } catch (RuntimeException e) {
      controller.close();
      throw e;
    }
    return controller;
  }

  /** How shipping the ledger to head office goes, or null when the site does not. */
  public org.parkgate.controller.central.Replicator.Status centralStatus() {
    return central == null ? null : central.status();
  }

  /** The site's public key, for auditors to keep off the box ({@code ./parking verify --key}). */
  public String sitePublicKey() {
    return siteKey.publicKeyText();
  }

  public String consoleUrl() {
    return (site.controller().consoleTls() ? "wss://" : "ws://")
        + site.controller().bindHost()
        + ":"
        + site.controller().consolePort()
        + ConsoleChannelInitializer.PATH;
  }

  /**
   * The fingerprint of the console API's certificate, which consoles pin; the certificate exists
   * even while TLS is off, so it can be pinned before TLS is switched on.
   */
  public Fingerprint consoleCertificate() {
    return consoleCertificate;
  }

  public SiteService service() {
    return service;
  }

  public CommandPipeline pipeline() {
    return pipeline;
  }

  /** The demo accounts still on their published passwords, to print as a reminder at start. */
  public List<AccountsStart.DemoLogin> demoLoginsInUse() {
    return AccountsStart.demoLoginsInUse(ledger);
  }

  private void serveConsoles(Path data) {
    String host = site.controller().bindHost();
    int port = site.controller().consolePort();
    SslContext tls;
    try {
      TlsIdentity identity = ConsoleTls.identity(site, data);
      consoleCertificate = identity.fingerprint();
      log.info("console API certificate {}", consoleCertificate);
      tls = site.controller().consoleTls() ? ConsoleTls.serverContext(identity) : null;
    } catch (IOException e) {
      throw new StartupException(
          "console API certificate "
              + data.resolve(ConsoleTls.KEYSTORE)
              + " cannot be used: "
              + e.getMessage(),
          e);
    }
    try {
      consoleServer =
          new ServerBootstrap()
              .group(io)
              .channel(NioServerSocketChannel.class)
              .childHandler(new ConsoleChannelInitializer(pipeline, tls))
              .bind(host, port)
              .sync()
              .channel();
    } catch (Exception e) {
      String why =
          e instanceof BindException
              ? "is already in use"
              : "cannot be opened (" + e.getMessage() + ")";
      throw new StartupException("console API port " + host + ":" + port + " " + why, e);
    }
  }

  private void connectLanes() {
    for (LaneConfig lane : site.lanes()) {
      LaneRunner runner = service.addLane(lane, io.next());
      DeviceLinks laneDevices =
          DeviceLinks.connect(lane, runner, site.controller().pollInterval(), service, buses);
      runner.attach(laneDevices);
      devices.add(laneDevices);
    }
    service.publishOccupancy();
    service.restoreLaneModes().join();
  }

  /** Every device link now: connected or not, frames in and out, bad frames, bytes dropped. */
  public List<LinkStatus> linkStatus() {
    List<LinkStatus> all = new ArrayList<>(buses.status());
    devices.forEach(d -> all.addAll(d.status()));
    return all;
  }

  @Override
  public void close() {
    log.info("controller stopping");
    if (closures != null) {
      closures.close();
    }
    if (central != null) {
      central.close();
    }
    if (tariffWatch != null) {
      tariffWatch.close();
    }
    if (anchors != null) {
      anchors.close();
    }
    if (consoleServer != null) {
      consoleServer.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    // A clean stop is not a power loss: the lanes stop listening before their devices close.
    service.lanes().values().forEach(LaneRunner::stop);
    devices.forEach(LaneDevices::close);
    buses.close();
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    passwordChecks.shutdownNow();
    pipeline.close();
    ledgerThread.shutdown();
    try {
      ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      // What was written since the last anchor is signed before the ledger closes.
      new Anchors(ledger).sign("stop", clock.instant());
    } catch (RuntimeException e) {
      log.error("signing the chain head at stop failed", e);
    }
    ledger.close();
    if (lock != null) {
      lock.close();
    }
    log.info("controller stopped");
  }
}
