package org.parkgate.console;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.parkgate.console.auth.Sessions;
import org.parkgate.console.booth.BoothDesks;
import org.parkgate.console.booth.BoothState;
import org.parkgate.console.booth.BrowserHub;
import org.parkgate.console.http.BoothTls;
import org.parkgate.console.http.HttpInitializer;
import org.parkgate.console.http.HttpServices;
import org.parkgate.console.link.ControllerLink;
import org.parkgate.console.link.ControllerTls;
import org.parkgate.console.printer.BoothPrinter;
import org.parkgate.console.printer.PrinterSettings;
import org.parkgate.console.printer.ReceiptOutput;
import org.parkgate.site.BoothConfig;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.SiteConfig;
import org.parkgate.tls.Fingerprint;
import org.parkgate.tls.Loopback;
import org.parkgate.tls.TlsIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running console: the booth UI server plus the link to the controller. */
public final class CashierConsole implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CashierConsole.class);

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ControllerLink link;
  private final Channel server;
  private final Sessions sessions;
  private final Fingerprint boothCertificate;
  private final BoothPrinter printer;

  private CashierConsole(
      EventLoopGroup boss,
      EventLoopGroup workers,
      ControllerLink link,
      Channel server,
      Sessions sessions,
      Fingerprint boothCertificate,
      BoothPrinter printer) {
    this.boss = boss;
    this.workers = workers;
    this.link = link;
    this.server = server;
    this.sessions = sessions;
    this.boothCertificate = boothCertificate;
    this.printer = printer;
  }

  /**
   * Starts serving and connecting. {@code settings} wins over the site file's console section
   * (tests use port 0 and a stub controller).
   *
   * @throws IllegalArgumentException when the settings would send the controller link in clear off
   *     loopback, or ask for {@code wss://} without a pinned fingerprint
   */
  public static CashierConsole start(
      SiteConfig site, SiteConfig.ConsoleSettings settings, String consoleId, String credential)
      throws IOException {
    return start(
        site,
        settings,
        consoleId,
        credential,
        site.booth(consoleId).map(BoothConfig::printer).orElse(null),
        PrinterSettings.DEFAULT);
  }

  /**
   * As above, with the booth's receipt printer named: {@code printer} null for none.
   *
   * @throws IllegalArgumentException also for a printer that is neither {@code tcp://} nor {@code
   *     serial:}
   */
  public static CashierConsole start(
      SiteConfig site,
      SiteConfig.ConsoleSettings settings,
      String consoleId,
      String credential,
      DeviceAddress printerAddress,
      PrinterSettings printerSettings)
      throws IOException {
    if (printerAddress instanceof DeviceAddress.Local) {
      throw new IllegalArgumentException(
          "printer " + printerAddress + ": a printer is on tcp://host:port or serial:/dev/...");
    }
    URI controller = URI.create(settings.controllerUrl());
    ControllerTls.check(controller, settings.controllerFingerprint());
    if ("ws".equalsIgnoreCase(controller.getScheme())
        && !Loopback.is(controller.getHost())
        && !settings.plainOffLoopback()) {
      throw new IllegalArgumentException(
          "console.controllerUrl "
              + controller
              + " is plain ws to a host that is not loopback; use wss:// with"
              + " console.controllerFingerprint, or set console.plainOffLoopback: true");
    }
    SslContext https = null;
    Fingerprint boothCertificate = null;
    if (settings.https()) {
      TlsIdentity identity = BoothTls.identity(site, settings);
      boothCertificate = identity.fingerprint();
      log.info("console: booth certificate {}", boothCertificate);
      https = BoothTls.serverContext(identity);
    }
    Sessions sessions = new Sessions(org.parkgate.time.SharedClock.forMain("cashier-console"));
    BrowserHub hub = new BrowserHub(new BoothState(site));

    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ControllerLink link =
        new ControllerLink(
            controller,
            consoleId,
            credential,
            workers.next(),
            hub,
            settings.controllerFingerprint());
    BoothPrinter printer =
        printerAddress == null
            ? null
            : new BoothPrinter(printerAddress, workers.next(), printerSettings, hub::printer);
    BoothDesks desks =
        new BoothDesks(
            hub,
            link::send,
            site.name(),
            printer == null ? ReceiptOutput.NONE : ReceiptOutput.to(printer, site.zone()));
    sessions.onEnd(
        (session, why) -> {
          hub.sessionEnded(session.id());
          // The controller's session ends with the browser's, unless the controller ended it. When
          // the link is down it ends there by its own expiry; queuing it would hold up payments.
          if (why != Sessions.Ending.CONTROLLER && hub.online()) {
            desks
                .logout(session)
                .whenComplete(
                    (r, e) -> {
                      if (e != null || !r.ok()) {
                        log.info(
                            "console: logout of {} not confirmed: {}",
                            session.username(),
                            e != null ? e.getMessage() : r.error());
                      }
                    });
          }
        });
    HttpServices services =
        new HttpServices(
            site.name(),
            sessions,
            hub,
            desks,
            link::send,
            site.language(),
            site.zone(),
            site.lanes().stream().map(org.parkgate.site.LaneConfig::id).toList());
    Channel server;
    try {
      server =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .childHandler(new HttpInitializer(services, https))
              .bind(settings.bindHost(), settings.httpPort())
              .sync()
              .channel();
    } catch (Exception e) {
      shutdown(boss, workers);
      if (e instanceof BindException) {
        throw new PortInUseException(settings.bindHost(), settings.httpPort(), e);
      }
      throw new IOException(
          "cannot listen on "
              + settings.bindHost()
              + ":"
              + settings.httpPort()
              + ": "
              + e.getMessage(),
          e);
    }
    link.start();
    if (printer != null) {
      log.info("console: receipt printer {}", printerAddress);
      printer.start();
    } else {
      log.info("console: no receipt printer for booth {}", consoleId);
    }
    return new CashierConsole(boss, workers, link, server, sessions, boothCertificate, printer);
  }

  public int httpPort() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** The booth's certificate when it serves HTTPS, else null. */
  public Fingerprint boothCertificate() {
    return boothCertificate;
  }

  public Sessions sessions() {
    return sessions;
  }

  public ControllerLink link() {
    return link;
  }

  @Override
  public void close() {
    log.info("console: stopping");
    server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    if (printer != null) {
      printer.close();
    }
    link.stop().orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    shutdown(boss, workers);
  }

  private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
    // No quiet period: a booth restart should be quick, and nothing is left to flush.
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
