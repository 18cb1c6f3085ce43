package org.parkgate.controller.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
          try (PreparedStatement p =
              ledger
                  .connection()
                  .prepareStatement(
                      "INSERT INTO sightings(stay_id, lane, direction, plate, vehicle_class, colour, seen_at)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, seen.stayId());
            p.setString(2, seen.lane());
            p.setString(3, seen.direction().column());
            p.setString(4, seen.plate());
            p.setString(5, seen.vehicleClass());
            p.setString(6, seen.colour());
            p.setString(7, seen.at().toString());
            p.executeUpdate();
          }
          HashChain.append(
              ledger.connection(), ChainedTable.SIGHTINGS, LedgerRows.lastId(ledger.connection()));
          return null;
        });
  }

  /** The stay's first sighting in that direction, if a camera saw it. */
  public Optional<Seen> of(long stayId, Direction direction) {
    return ledger.read(
        () -> {
          try (PreparedStatement p =
              ledger
                  .connection()
                  .prepareStatement(
                      "SELECT stay_id, lane, plate, vehicle_class, colour, seen_at FROM sightings"
                          + " WHERE stay_id = ? AND direction = ? ORDER BY sighting_id LIMIT 1")) {
            p.setLong(1, stayId);
            p.setString(2, direction.column());
            return one(p, direction);
          }
        });
  }

  /** The latest entry of a plate on another stay than {@code stayId}, if any. */
  public Optional<Seen> lastEntryOnOtherStay(String plate, long stayId) {
    return ledger.read(
        () -> {
          try (PreparedStatement p =
              ledger
                  .connection()
                  .prepareStatement(
                      "SELECT stay_id, lane, plate, vehicle_class, colour, seen_at FROM sightings"
                          + " WHERE plate = ? AND direction = 'entry' AND stay_id <> ?"
                          + " ORDER BY sighting_id DESC LIMIT 1")) {
            p.setString(1, plate);
            p.setLong(2, stayId);
            return one(p, Direction.ENTRY);
          }
        });
  }

  private static Optional<Seen> one(PreparedStatement p, Direction direction)
      throws java.sql.SQLException {
    try (ResultSet r = p.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new Seen(
              r.getLong(1),
              r.getString(2),
              direction,
              r.getString(3),
              r.getString(4),
              r.getString(5),
              Instant.parse(r.getString(6))));
    }
  }
}
