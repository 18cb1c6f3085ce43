package org.parkgate.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * Starts a real console on an ephemeral loopback port, linked to a {@link FakeController} and
 * enrolled with it.
 */
public final class TestConsole {
  private static final AtomicInteger BARRIERS = new AtomicInteger(100);

  private TestConsole() {}

  /**
   * Posts the sign-in form of the console on {@code httpPort} as a browser does, with {@code user}
   * and {@code password}; the answer is the console's (303 and a cookie when it let them in).
   */
  public static HttpResponse<String> signIn(int httpPort, String user, String password)
      throws IOException, InterruptedException {
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie ("name=value") of a sign-in the console let through. */
  public static String cookie(HttpResponse<?> signedIn) {
    String setCookie =
        signedIn
            .headers()
            .firstValue("set-cookie")
            .orElseThrow(
                () ->
                    new AssertionError(
                        "sign-in refused: " + signedIn.statusCode() + " " + signedIn.body()));
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  /**
   * Asserts that the console has sent the controller no command since {@code controller.received}
   * was last emptied. The console's commands travel in order over its one link, so once a login
   * made after them has reached the controller, anything sent before it has too: no waiting for a
   * fixed time.
   */
  public static void assertNothingSent(CashierConsole console, FakeController controller)
      throws Exception {
    String user = "finance" + BARRIERS.incrementAndGet();
    signIn(console.httpPort(), user, user + "-demo");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      ConsoleCommand c = controller.logins.poll(100, TimeUnit.MILLISECONDS);
      if (c instanceof ConsoleCommand.Login login && login.username().equals(user)) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the console's login of " + user + " never reached the controller");
      }
    }
    assertTrue(controller.received.isEmpty(), "sent to the controller: " + controller.received);
  }

  public static SiteConfig demoSite() {
    try {
      return SiteConfigLoader.load(Path.of("../config/sites/demo.yaml"));
    } catch (Exception e) {
      throw new IllegalStateException("the demo site must load", e);
    }
  }

  public static CashierConsole start(FakeController controller) throws IOException {
    SiteConfig.ConsoleSettings settings =
        new SiteConfig.ConsoleSettings("127.0.0.1", 0, controller.url());
    return CashierConsole.start(demoSite(), settings, "booth-test", FakeController.CREDENTIAL);
  }
}
