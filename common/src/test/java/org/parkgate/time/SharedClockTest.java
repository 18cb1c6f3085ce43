package org.parkgate.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedClockTest {
  @TempDir Path dir;

  private static final Instant START = Instant.parse("2026-03-28T21:00:00Z");

  private static void near(Instant expected, Instant actual) {
    Duration off = Duration.between(expected, actual).abs();
    assertTrue(off.compareTo(Duration.ofSeconds(5)) < 0, expected + " vs " + actual);
  }

  @Test
  void aReaderSeesTheStartAndEveryJumpTheWriterMakes() throws IOException {
    Path file = dir.resolve("clock");
    SharedClock writer = SharedClock.create(file, START);
    SharedClock reader = SharedClock.open(file);
    near(START, reader.instant());

    writer.advanceTo(START.plus(Duration.ofHours(3)));
    near(START.plus(Duration.ofHours(3)), reader.instant());
    assertEquals(1, reader.jumps());

    // Never back: a time already passed changes nothing.
    writer.advanceTo(START);
    near(START.plus(Duration.ofHours(3)), reader.instant());
    assertEquals(1, reader.jumps());
  }

  @Test
  void betweenJumpsItRunsAtTheSystemClocksRate() throws Exception {
    SharedClock clock = SharedClock.create(dir.resolve("clock"), START);
    Instant a = clock.instant();
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 50_000_000L) {
      Thread.onSpinWait();
    }
    Duration moved = Duration.between(a, clock.instant());
    assertTrue(moved.toMillis() >= 40 && moved.toMillis() < 2_000, moved.toString());
  }

  @Test
  void anAcceleratedClockRunsItsRateBetweenJumps() throws Exception {
    Path file = dir.resolve("clock");
    SharedClock writer = SharedClock.create(file, START, 600);
    SharedClock reader = SharedClock.open(file);
    assertEquals(600, reader.rate());
    Instant a = reader.instant();
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 100_000_000L) {
      Thread.onSpinWait();
    }
    // 0.1 s of real time is a minute of the site's, give or take the machine's scheduling.
    Duration moved = Duration.between(a, reader.instant());
    assertTrue(moved.toSeconds() >= 55 && moved.toSeconds() < 1_200, moved.toString());
    writer.advanceTo(START.plus(Duration.ofDays(2)));
    Duration past = Duration.between(START.plus(Duration.ofDays(2)), reader.instant());
    assertTrue(!past.isNegative() && past.toMinutes() < 10, past.toString());
    assertEquals(
        "a clock's rate is 1 to 3600, not 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> SharedClock.create(dir.resolve("other"), START, 0))
            .getMessage());
  }

  @Test
  void listenersHearOfAJump() throws Exception {
    Path file = dir.resolve("clock");
    SharedClock writer = SharedClock.create(file, START);
    SharedClock reader = SharedClock.open(file);
    CountDownLatch heard = new CountDownLatch(1);
    reader.onJump(heard::countDown);
    writer.advanceTo(START.plus(Duration.ofDays(1)));
    assertTrue(heard.await(10, TimeUnit.SECONDS), "no jump heard");
  }

  @Test
  void aReaderCannotMoveTheClock() throws IOException {
    Path file = dir.resolve("clock");
    SharedClock.create(file, START);
    SharedClock reader = SharedClock.open(file);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> reader.advanceTo(START.plusSeconds(60)));
    assertEquals("this process reads the shared clock; it cannot move it", e.getMessage());
  }

  @Test
  void aMissingOrForeignFileIsNamed() throws IOException {
    assertEquals(
        "no such file",
        assertThrows(IOException.class, () -> SharedClock.open(dir.resolve("none"))).getMessage());
    Path other = dir.resolve("other");
    Files.writeString(other, "not a clock at all, but forty bytes long", StandardCharsets.US_ASCII);
    assertEquals(
        "not a clock file (it does not start with PGCLOCK2)",
        assertThrows(IOException.class, () -> SharedClock.open(other)).getMessage());
    Path small = dir.resolve("small");
    Files.writeString(small, "PGCLOCK2", StandardCharsets.US_ASCII);
    assertEquals(
        "not a clock file (8 bytes, a clock file has 40)",
        assertThrows(IOException.class, () -> SharedClock.open(small)).getMessage());
  }

  @Test
  void aProcessWithoutThePropertyKeepsTheSystemClock() {
    String before = System.clearProperty(SharedClock.PROPERTY);
    try {
      assertEquals(Clock.systemUTC(), SharedClock.forProcess());
      System.setProperty(SharedClock.PROPERTY, dir.resolve("none").toString());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, SharedClock::forProcess);
      assertEquals(
          "clock file " + dir.resolve("none") + " (-Dparkgate.clock): no such file",
          e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(SharedClock.PROPERTY);
      } else {
        System.setProperty(SharedClock.PROPERTY, before);
      }
    }
  }

  @Test
  void anotherJavaProcessReadsTheSameTime() throws Exception {
    Path file = dir.resolve("clock");
    SharedClock writer = SharedClock.create(file, START);
    writer.advanceTo(START.plus(Duration.ofDays(30)));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-D" + SharedClock.PROPERTY + "=" + file,
                SharedClock.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    near(START.plus(Duration.ofDays(30)), Instant.parse(out));
  }
}
