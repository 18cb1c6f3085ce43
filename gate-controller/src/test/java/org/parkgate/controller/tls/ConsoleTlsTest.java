package org.parkgate.controller.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Welcome;
import org.parkgate.config.ConfigException;
import org.parkgate.controller.GateController;
import org.parkgate.tls.Fingerprint;
import org.parkgate.tls.PinnedTrustManager;

/** The console API over TLS on loopback, against real sockets. */
class ConsoleTlsTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir Path dir;

  @Test
  void aClientPinningTheControllersCertificateIsWelcomedOverWss() throws Exception {
    int port = freePort();
    try (GateController controller = start(site(port, "tls: on"))) {
      assertTrue(controller.consoleUrl().startsWith("wss://"), controller.consoleUrl());
      BlockingQueue<ApiMessage> received = new LinkedBlockingQueue<>();
      WebSocket ws =
          client(controller.consoleCertificate())
              .newWebSocketBuilder()
              .buildAsync(URI.create("wss://127.0.0.1:" + port + "/console"), listener(received))
              .get(10, TimeUnit.SECONDS);
      String credential = enrol("booth-tls");
      ws.sendText(
              ApiJson.write(new ConsoleCommand.Hello("hello-1", "booth-tls", credential, 0)), true)
          .get(5, TimeUnit.SECONDS);

      Welcome welcome = assertInstanceOf(Welcome.class, received.poll(10, TimeUnit.SECONDS));
      assertEquals("tls", welcome.siteId());
      ws.abort();
    }
  }

  @Test
  void aClientPinningAnotherCertificateRefusesTheController() throws Exception {
    int port = freePort();
    try (GateController controller = start(site(port, "tls: on"))) {
      Fingerprint other = new Fingerprint("00".repeat(32));
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  client(other)
                      .newWebSocketBuilder()
                      .buildAsync(
                          URI.create("wss://127.0.0.1:" + port + "/console"),
                          listener(new LinkedBlockingQueue<>()))
                      .get(10, TimeUnit.SECONDS));
      PinnedTrustManager.Mismatch m = PinnedTrustManager.mismatchIn(e).orElseThrow();
      assertEquals(controller.consoleCertificate(), m.presented());
      assertEquals(other, m.expected());
    }
  }

  @Test
  void aPlainWsClientGetsNoWebSocketFromATlsController() throws Exception {
    int port = freePort();
    try (GateController controller = start(site(port, "tls: on"))) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  HttpClient.newHttpClient()
                      .newWebSocketBuilder()
                      .buildAsync(
                          URI.create("ws://127.0.0.1:" + port + "/console"),
                          listener(new LinkedBlockingQueue<>()))
                      .get(10, TimeUnit.SECONDS));
      assertInstanceOf(java.io.IOException.class, e.getCause(), e.toString());
    }
  }

  @Test
  void theKeystoreIsMadeOwnerOnlyAndKeptAcrossRestarts() throws Exception {
    Path site = site(freePort(), "tls: on");
    Path keystore = dir.resolve("data").resolve(ConsoleTls.KEYSTORE);
    assertFalse(Files.exists(keystore));
    Fingerprint first;
    try (GateController controller = start(site)) {
      first = controller.consoleCertificate();
    }
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
    try (GateController controller = start(site)) {
      assertEquals(first, controller.consoleCertificate());
    }
  }

  @Test
  void onLoopbackTlsIsOffByDefaultAndTheDemoStaysPlainWs() throws Exception {
    try (GateController controller = start(site(freePort(), "pollInterval: 50ms"))) {
      assertTrue(controller.consoleUrl().startsWith("ws://127.0.0.1:"), controller.consoleUrl());
    }
  }

  @Test
  void plainWsOnANonLoopbackAddressIsRefusedAtStartNamingTheKeys() throws Exception {
    Path site = site(freePort(), "bind: 0.0.0.0, tls: off");
    ConfigException e = assertThrows(ConfigException.class, () -> start(site));
    assertTrue(e.getMessage().contains("controller.tls"), e.getMessage());
    assertTrue(e.getMessage().contains("controller.plainOffLoopback"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("data")), "nothing was opened");
  }

  /** Enrols a console in the controller's ledger, as ./parking consoles add does. */
  private String enrol(String consoleId) {
    try (org.parkgate.controller.ledger.Ledger ledger =
        org.parkgate.controller.ledger.Ledger.open(dir.resolve("data/ledger.db"), "tls")) {
      return org.parkgate.controller.auth.ConsoleCredentials.enrol(
          ledger, consoleId, "test", java.time.Instant.now());
    }
  }

  private GateController start(Path site) throws Exception {
    return GateController.start(site, dir.resolve("data"), Clock.systemUTC());
  }

  private Path site(int port, String controllerKeys) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "site: {id: tls, zone: Asia/Shanghai, currency: CNY, tariff: '"
                + ROOT.resolve("config/tariffs/demo-hourly.yaml")
                + "'}",
            "lanes:",
            "  - {id: entry-1, kind: entry, barrier: {address: 'local:tls-b'},",
            "     cardReader: {address: 'local:tls-c'}, display: {address: 'local:tls-d'}}",
            "controller: {consolePort: " + port + ", " + controllerKeys + "}",
            ""));
    return file;
  }

  private static HttpClient client(Fingerprint pin) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new PinnedTrustManager(pin)}, null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(3)).build();
  }

  private static WebSocket.Listener listener(BlockingQueue<ApiMessage> received) {
    StringBuilder partial = new StringBuilder();
    return new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try {
            received.add(ApiJson.read(partial.toString()));
          } catch (ApiJson.BadMessageException e) {
            throw new AssertionError(partial.toString(), e);
          }
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }
    };
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
