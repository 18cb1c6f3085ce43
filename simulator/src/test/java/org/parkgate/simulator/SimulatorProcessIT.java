package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it: ready line, control interface, clean stop on SIGTERM. */
class SimulatorProcessIT {
  private static final Path JAR = Path.of("target", "simulator.jar");

  @TempDir Path dir;

  /**
   * Starts the jar with its output in files: a full pipe can never block it, and destroying the
   * process (which closes its pipes) loses nothing.
   */
  private Process start(String... args) throws Exception {
    assertTrue(Files.exists(JAR), "build the jar first: " + JAR.toAbsolutePath());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
  }

  private String stderr() throws Exception {
    return Files.readString(dir.resolve("stderr.txt"));
  }

  private String stdout() throws Exception {
    return Files.readString(dir.resolve("stdout.txt"));
  }

  @Test
  void startsReadyServesAndStopsCleanlyOnSigterm() throws Exception {
    TestSite site = new TestSite(dir, "100ms");
    Process p = start("--site", site.file.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!stdout().contains("simulator ready")) {
        assertTrue(p.isAlive(), "simulator exited: " + stderr());
        assertTrue(System.nanoTime() < deadline, "no ready line within 15 s");
        Thread.sleep(50);
      }
      assertEquals(200, new ControlClient(site.controlPort).get("/lanes").status());

      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "simulator did not stop on SIGTERM");
      assertTrue(stdout().endsWith("simulator stopped\n"), stdout());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aPortInUseExitsNonZeroWithOneLineNamingIt() throws Exception {
    TestSite site = new TestSite(dir, "100ms");
    try (ServerSocket taken = new ServerSocket(site.entryCard, 1, InetAddress.getLoopbackAddress())) {
      Process p = start("--site", site.file.toString());
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          fail("simulator kept running with its port taken");
        }
        assertEquals(1, p.exitValue());
        String err = stderr();
        assertTrue(
            err.contains("simulator: port " + site.entryCard + " is already in use: entry-1 card unit wanted"), err);
      } finally {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void badArgumentsExitWithStatus2() throws Exception {
    Process p = start("--sight", "x");
    try {
      assertTrue(p.waitFor(15, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue());
      assertEquals(
          "simulator: unknown argument '--sight' (try --help)",
          stderr().strip());
    } finally {
      p.destroyForcibly();
    }
  }
}
