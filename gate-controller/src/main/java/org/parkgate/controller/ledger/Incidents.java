package org.parkgate.controller.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.site.IncidentKind;

/**
 * Cheating and faults the lanes flagged, kept for finance: each one a chained row written with the
 * console event that announces it.
 */
public final class Incidents {
  /** One recorded incident; card, plate and detail may be null. */
  public record Incident(
      long id, String kind, String lane, String card, String plate, String detail, Instant at) {}

  private final Ledger ledger;

  public Incidents(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Records the incident and its {@link ConsoleEvent.Incident} in one transaction (joining the
   * caller's, if any).
   */
  public Incident record(
      String lane, IncidentKind kind, String card, String plate, String detail, Instant at) {
    return ledger.inTransaction(
        () -> {
          long id =
              ledger.insert(
                  "INSERT INTO incidents(kind, lane, card, plate, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
                  kind.name(),
                  lane,
                  card,
                  plate,
                  detail,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.INCIDENTS, id);
          ledger.appendEvent(
              lane, seq -> new ConsoleEvent.Incident(seq, at, lane, kind, card, plate, detail, id));
          return new Incident(id, kind.name(), lane, card, plate, detail, at);
        });
  }

  /**
   * Whether an incident of {@code kind} naming {@code card} was recorded at or after {@code since}.
   */
  public boolean recorded(IncidentKind kind, String card, Instant since) {
    return ledger.exists(
        "SELECT 1 FROM incidents WHERE kind = ? AND card = ?"
            + " AND CAST(strftime('%s', at) AS INTEGER) >= ? LIMIT 1",
        kind.name(), card, since.getEpochSecond());
  }

  /**
   * Whether {@code lane}'s last power incident is a POWER_LOST with no POWER_RESTORED after it: the
   * controller stopped (or was killed) while the lane had no power.
   */
  public boolean powerLostUnrestored(String lane) {
    return ledger.exists(
        "SELECT 1 FROM (SELECT kind FROM incidents WHERE lane = ?"
            + " AND kind IN ('POWER_LOST', 'POWER_RESTORED') ORDER BY incident_id DESC LIMIT 1)"
            + " WHERE kind = 'POWER_LOST'",
        lane);
  }

  /** Incidents from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
  public List<Incident> between(Instant from, Instant to) {
    // Compared as seconds: ISO texts with and without fractions do not sort as times.
    return ledger.list(
        "SELECT incident_id, kind, lane, card, plate, detail, at FROM incidents"
            + " WHERE CAST(strftime('%s', at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', at) AS INTEGER) < ? ORDER BY incident_id",
        r ->
            new Incident(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                Instant.parse(r.getString(7))),
        from.getEpochSecond(),
        to.getEpochSecond());
  }

  /** How many incidents of each kind from {@code from} to {@code to} (exclusive), by kind name. */
  public Map<String, Long> countByKind(Instant from, Instant to) {
    Map<String, Long> counts = new TreeMap<>();
    for (Incident i : between(from, to)) {
      counts.merge(i.kind(), 1L, Long::sum);
    }
    return counts;
  }
}
