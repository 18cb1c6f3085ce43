package org.parkgate.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.time.SharedClock;

class PacerTest {
  @TempDir Path dir;

  private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

  @Test
  void aQuietRunJumpsTheSharedClockToTheStep() throws Exception {
    SharedClock clock = SharedClock.create(dir.resolve("clock"), START);
    SharedClock process = SharedClock.open(dir.resolve("clock"));
    Pacer pacer = Pacer.stepped(clock, START, () -> true);

    long t0 = System.nanoTime();
    pacer.awaitOffset(Duration.ofHours(9));
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "it slept");
    Duration seen = Duration.between(START, process.instant());
    assertTrue(
        seen.compareTo(Duration.ofHours(9)) >= 0
            && seen.compareTo(Duration.ofHours(9).plusSeconds(5)) < 0,
        seen.toString());
    assertEquals(1, process.jumps());
    // An offset already passed is not waited for and moves nothing.
    pacer.awaitOffset(Duration.ofHours(1));
    assertEquals(1, process.jumps());
  }

  @Test
  void whileSomethingIsUnderWayTheClockRunsInRealTimeUntilItIsQuiet() throws Exception {
    SharedClock clock = SharedClock.create(dir.resolve("clock"), START);
    AtomicBoolean quiet = new AtomicBoolean(false);
    Pacer pacer = Pacer.stepped(clock, START, quiet::get);
    Thread t =
        new Thread(
            () -> {
              try {
                pacer.awaitOffset(Duration.ofHours(2));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    t.join(300);
    assertTrue(t.isAlive(), "it jumped while a step was acting");
    assertEquals(0, clock.jumps());
    quiet.set(true);
    t.join(10_000);
    assertTrue(!t.isAlive(), "it never jumped once quiet");
    assertEquals(1, clock.jumps());
    assertTrue(pacer.elapsed().compareTo(Duration.ofHours(2)) >= 0, pacer.elapsed().toString());
  }
}
