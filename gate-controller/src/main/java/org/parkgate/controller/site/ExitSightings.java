package org.parkgate.controller.site;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;

/**
 * What the lane cameras saw of a stay, recorded at entry and exit, and the incidents the exit's
 * sighting raises against the entry's ({@link ExitChecks}). Runs on the ledger thread, inside the
 * caller's transaction.
 */
final class ExitSightings {
  private final Sightings sightings;
  private final Incidents incidents;
  private final ExitChecks checks;

  ExitSightings(Sightings sightings, Incidents incidents, ExitChecks checks) {
    this.sightings = sightings;
    this.incidents = incidents;
    this.checks = checks;
  }

  void entered(long stayId, String lane, Sighting vehicle, Instant at) {
    sightings.record(seen(stayId, lane, Sightings.Direction.ENTRY, vehicle, at));
  }

  /**
   * Records the exit's sighting and checks it against the entry; a card read again at the exit
   * finds nothing more.
   */
  List<ExitChecks.Finding> checkAgainstEntry(
      String lane, Stay stay, Sighting vehicle, Instant exit) {
    if (sightings.of(stay.stayId(), Sightings.Direction.EXIT).isPresent()) {
      return List.of(); // a card read again at the exit: checked and recorded the first time
    }
    sightings.record(seen(stay.stayId(), lane, Sightings.Direction.EXIT, vehicle, exit));
    String plate = ExitChecks.plate(vehicle.plate());
    Optional<Sightings.Seen> entry = sightings.of(stay.stayId(), Sightings.Direction.ENTRY);
    Optional<Sightings.Seen> plateEntered =
        plate == null ? Optional.empty() : sightings.lastEntryOnOtherStay(plate, stay.stayId());
    return checks.check(stay.enteredAt(), exit, entry, vehicle, plateEntered);
  }

  /** Records each finding as an incident against the stay's card. */
  void flag(String lane, Stay stay, String plate, List<ExitChecks.Finding> findings, Instant exit) {
    for (ExitChecks.Finding f : findings) {
      incidents.record(lane, f.kind(), stay.card(), plate, f.detail(), exit);
    }
  }

  private static Sightings.Seen seen(
      long stayId, String lane, Sightings.Direction direction, Sighting vehicle, Instant at) {
    return new Sightings.Seen(
        stayId,
        lane,
        direction,
        ExitChecks.plate(vehicle.plate()),
        vehicle.vehicleClass(),
        vehicle.colour(),
        at);
  }
}
