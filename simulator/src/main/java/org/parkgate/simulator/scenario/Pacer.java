package org.parkgate.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.parkgate.time.SharedClock;

/**
 * When a step's offset has come. The timeline only ever asks "wait until offset T": {@link
 * #realTime} waits for it on the wall clock; {@link #stepped} moves the clock the simulator,
 * controller and console share forward to T when nothing is under way, and otherwise lets it run on
 * in real time until T comes.
 */
interface Pacer {
  /** Returns once {@code offset} from the start has come. */
  void awaitOffset(Duration offset) throws InterruptedException;

  /** How far the run is from its start. */
  Duration elapsed();

  /**
   * The shared clock, from {@code start}: an offset still ahead is jumped to as soon as {@code
   * quiet} says nothing is under way (no step acting, every lane clear with its arm down); while
   * something is, the clock runs on at its rate (real time, or faster: {@link SharedClock#rate}).
   */
  static Pacer stepped(SharedClock clock, Instant start, BooleanSupplier quiet) {
    return new Pacer() {
      @Override
      public void awaitOffset(Duration offset) throws InterruptedException {
        Instant at = start.plus(offset);
        while (true) {
          Instant now = clock.instant();
          if (!now.isBefore(at)) {
            return;
          }
          if (quiet.getAsBoolean()) {
            clock.advanceTo(at);
            return;
          }
          long left = Duration.between(now, at).toNanos() / clock.rate();
          TimeUnit.NANOSECONDS.sleep(Math.max(1, Math.min(left, LOOK_AGAIN.toNanos())));
        }
      }

      @Override
      public Duration elapsed() {
        return Duration.between(start, clock.instant());
      }
    };
  }

  /** How often a stepped pacer looks again whether the run has gone quiet. */
  Duration LOOK_AGAIN = Duration.ofMillis(20);

  /** Real time, from the moment it is made. */
  static Pacer realTime() {
    long start = System.nanoTime();
    return new Pacer() {
      @Override
      public void awaitOffset(Duration offset) throws InterruptedException {
        long left;
        while ((left = offset.toNanos() - (System.nanoTime() - start)) > 0) {
          TimeUnit.NANOSECONDS.sleep(left);
        }
      }

      @Override
      public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
      }
    };
  }
}
