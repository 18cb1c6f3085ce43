package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.ShiftSheet;
import org.parkgate.site.IncidentKind;

/**
 * Incidents resolved with a note (what was done about a tailgater, a stuck barrier...), once each,
 * by the person whose session resolved it: a chained row written with the event that announces it.
 * A shift cannot close while an incident raised on its booth's lanes since it opened is unresolved.
 */
public final class IncidentResolutions {
  /** A resolution as recorded. */
  public record Resolution(
      long incidentNo, String lane, IncidentKind kind, String note, String by, Instant at) {}

  private final Ledger ledger;

  public IncidentResolutions(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The incident numbered {@code incidentNo}, if there is one. */
  public Optional<Incidents.Incident> incident(long incidentNo) {
    return ledger.first(
        "SELECT incident_id, kind, lane, card, plate, detail, at FROM incidents"
            + " WHERE incident_id = ?",
        IncidentResolutions::incident,
        incidentNo);
  }

  /** Who resolved incident {@code incidentNo} and when, if it was. */
  public Optional<Resolution> resolution(long incidentNo) {
    return ledger.first(
        "SELECT r.incident_id, i.lane, i.kind, r.note, r.resolved_by, r.resolved_at"
            + " FROM incident_resolutions r JOIN incidents i ON i.incident_id = r.incident_id"
            + " WHERE r.incident_id = ?",
        r ->
            new Resolution(
                r.getLong(1),
                r.getString(2),
                IncidentKind.valueOf(r.getString(3)),
                r.getString(4),
                r.getString(5),
                Instant.parse(r.getString(6))),
        incidentNo);
  }

  /**
   * Records the resolution of an incident and its {@link ConsoleEvent.IncidentResolved}, inside the
   * caller's transaction. The caller checked that the incident exists and is unresolved.
   */
  public Resolution resolve(
      String requestId,
      Incidents.Incident incident,
      String note,
      String by,
      String console,
      Instant at) {
    return ledger.inTransaction(
        () -> {
          LedgerRows.update(
              ledger.connection(),
              "INSERT INTO incident_resolutions(incident_id, note, resolved_by, console_id,"
                  + " request_id, resolved_at) VALUES (?, ?, ?, ?, ?, ?)",
              incident.id(),
              note,
              by,
              console,
              requestId,
              at);
          HashChain.append(ledger.connection(), ChainedTable.INCIDENT_RESOLUTIONS, incident.id());
          ledger.appendEvent(
              incident.lane(),
              seq ->
                  new ConsoleEvent.IncidentResolved(
                      seq, at, incident.lane(), incident.id(), note, by));
          return new Resolution(
              incident.id(), incident.lane(), IncidentKind.valueOf(incident.kind()), note, by, at);
        });
  }

  /** The incidents raised at or after {@code since} with no resolution yet, oldest first. */
  public List<Incidents.Incident> unresolvedSince(Instant since) {
    return ledger.list(
        "SELECT incident_id, kind, lane, card, plate, detail, at FROM incidents i"
            + " WHERE CAST(strftime('%s', at) AS INTEGER) >= ?"
            + " AND NOT EXISTS (SELECT 1 FROM incident_resolutions r"
            + " WHERE r.incident_id = i.incident_id) ORDER BY incident_id",
        IncidentResolutions::incident, since.getEpochSecond());
  }

  /**
   * The incidents raised from {@code from} to {@code to} (both inclusive, to the second) at lanes
   * {@code covered} accepts, with their resolutions, for a shift's report.
   */
  static List<ShiftSheet.ResolvedIncident> during(
      Connection db, Instant from, Instant to, java.util.function.Predicate<String> covered)
      throws SQLException {
    return LedgerRows.list(
            db,
            "SELECT i.incident_id, i.kind, i.lane, i.at, i.detail, r.note, r.resolved_by,"
                + " r.resolved_at FROM incidents i LEFT JOIN incident_resolutions r"
                + " ON r.incident_id = i.incident_id"
                + " WHERE CAST(strftime('%s', i.at) AS INTEGER) >= ?"
                + " AND CAST(strftime('%s', i.at) AS INTEGER) <= ? ORDER BY i.incident_id",
            r ->
                new ShiftSheet.ResolvedIncident(
                    r.getLong(1),
                    IncidentKind.valueOf(r.getString(2)),
                    r.getString(3),
                    Instant.parse(r.getString(4)),
                    r.getString(5),
                    r.getString(6),
                    r.getString(7),
                    r.getString(8) == null ? null : Instant.parse(r.getString(8))),
            from.getEpochSecond(),
            to.getEpochSecond())
        .stream()
        .filter(i -> covered.test(i.lane()))
        .toList();
  }

  private static Incidents.Incident incident(java.sql.ResultSet r) throws SQLException {
    return new Incidents.Incident(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        Instant.parse(r.getString(7)));
  }
}
