package org.parkgate.controller;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.fee.TariffException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes tariff versions published while the controller runs ({@code ./parking tariff publish}):
 * asks the ledger every second on a connection of its own, never on the lanes' ledger thread. A
 * version that cannot be taken is logged once and the versions in force stay.
 */
final class TariffWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TariffWatch.class);

  /** How often the ledger is asked for new versions. */
  static final long CHECK_MILLIS = 1000;

  private final ScheduledExecutorService timer;
  private String lastProblem;

  private TariffWatch(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static TariffWatch start(TariffBook book) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tariff watch");
              t.setDaemon(true);
              return t;
            });
    TariffWatch watch = new TariffWatch(timer);
    timer.scheduleWithFixedDelay(
        () -> watch.check(book), CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    return watch;
  }

  private void check(TariffBook book) {
    try {
      for (TariffBook.Edition e : book.refresh()) {
        log.info(
            "tariff {} ({}) published by {}, in force from {}",
            e.ref().label(),
            e.ref().name(),
            e.publishedBy(),
            e.inForceFrom());
      }
      lastProblem = null;
    } catch (TariffException | RuntimeException e) {
      String problem = e.getMessage();
      if (!problem.equals(lastProblem)) {
        log.error("a published tariff could not be taken; the versions in force stay: {}", problem);
        lastProblem = problem;
      }
    }
  }

  /** Logs the version in force at start. */
  static void announce(TariffBook book, java.time.Instant now) {
    TariffBook.Edition e = book.at(now);
    log.info(
        "tariff {} ({}) in force since {}, published by {}",
        e.ref().label(),
        e.ref().name(),
        e.inForceFrom(),
        e.publishedBy());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
