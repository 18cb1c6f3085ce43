package org.parkgate.controller.site;

import java.time.Instant;
import org.parkgate.controller.ledger.Incidents;

/** Records an incident, at the time it was reported, and tells the consoles. */
final class FileIncident implements LaneHandler<LaneRequest.IncidentReport, Void> {
  private final Incidents incidents;

  FileIncident(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public Class<LaneRequest.IncidentReport> type() {
    return LaneRequest.IncidentReport.class;
  }

  @Override
  public Void handle(LaneRequest.IncidentReport r, Instant now) {
    incidents.record(r.lane(), r.kind(), r.card(), r.plate(), r.detail(), r.at());
    return null;
  }
}
