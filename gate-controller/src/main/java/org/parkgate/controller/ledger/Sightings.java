package org.parkgate.controller.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * What a lane's plate camera saw of a stay's vehicle at entry and at exit, kept so the exit can be
 * checked against the entry and a balance can follow a plate.
 */
public final class Sightings {
  /** Entry or exit. */
  public enum Direction {
    ENTRY,
    EXIT;

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One sighting; plate, class and colour may each be null when the camera could not tell. */
  public record Seen(
      long stayId,
      String lane,
      Direction direction,
      String plate,
      String vehicleClass,
      String colour,
      Instant at) {}

  private final Ledger ledger;

  public Sightings(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Chains a sighting, inside the caller's transaction if there is one. */
  public void record(Seen seen) {
    ledger.inTransaction(
        () -> {
          long id =
              ledger.insert(
                  "INSERT INTO sightings(stay_id, lane, direction, plate, vehicle_class, colour, seen_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  seen.stayId(),
                  seen.lane(),
                  seen.direction().column(),
                  seen.plate(),
                  seen.vehicleClass(),
                  seen.colour(),
                  seen.at());
          HashChain.append(ledger.connection(), ChainedTable.SIGHTINGS, id);
          return null;
        });
  }

  /** The stay's first sighting in that direction, if a camera saw it. */
  public Optional<Seen> of(long stayId, Direction direction) {
    return ledger.first(
        "SELECT stay_id, lane, plate, vehicle_class, colour, seen_at FROM sightings"
            + " WHERE stay_id = ? AND direction = ? ORDER BY sighting_id LIMIT 1",
        seen(direction),
        stayId,
        direction.column());
  }

  /** The latest entry of a plate on another stay than {@code stayId}, if any. */
  public Optional<Seen> lastEntryOnOtherStay(String plate, long stayId) {
    return ledger.first(
        "SELECT stay_id, lane, plate, vehicle_class, colour, seen_at FROM sightings"
            + " WHERE plate = ? AND direction = 'entry' AND stay_id <> ?"
            + " ORDER BY sighting_id DESC LIMIT 1",
        seen(Direction.ENTRY),
        plate,
        stayId);
  }

  /** A sighting in {@code direction} from the columns stay_id, lane, plate, class, colour, time. */
  private static LedgerRows.Row<Seen> seen(Direction direction) {
    return r ->
        new Seen(
            r.getLong(1),
            r.getString(2),
            direction,
            r.getString(3),
            r.getString(4),
            r.getString(5),
            Instant.parse(r.getString(6)));
  }
}
