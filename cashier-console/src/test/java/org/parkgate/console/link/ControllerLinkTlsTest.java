package org.parkgate.console.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.console.FakeController;
import org.parkgate.money.Money;
import org.parkgate.tls.Fingerprint;
import org.parkgate.tls.SelfSignedKeyStore;
import org.parkgate.tls.TlsIdentity;

/** The controller link over wss: it talks only to the controller whose certificate it pins. */
class ControllerLinkTlsTest {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ControllerLinkTest.Recorder recorder = new ControllerLinkTest.Recorder();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  @TempDir Path dir;
  private TlsIdentity identity;
  private ControllerLink link;

  @BeforeEach
  void makeCertificate() throws Exception {
    identity = identity("controller");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (link != null) {
      link.stop().get(5, TimeUnit.SECONDS);
    }
    for (AutoCloseable c : cleanup) {
      c.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void pinningTheControllersCertificateTheLinkIsWelcomedAndMessagesRoundTrip() throws Exception {
    FakeController controller = tlsController();
    controller.publish(entry(1));
    connect(URI.create(controller.url()), identity.fingerprint());

    assertEquals(
        0, assertInstanceOf(ConsoleCommand.Hello.class, controller.nextCommand()).afterSeq());
    assertEquals(List.of(1L), recorder.seqs(1));
    var result =
        link.send(
            new ConsoleCommand.RecordCashPayment(
                "pay-tls-1", "tok-cashier1", "exit-1", 7, Money.of(1100, "CNY")));
    CommandResult r = result.get(10, TimeUnit.SECONDS);
    assertTrue(r.ok(), r.toString());
    assertEquals(List.of(2L), recorder.seqs(1), "the payment's event came back over the link");
  }

  @Test
  void pinningAnotherCertificateTheLinkRefusesTheControllerAndSendsNothing() throws Exception {
    FakeController controller = tlsController();
    Fingerprint other = identity("impostor").fingerprint();
    connect(URI.create(controller.url()), other);

    String reason = awaitDown(d -> d.contains("presented certificate"));
    assertTrue(reason.contains(identity.fingerprint().toString()), reason);
    assertTrue(reason.contains(other.toString()), reason);
    awaitDown(d -> d.contains("presented certificate")); // retried, refused again
    link.send(
        new ConsoleCommand.RecordCashPayment(
            "pay-tls-2", "tok-cashier1", "exit-1", 7, Money.of(500, "CNY")));
    awaitDown(d -> d.contains("presented certificate")); // a waiting command changes nothing

    assertEquals(0, controller.inbound.get(), "not one byte of HTTP or WebSocket reached it");
    assertTrue(controller.received.isEmpty());
  }

  @Test
  void aPlainWsLinkGetsNowhereWithATlsController() throws Exception {
    FakeController controller = tlsController();
    connect(URI.create("ws://127.0.0.1:" + controller.port() + "/console"), null);

    awaitDown(d -> true);
    awaitDown(d -> true);
    assertEquals(0, controller.inbound.get(), "the TLS side decoded nothing from it");
    assertTrue(controller.received.isEmpty());
  }

  @Test
  void wssWithoutAPinnedFingerprintIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ControllerLink(
                    URI.create("wss://127.0.0.1:7200/console"),
                    "booth-test",
                    FakeController.CREDENTIAL,
                    group.next(),
                    recorder,
                    null));
    assertTrue(e.getMessage().contains("console.controllerFingerprint"), e.getMessage());
  }

  private String awaitDown(java.util.function.Predicate<String> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String reason = recorder.downs.poll(100, TimeUnit.MILLISECONDS);
      if (reason != null) {
        if (wanted.test(reason)) {
          return reason;
        }
        seen.add(reason);
      }
    }
    throw new AssertionError("the link never reported the expected failure; it said " + seen);
  }

  private FakeController tlsController() throws Exception {
    SslContext tls =
        SslContextBuilder.forServer(identity.key(), identity.certificate())
            .sslProvider(SslProvider.JDK)
            .protocols("TLSv1.3", "TLSv1.2")
            .build();
    FakeController c = new FakeController(0, java.util.Map.of("tok-cashier1", "cashier1"), tls);
    cleanup.add(c);
    return c;
  }

  private void connect(URI uri, Fingerprint pin) {
    link =
        new ControllerLink(
            uri,
            "booth-test",
            FakeController.CREDENTIAL,
            group.next(),
            recorder,
            pin,
            Duration.ofMillis(50),
            Duration.ofMillis(200));
    link.start();
  }

  private TlsIdentity identity(String name) throws Exception {
    return SelfSignedKeyStore.loadOrCreate(dir.resolve(name + ".p12"), "demo", List.of());
  }

  private static java.util.function.LongFunction<ConsoleEvent> entry(long stayId) {
    return seq ->
        new ConsoleEvent.EntryRecorded(seq, Instant.now(), "entry-1", stayId, "CARD-" + stayId);
  }
}
