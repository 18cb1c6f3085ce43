package org.parkgate.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.console.CashierConsole;
import org.parkgate.console.FakeController;
import org.parkgate.console.TestConsole;
import org.parkgate.site.SiteConfig;
import org.parkgate.tls.Fingerprint;
import org.parkgate.tls.PinnedTrustManager;

/** console.https: the booth over HTTPS with its own certificate and a Secure session cookie. */
class BoothHttpsTest {
  @TempDir Path dir;
  private FakeController controller;
  private CashierConsole console;

  @AfterEach
  void stop() {
    if (console != null) {
      console.close();
    }
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  void overHttpsTheSessionCookieIsSecureAndTheCertificateIsKept() throws Exception {
    controller = new FakeController();
    console = start(true);
    Fingerprint booth = console.boothCertificate();
    Path keystore = dir.resolve("console").resolve(BoothTls.KEYSTORE);
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));

    HttpResponse<String> r = loginOnceLinked(pinned(booth), "https", console.httpPort());
    assertEquals(303, r.statusCode());
    String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertTrue(setCookie.startsWith("PGSESSION="), setCookie);
    assertTrue(setCookie.contains("; Secure"), setCookie);
    assertTrue(setCookie.contains("HTTPOnly") || setCookie.contains("HttpOnly"), setCookie);

    console.close();
    console = start(true);
    assertEquals(booth, console.boothCertificate(), "the same certificate after a restart");
  }

  @Test
  void aClientPinningAnotherCertificateRefusesTheBooth() throws Exception {
    controller = new FakeController();
    console = start(true);
    Fingerprint other = new Fingerprint("11".repeat(32));
    SSLHandshakeException e =
        assertThrows(
            SSLHandshakeException.class, () -> login(pinned(other), "https", console.httpPort()));
    assertTrue(PinnedTrustManager.mismatchIn(e).isPresent(), e.toString());
  }

  @Test
  void plainHttpStaysTheDefaultWithoutSecure() throws Exception {
    controller = new FakeController();
    console = start(false);
    assertEquals(null, console.boothCertificate());
    HttpResponse<String> r =
        loginOnceLinked(HttpClient.newBuilder().build(), "http", console.httpPort());
    String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertFalse(setCookie.contains("Secure"), setCookie);
    assertFalse(Files.exists(dir.resolve("console").resolve(BoothTls.KEYSTORE)));
  }

  private CashierConsole start(boolean https) throws Exception {
    SiteConfig.ConsoleSettings settings =
        new SiteConfig.ConsoleSettings(
            "127.0.0.1", 0, controller.url(), null, false, https, dir.resolve("console"));
    return CashierConsole.start(
        TestConsole.demoSite(), settings, "booth-https", FakeController.CREDENTIAL);
  }

  private static HttpClient pinned(Fingerprint pin) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new PinnedTrustManager(pin)}, null);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Logs in as soon as the console's link to the controller is up (503 until then). */
  private static HttpResponse<String> loginOnceLinked(HttpClient http, String scheme, int port)
      throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (true) {
      HttpResponse<String> r = login(http, scheme, port);
      if (r.statusCode() != 503 || System.nanoTime() > deadline) {
        return r;
      }
      Thread.onSpinWait();
    }
  }

  private static HttpResponse<String> login(HttpClient http, String scheme, int port)
      throws Exception {
    String form =
        "username=cashier1&password=" + URLEncoder.encode("cashier1-demo", StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
