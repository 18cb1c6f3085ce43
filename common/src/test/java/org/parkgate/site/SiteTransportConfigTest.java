package org.parkgate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.config.ConfigException;
import org.parkgate.tls.Fingerprint;

/** controller.tls, controller.plainOffLoopback and the console's transport keys. */
class SiteTransportConfigTest {
  private static final String SITE =
      "site: {id: s, zone: Asia/Shanghai, currency: CNY, tariff: t.yaml}\n"
          + "lanes:\n"
          + "  - {id: x, kind: exit, barrier: {address: 'tcp://h:1'}, cardReader: {address:"
          + " 'tcp://h:2'}, display: {address: 'tcp://h:3'}}\n";
  private static final String HEX = "ab".repeat(32);

  @TempDir Path dir;

  @Test
  void onLoopbackTheDefaultsArePlainWsAndHttpAsTheDemoNeeds() throws Exception {
    SiteConfig site = load(SITE);
    assertEquals(TlsMode.AUTO, site.controller().tls());
    assertFalse(site.controller().consoleTls());
    assertEquals("ws://127.0.0.1:7200/console", site.console().controllerUrl());
    assertNull(site.console().controllerFingerprint());
    assertFalse(site.console().https());
    assertFalse(site.console().plainOffLoopback());
    assertEquals(site.controller().dataDir().resolve("console"), site.console().dataDir());
  }

  @Test
  void autoMeansTlsOffLoopbackAndTheDefaultConsoleUrlFollows() throws Exception {
    SiteConfig site = load(SITE + "controller: {bind: 0.0.0.0}\n");
    assertTrue(site.controller().consoleTls());
    assertEquals("wss://127.0.0.1:7200/console", site.console().controllerUrl());
    assertTrue(load(SITE + "controller: {tls: on}\n").controller().consoleTls());
  }

  @Test
  void plainWsOffLoopbackIsRefusedNamingTheKeysUnlessAllowed() throws Exception {
    String message = error(SITE + "controller: {bind: 0.0.0.0, tls: off}\n");
    assertTrue(message.contains("controller.tls"), message);
    assertTrue(message.contains("controller.plainOffLoopback"), message);
    assertTrue(message.contains("0.0.0.0"), message);
    SiteConfig allowed =
        load(SITE + "controller: {bind: 0.0.0.0, tls: off, plainOffLoopback: true}\n");
    assertFalse(allowed.controller().consoleTls());
    assertTrue(allowed.controller().plainOffLoopback());
  }

  @Test
  void theConsoleKeysAreRead() throws Exception {
    SiteConfig site =
        load(
            SITE
                + "console: {controllerUrl: 'wss://10.0.0.5:7200/console', controllerFingerprint:"
                + " 'SHA256:"
                + HEX.toUpperCase(java.util.Locale.ROOT)
                + "', https: true, plainOffLoopback: false, dataDir: booth}\n");
    assertEquals(new Fingerprint(HEX), site.console().controllerFingerprint());
    assertTrue(site.console().https());
    assertEquals(dir.resolve("booth"), site.console().dataDir());
  }

  @Test
  void badValuesAreNamed() throws Exception {
    assertEquals(
        "site.yaml: controller.tls: 'maybe' is not one of auto, on, off",
        error(SITE + "controller: {tls: maybe}\n"));
    assertEquals(
        "site.yaml: console.https: 'yes please' is not true or false",
        error(SITE + "console: {https: yes please}\n"));
    assertEquals(
        "site.yaml: console.controllerFingerprint: 'sha256:abc' is not a fingerprint"
            + " sha256:<64 hex digits>",
        error(SITE + "console: {controllerFingerprint: 'sha256:abc'}\n"));
  }

  private SiteConfig load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return SiteConfigLoader.load(file);
  }

  private String error(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file))
        .getMessage()
        .replace(file.toString(), "site.yaml");
  }
}
