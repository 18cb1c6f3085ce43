package org.parkgate.simulator.scenario;

import java.time.Duration;

/**
 * When a step's offset has come. The timeline only ever asks "wait until offset T", so running it
 * on another clock is another pacer: today's waits in real time; an accelerated or stepped clock
 * shared with the controller and the simulator (issue 17, later part) advances that clock to T
 * instead of sleeping.
 */
interface Pacer {
  /** Returns once {@code offset} from the start has come. */
  void awaitOffset(Duration offset) throws InterruptedException;

  /** How far the run is from its start. */
  Duration elapsed();

  /** Real time, from the moment it is made. */
  static Pacer realTime() {
    long start = System.nanoTime();
    return new Pacer() {
      @Override
      public void awaitOffset(Duration offset) throws InterruptedException {
        long left;
        while ((left = offset.toNanos() - (System.nanoTime() - start)) > 0) {
          java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
        }
      }

      @Override
      public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
      }
    };
  }
}
