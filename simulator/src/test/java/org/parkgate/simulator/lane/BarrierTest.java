package org.parkgate.simulator.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BarrierTest {
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
  private final Barrier barrier = new Barrier("test", Duration.ofMillis(300), clock);

  @AfterEach
  void stop() {
    clock.shutdownNow();
  }

  private void waitFor(Barrier.Position position, long maxMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    while (barrier.position() != position && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(position, barrier.position());
  }

  @Test
  void anOpenCommandIsStampedWithTheWallClockEvenWhenTheArmCannotMove() {
    Instant at = Instant.parse("2026-12-06T09:14:03.218Z");
    Barrier stamped =
        new Barrier("test", Duration.ofMillis(300), clock, Clock.fixed(at, ZoneOffset.UTC));
    assertNull(stamped.openCommandAt(), "no open command yet");
    stamped.setFault(true);
    stamped.open();
    assertEquals(at, stamped.openCommandAt());
    assertEquals(Barrier.Position.CLOSED, stamped.position());
  }

  @Test
  void reversedEarlyItReturnsInAboutTheTimeItTravelled() throws Exception {
    barrier.open();
    Thread.sleep(60);
    barrier.close();
    assertEquals(Barrier.Position.CLOSING, barrier.position());
    assertTrue(barrier.closeCoil());
    assertFalse(barrier.openCoil());
    long start = System.nanoTime();
    waitFor(Barrier.Position.CLOSED, 1000);
    assertTrue(
        System.nanoTime() - start < Duration.ofMillis(250).toNanos(),
        "took the full travel to return");
    assertFalse(barrier.closeCoil());
  }

  @Test
  void aFaultFreezesTheArmAndIgnoresCommandsAndClearingItResumes() throws Exception {
    barrier.open();
    Thread.sleep(100);
    barrier.setFault(true);
    Thread.sleep(400);
    assertEquals(Barrier.Position.OPENING, barrier.position());
    barrier.close();
    assertEquals(Barrier.Position.OPENING, barrier.position());
    barrier.setFault(false);
    assertEquals(Barrier.Position.OPENING, barrier.position(), "frozen time is not travel");
    waitFor(Barrier.Position.OPEN, 1000);
  }

  @Test
  void theArmIsPartWayUpWhileItMovesAndStaysWhereAFaultStopsIt() throws Exception {
    assertEquals(0, barrier.openFraction());
    barrier.open();
    long deadline = System.currentTimeMillis() + 1000;
    while (barrier.openFraction() < 0.2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    barrier.setFault(true);
    double stuck = barrier.openFraction();
    assertTrue(stuck >= 0.2 && stuck < 1, "part-way up: " + stuck);
    Thread.sleep(400); // longer than the whole travel
    assertEquals(stuck, barrier.openFraction(), 1e-9, "a frozen arm stays where it stopped");
    barrier.setFault(false);
    waitFor(Barrier.Position.OPEN, 1000);
    assertEquals(1, barrier.openFraction());
    barrier.close();
    assertTrue(barrier.openFraction() > 0.5, "just started down");
    waitFor(Barrier.Position.CLOSED, 1000);
    assertEquals(0, barrier.openFraction());
  }

  @Test
  void openingAnOpenBarrierChangesNothing() throws Exception {
    barrier.open();
    waitFor(Barrier.Position.OPEN, 1000);
    barrier.open();
    assertEquals(Barrier.Position.OPEN, barrier.position());
    assertTrue(barrier.openLimit());
  }

  @Test
  void anArmHeldUpByHandRisesIgnoresTheCloseAndComesDownWhenLetGo() throws Exception {
    barrier.close(); // the controller's last word: down
    barrier.setHeld(true);
    waitFor(Barrier.Position.OPEN, 1000);
    assertTrue(barrier.openLimit());
    assertFalse(barrier.openCoil(), "no open command moved it");
    barrier.close();
    Thread.sleep(400);
    assertEquals(Barrier.Position.OPEN, barrier.position(), "held: the close does not move it");
    barrier.setHeld(false);
    waitFor(Barrier.Position.CLOSED, 1000);
  }

  @Test
  void letGoAfterAnOpenCommandTheArmStaysUp() throws Exception {
    barrier.setHeld(true);
    waitFor(Barrier.Position.OPEN, 1000);
    barrier.open();
    barrier.setHeld(false);
    Thread.sleep(400);
    assertEquals(Barrier.Position.OPEN, barrier.position());
  }
}
