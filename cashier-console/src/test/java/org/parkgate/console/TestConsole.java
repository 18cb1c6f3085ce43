package org.parkgate.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
   * Asserts that the console has sent the controller no command since {@code controller.received}
   * was last emptied. The console's commands travel in order over its one link, so once a login
   * made after them has reached the controller, anything sent before it has too: no waiting for a
   * fixed time.
   */
  public static void assertNothingSent(CashierConsole console, FakeController controller)
      throws Exception {
    String user = "finance" + BARRIERS.incrementAndGet();
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.httpPort() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + user + "&password=" + user + "-demo"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
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
