package org.parkgate.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.site.SiteConfig;

/** The console refuses, before opening anything, a controller link that would be unprotected. */
class ConsoleTransportTest {
  @TempDir Path dir;

  @Test
  void plainWsToAHostOffLoopbackIsRefusedNamingTheKey() {
    String message =
        refused(
            new SiteConfig.ConsoleSettings(
                "127.0.0.1", 0, "ws://10.20.30.40:7200/console", null, false, false, dir));
    assertTrue(message.contains("console.plainOffLoopback"), message);
    assertTrue(message.contains("wss://"), message);
  }

  @Test
  void wssWithoutAFingerprintIsRefusedNamingTheKey() {
    String message =
        refused(
            new SiteConfig.ConsoleSettings(
                "127.0.0.1", 0, "wss://127.0.0.1:7200/console", null, false, false, dir));
    assertTrue(message.contains("console.controllerFingerprint"), message);
  }

  @Test
  void theOptionTakesAFingerprintAndChecksIt() throws Exception {
    Path site = dir.resolve("site.yaml");
    Files.writeString(site, "site: {}\n");
    String hex = "ab".repeat(32);
    ConsoleOptions o =
        ConsoleOptions.parse(
            new String[] {"--site", site.toString(), "--controller-fingerprint", "sha256:" + hex});
    assertTrue(o.controllerFingerprint().endsWith(hex));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ConsoleOptions.parse(
                    new String[] {
                      "--site", site.toString(), "--controller-fingerprint", "sha256:abc"
                    }));
    assertTrue(e.getMessage().startsWith("--controller-fingerprint"), e.getMessage());
  }

  private String refused(SiteConfig.ConsoleSettings settings) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CashierConsole.start(
                    TestConsole.demoSite(), settings, "booth-test", FakeController.CREDENTIAL));
    assertFalse(Files.exists(dir.resolve("console")), "refused before anything was made");
    return e.getMessage();
  }
}
