package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.site.SiteConfigLoader;

class StartupTest {
  @TempDir Path dir;

  @Test
  void aPortInUseStopsTheStartNamingThePortAndTheDeviceAndReleasesTheRest() throws Exception {
    TestSite site = new TestSite(dir, "100ms");
    try (ServerSocket taken =
        new ServerSocket(site.exitDisplay, 1, InetAddress.getLoopbackAddress())) {
      StartupException e =
          assertThrows(
              StartupException.class,
              () -> Simulator.start(SiteConfigLoader.load(site.file), Duration.ZERO));
      assertEquals(
          "port "
              + site.exitDisplay
              + " is already in use: exit-1 display wanted tcp://127.0.0.1:"
              + site.exitDisplay,
          e.getMessage());
    }
    // Everything bound before the failure was released: a second start succeeds.
    Simulator.start(SiteConfigLoader.load(site.file), Duration.ZERO).close();
  }

  @Test
  void theControlPortInUseIsNamedToo() throws Exception {
    TestSite site = new TestSite(dir, "100ms");
    try (ServerSocket taken =
        new ServerSocket(site.controlPort, 1, InetAddress.getLoopbackAddress())) {
      StartupException e =
          assertThrows(
              StartupException.class,
              () -> Simulator.start(SiteConfigLoader.load(site.file), Duration.ZERO));
      assertEquals(
          "port "
              + site.controlPort
              + " is already in use: the control interface (simulator.controlPort) wanted 127.0.0.1:"
              + site.controlPort,
          e.getMessage());
    }
  }

  @Test
  void badArgumentsGiveAOneLineReason() {
    assertEquals(
        "--site FILE is required (try --help)",
        assertThrows(IllegalArgumentException.class, () -> Arguments.parse(new String[0]))
            .getMessage());
    assertEquals(
        "--dwell 'soon' is not a duration like 300ms or 2s",
        assertThrows(
                IllegalArgumentException.class,
                () -> Arguments.parse(new String[] {"--site", "a", "--dwell", "soon"}))
            .getMessage());
    assertEquals(
        Duration.ofSeconds(2),
        Arguments.parse(new String[] {"--site", "a", "--dwell", "2s"}).dwell());
    assertEquals(
        "--card-seed 'x1' is not a whole number",
        assertThrows(
                IllegalArgumentException.class,
                () -> Arguments.parse(new String[] {"--site", "a", "--card-seed", "x1"}))
            .getMessage());
    assertEquals(
        "--wire-log needs a value (try --help)",
        assertThrows(
                IllegalArgumentException.class,
                () -> Arguments.parse(new String[] {"--site", "a", "--wire-log"}))
            .getMessage());
    Arguments a =
        Arguments.parse(new String[] {"--site", "a", "--card-seed", "-7", "--wire-log", "w.jsonl"});
    assertEquals(-7L, a.cardSeed());
    assertEquals(java.nio.file.Path.of("w.jsonl"), a.wireLog());
  }
}
