package org.parkgate.controller;

import java.time.Instant;
import org.parkgate.controller.ledger.Anchors;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SelfCheck;
import org.parkgate.site.IncidentKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before any lane runs: the ledger checked from its last signed anchor to the head
 * ({@link SelfCheck}). Good: the head is signed ("start"). Bad: a {@code LEDGER_CHECK_FAILED}
 * incident naming the first bad entry, which sounds on every booth; nothing is signed over it, and
 * the controller runs on, since lanes must still let vehicles out and the evidence is kept.
 */
final class LedgerStartCheck {
  private static final Logger log = LoggerFactory.getLogger(LedgerStartCheck.class);

  /** Where incidents about the ledger itself are recorded: no lane. */
  static final String LANE = "controller";

  private LedgerStartCheck() {}

  static SelfCheck.Outcome run(Ledger ledger, Instant now) {
    long started = System.nanoTime();
    SelfCheck.Outcome outcome = SelfCheck.sinceLastAnchor(ledger);
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (outcome.ok()) {
      log.info(
          "ledger checked from chain link {} to {} in {} ms: good",
          outcome.fromLink(),
          outcome.head(),
          ms);
      new Anchors(ledger).sign("start", now);
    } else {
      String problem = outcome.problem().get();
      log.error("LEDGER CHECK FAILED at start: {}", problem);
      new Incidents(ledger)
          .record(
              LANE,
              IncidentKind.LEDGER_CHECK_FAILED,
              null,
              null,
              org.parkgate.api.Said.of("启动时账本校验失败：" + problem, "at start: " + problem),
              now);
    }
    return outcome;
  }
}
