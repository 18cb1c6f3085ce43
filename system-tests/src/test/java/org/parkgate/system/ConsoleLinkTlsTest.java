package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Welcome;
import org.parkgate.console.link.ControllerLink;
import org.parkgate.console.link.LinkListener;
import org.parkgate.controller.GateController;
import org.parkgate.tls.Fingerprint;

/** The real controller's TLS console API and the real console link, in one process, on loopback. */
class ConsoleLinkTlsTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir Path dir;
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Recorder recorder = new Recorder();
  private GateController controller;
  private ControllerLink link;

  @AfterEach
  void stop() throws Exception {
    if (link != null) {
      link.stop().get(5, TimeUnit.SECONDS);
    }
    if (controller != null) {
      controller.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aLinkPinningTheControllersCertificateIsWelcomedAndACommandRoundTrips() throws Exception {
    start();
    connect(controller.consoleCertificate());

    Welcome welcome = recorder.ups.poll(10, TimeUnit.SECONDS);
    assertTrue(welcome != null, "welcomed over wss; link said " + recorder.downs);
    assertEquals("tls-site", welcome.siteId());
    CommandResult login =
        link.send(new ConsoleCommand.Login("login-1", "cashier1", "cashier1-demo", "127.0.0.1"))
            .get(10, TimeUnit.SECONDS);
    String session = ((org.parkgate.api.Answer.LoggedIn) login.answer()).session();
    CommandResult r =
        link.send(new ConsoleCommand.FindStay("find-1", session, null, "00A1B2C3D4"))
            .get(10, TimeUnit.SECONDS);
    assertEquals(
        CommandResult.refused(
            "find-1",
            org.parkgate.api.Refusal.NOT_NOW,
            "卡号 00A1B2C3D4 没有在场车辆 · no open stay for card 00A1B2C3D4"),
        r);
  }

  @Test
  void aLinkPinningAnotherCertificateRefusesTheControllerAndSaysWhy() throws Exception {
    start();
    Fingerprint other = new Fingerprint("42".repeat(32));
    connect(other);

    String reason = recorder.awaitDown("presented certificate");
    assertTrue(reason.contains(controller.consoleCertificate().toString()), reason);
    assertTrue(reason.contains(other.toString()), reason);
    recorder.awaitDown("presented certificate");
    assertTrue(recorder.ups.isEmpty(), "never welcomed");
    assertFalse(
        link.send(new ConsoleCommand.FindStay("find-2", "no-session", null, "00A1B2C3D4")).isDone(),
        "a command waits; it is not sent to a controller that failed the pin");
  }

  private void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path site = dir.resolve("site.yaml");
    Files.writeString(
        site,
        String.join(
            "\n",
            "site: {id: tls-site, zone: Asia/Shanghai, currency: CNY, tariff: '"
                + ROOT.resolve("config/tariffs/demo-hourly.yaml")
                + "'}",
            "lanes:",
            "  - {id: exit-1, kind: exit, barrier: {address: 'local:tls-it-b'},",
            "     cardReader: {address: 'local:tls-it-c'}, display: {address: 'local:tls-it-d'}}",
            "controller: {consolePort: " + port + ", tls: on}",
            ""));
    controller = GateController.start(site, dir.resolve("data"), Clock.systemUTC());
  }

  /** Enrols a console in the controller's ledger, as ./parking consoles add does. */
  private String enrol(String consoleId) {
    try (org.parkgate.controller.ledger.Ledger ledger =
        org.parkgate.controller.ledger.Ledger.open(dir.resolve("data/ledger.db"), "tls-site")) {
      return org.parkgate.controller.auth.ConsoleCredentials.enrol(
          ledger, consoleId, "test", java.time.Instant.now());
    }
  }

  private void connect(Fingerprint pin) {
    link =
        new ControllerLink(
            URI.create(controller.consoleUrl()),
            "booth-tls",
            enrol("booth-tls"),
            group.next(),
            recorder,
            pin,
            Duration.ofMillis(50),
            Duration.ofMillis(200));
    link.start();
  }

  private static final class Recorder implements LinkListener {
    final BlockingQueue<Welcome> ups = new LinkedBlockingQueue<>();
    final BlockingQueue<String> downs = new LinkedBlockingQueue<>();

    @Override
    public void linkUp(Welcome welcome) {
      ups.add(welcome);
    }

    @Override
    public void linkDown(String reason) {
      downs.add(reason);
    }

    @Override
    public void event(ConsoleEvent event) {}

    @Override
    public void historyReset() {}

    String awaitDown(String containing) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        String reason = downs.poll(100, TimeUnit.MILLISECONDS);
        if (reason != null && reason.contains(containing)) {
          return reason;
        }
      }
      throw new AssertionError("the link never reported '" + containing + "'");
    }
  }
}
