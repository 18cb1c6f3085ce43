package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.wire.FrameTesting;

/** The packaged jar as a user runs it: ready line, control interface, clean stop on SIGTERM. */
class SimulatorProcessIT {
  private static final Path JAR = Path.of("target", "simulator.jar");

  @TempDir Path dir;

  /**
   * Starts the jar with its output in files: a full pipe can never block it, and destroying the
   * process (which closes its pipes) loses nothing.
   */
  private Process start(String... args) throws Exception {
    return start(Map.of(), args);
  }

  private Process start(Map<String, String> env, String... args) throws Exception {
    assertTrue(Files.exists(JAR), "build the jar first: " + JAR.toAbsolutePath());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    return builder
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
    try (ServerSocket taken =
        new ServerSocket(site.entryCard, 1, InetAddress.getLoopbackAddress())) {
      Process p = start("--site", site.file.toString());
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          fail("simulator kept running with its port taken");
        }
        assertEquals(1, p.exitValue());
        String err = stderr();
        assertTrue(
            err.contains(
                "simulator: port "
                    + site.entryCard
                    + " is already in use: entry-1 card unit wanted"),
            err);
      } finally {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void withPtyEachDeviceIsReachableThroughItsPty() throws Exception {
    TestSite site = new TestSite(dir, "100ms");
    Path ptys = dir.resolve("tty");
    Process p = start("--site", site.file.toString(), "--pty", ptys.toString());
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!stdout().contains("simulator ready")) {
        assertTrue(p.isAlive(), "simulator exited: " + stderr());
        assertTrue(System.nanoTime() < deadline, "no ready line within 15 s");
        Thread.sleep(50);
      }
      Path barrier = ptys.resolve("entry-1-barrier").toAbsolutePath();
      assertTrue(
          stdout().contains("pty " + barrier + " -> tcp://127.0.0.1:" + site.entryBarrier + "\n"),
          stdout());
      try (FileChannel tty =
          FileChannel.open(barrier, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        tty.write(ByteBuffer.wrap(FrameTesting.hex("01 02 00 00 00 05 B8 09")));
        Future<String> reply =
            reader.submit(
                () -> {
                  ByteBuffer in = ByteBuffer.allocate(6);
                  while (in.hasRemaining() && tty.read(in) >= 0) {
                    // a pty delivers what socat has so far
                  }
                  return FrameTesting.hex(Arrays.copyOf(in.array(), in.position()));
                });
        assertEquals(
            "01 02 01 08 A0 4E", reply.get(5, TimeUnit.SECONDS), "the closed barrier's inputs");
      }
      Path camera = ptys.resolve("entry-1-camera").toAbsolutePath();
      assertTrue(
          stdout().contains("pty " + camera + " -> tcp://127.0.0.1:" + site.entryCamera + "\n"),
          stdout());
      try (FileChannel tty =
          FileChannel.open(camera, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        // a heartbeat from the controller ("entry-1"), answered by the camera's own ("entry-1")
        tty.write(
            ByteBuffer.wrap(
                FrameTesting.hex("02 48 30 30 37 65 6E 74 72 79 2D 31 45 46 46 34 03")));
        Future<String> reply =
            reader.submit(
                () -> {
                  ByteBuffer in = ByteBuffer.allocate(17);
                  while (in.hasRemaining() && tty.read(in) >= 0) {
                    // a pty delivers what socat has so far
                  }
                  return FrameTesting.hex(Arrays.copyOf(in.array(), in.position()));
                });
        assertEquals(
            "02 48 30 30 37 65 6E 74 72 79 2D 31 45 46 46 34 03",
            reply.get(5, TimeUnit.SECONDS),
            "the camera's heartbeat");
      }
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
      p.destroyForcibly();
      reader.shutdownNow();
    }
  }

  @Test
  void ptyWithoutSocatExitsNonZeroSayingSo() throws Exception {
    TestSite site = new TestSite(dir, "100ms");
    Process p =
        start(
            Map.of("PATH", dir.toString()),
            "--site",
            site.file.toString(),
            "--pty",
            dir.resolve("tty").toString());
    try {
      assertTrue(p.waitFor(15, TimeUnit.SECONDS));
      assertEquals(1, p.exitValue());
      assertEquals(
          "simulator: --pty needs socat, which is not installed (apt-get install socat)",
          stderr().strip());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void badArgumentsExitWithStatus2() throws Exception {
    Process p = start("--sight", "x");
    try {
      assertTrue(p.waitFor(15, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue());
      assertEquals("simulator: unknown argument '--sight' (try --help)", stderr().strip());
    } finally {
      p.destroyForcibly();
    }
  }
}
