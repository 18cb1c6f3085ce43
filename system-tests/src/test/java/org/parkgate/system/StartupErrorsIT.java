package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every process refuses a bad start with one line that says what is wrong, and exits non-zero. */
class StartupErrorsIT {
  @TempDir Path dir;

  private static void assertRefused(RunningProcess p, String expected) throws Exception {
    int code = p.waitFor(Duration.ofSeconds(30));
    assertTrue(code != 0, p + " exited 0; output:\n" + p.output());
    assertTrue(
        p.output().contains(expected),
        p + " should say '" + expected + "'; output:\n" + p.output());
  }

  @Test
  void aPortAlreadyInUseIsNamed() throws Exception {
    SystemFixture system = new SystemFixture(dir, "demo-hourly.yaml");
    try (ServerSocket taken =
            new ServerSocket(system.consolePort, 50, java.net.InetAddress.getLoopbackAddress());
        ServerSocket takenHttp =
            new ServerSocket(system.httpPort, 50, java.net.InetAddress.getLoopbackAddress());
        ServerSocket takenControl =
            new ServerSocket(system.controlPort, 50, java.net.InetAddress.getLoopbackAddress())) {
      assertRefused(
          RunningProcess.startJar(
              "controller-port",
              dir,
              SystemFixture.jar("gate-controller"),
              "--site",
              system.site.toString()),
          "console API port 127.0.0.1:" + system.consolePort + " is already in use");
      assertRefused(
          RunningProcess.startJar(
              "console-port",
              dir,
              SystemFixture.jar("cashier-console"),
              "--site",
              system.site.toString()),
          String.valueOf(system.httpPort));
      assertRefused(
          RunningProcess.startJar(
              "simulator-port",
              dir,
              SystemFixture.jar("simulator"),
              "--site",
              system.site.toString()),
          String.valueOf(system.controlPort));
    }
  }

  @Test
  void aBadSiteFileIsNamedWithThePlaceInIt() throws Exception {
    Path site = dir.resolve("bad.yaml");
    Files.writeString(
        site, "site: {id: x, zone: Nowhere/Town, currency: CNY, tariff: t.yaml}\nlanes: []\n");
    for (String module : List.of("gate-controller", "cashier-console", "simulator")) {
      assertRefused(
          RunningProcess.startJar(
              module + "-site", dir, SystemFixture.jar(module), "--site", site.toString()),
          "site.zone: 'Nowhere/Town' is not a time zone");
    }
  }

  @Test
  void unknownArgumentsAreRefused() throws Exception {
    for (String module : List.of("gate-controller", "cashier-console", "simulator")) {
      RunningProcess p =
          RunningProcess.startJar(module + "-args", dir, SystemFixture.jar(module), "--sight", "x");
      assertRefused(p, "--sight");
    }
  }

  @Test
  void theFeeCommandPrintsJsonAndRefusesBadArguments() throws Exception {
    Path root = SystemFixture.ROOT;
    RunningProcess ok =
        RunningProcess.start(
            "fee",
            dir,
            List.of(
                root.resolve("parking").toString(),
                "fee",
                "--tariff",
                root.resolve("config/tariffs/shanghai-indoor-1.yaml").toString(),
                "--entry",
                "2027-01-09T10:00",
                "--exit",
                "2027-01-09T12:01"));
    assertEquals(0, ok.waitFor(Duration.ofSeconds(60)), ok.output());
    assertTrue(ok.output().contains("\"total\":\"11.00\""), ok.output());
    RunningProcess bad =
        RunningProcess.start(
            "fee-bad",
            dir,
            List.of(
                root.resolve("parking").toString(),
                "fee",
                "--tariff",
                root.resolve("config/tariffs/shanghai-indoor-1.yaml").toString(),
                "--entry",
                "yesterday"));
    assertTrue(bad.waitFor(Duration.ofSeconds(60)) != 0, bad.output());
  }
}
