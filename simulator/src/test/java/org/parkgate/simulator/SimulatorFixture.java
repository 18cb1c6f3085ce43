package org.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.site.SiteConfigLoader;

/** Starts a simulator on free loopback ports before each test and stops it after. */
abstract class SimulatorFixture {
  static final Duration TRAVEL = Duration.ofMillis(150);
  static final Duration DWELL = Duration.ofMillis(100);

  @TempDir Path dir;
  TestSite site;
  Simulator simulator;
  ControlClient control;

  @BeforeEach
  void startSimulator() throws Exception {
    // Free ports are picked before they are bound, so another process on the machine can take
    // one in between: pick again rather than fail a test on someone else's port.
    for (int attempt = 1; ; attempt++) {
      site = new TestSite(dir, TRAVEL.toMillis() + "ms");
      try {
        simulator = Simulator.start(SiteConfigLoader.load(site.file), DWELL);
        break;
      } catch (StartupException e) {
        if (attempt == 3 || !e.getMessage().contains("already in use")) {
          throw e;
        }
      }
    }
    control = new ControlClient(site.controlPort);
  }

  @AfterEach
  void stopSimulator() {
    if (simulator != null) {
      simulator.close();
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
