package org.parkgate.controller;

import java.time.Instant;
import java.util.List;
import org.parkgate.api.Said;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.SiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before any lane runs: each stay whose entry was recorded but whose vehicle was never
 * seen passing the barrier (the controller stopped or was killed during the entry) is named once as
 * an {@code ENTRY_NOT_PASSED} incident at its lane, on every booth, for a supervisor to settle: a
 * vehicle not inside has its card reset, which closes the stay; one inside leaves as usual. The
 * stay is not closed here: the controller cannot tell whether the vehicle drove in as it stopped.
 */
final class EntryReconciliation {
  private static final Logger log = LoggerFactory.getLogger(EntryReconciliation.class);

  private EntryReconciliation() {}

  static List<Stay> run(Ledger ledger, SiteConfig site, Instant now) {
    List<String> entryLanes =
        site.lanes().stream().filter(l -> l.kind() == LaneKind.ENTRY).map(l -> l.id()).toList();
    Incidents incidents = new Incidents(ledger);
    List<Stay> named =
        new Stays(ledger)
            .neverSeenPassing(entryLanes).stream()
                .filter(
                    s ->
                        !incidents.recorded(IncidentKind.ENTRY_NOT_PASSED, s.card(), s.enteredAt()))
                .toList();
    for (Stay s : named) {
      log.warn(
          "{}: stay {} (card {}) entered at {} was never seen passing the barrier",
          s.entryLane(),
          s.stayId(),
          s.card(),
          s.enteredAt());
      incidents.record(
          s.entryLane(),
          IncidentKind.ENTRY_NOT_PASSED,
          s.card(),
          null,
          Said.of(
              "停车记录 "
                  + s.stayId()
                  + " 于 "
                  + s.enteredAt()
                  + " 入场，未见车辆通过道闸（入场时控制器停止）：车辆不在场内时请重置该卡以结束记录",
              "stay "
                  + s.stayId()
                  + " entered at "
                  + s.enteredAt()
                  + " was never seen passing the barrier (the controller stopped during the"
                  + " entry): if the vehicle is not inside, reset its card to close the stay"),
          now);
    }
    return named;
  }
}
