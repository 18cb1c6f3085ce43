package org.parkgate.controller;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parkgate.controller.ledger.Anchors;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.site.SiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the chain head on the ledger thread when an anchor is due ({@link Anchors#signIfDue}):
 * checked every few seconds, never on a payment's path.
 */
final class AnchorSchedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AnchorSchedule.class);

  /** How often the schedule asks whether an anchor is due. */
  static final long CHECK_SECONDS = 5;

  private final ScheduledExecutorService timer;

  private AnchorSchedule(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static AnchorSchedule start(
      Ledger ledger, SiteConfig.Anchoring rules, Clock clock, Executor ledgerThread) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "anchor timer");
              t.setDaemon(true);
              return t;
            });
    Anchors anchors = new Anchors(ledger);
    timer.scheduleWithFixedDelay(
        () ->
            ledgerThread.execute(
                () -> {
                  try {
                    anchors
                        .signIfDue(rules.every(), rules.everyPayments(), clock.instant())
                        .ifPresent(
                            a ->
                                log.debug(
                                    "signed anchor no. {} at chain link {}",
                                    a.anchorNo(),
                                    a.chainLink()));
                  } catch (RuntimeException e) {
                    log.error("signing the chain head failed; will try again", e);
                  }
                }),
        CHECK_SECONDS,
        CHECK_SECONDS,
        TimeUnit.SECONDS);
    return new AnchorSchedule(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
