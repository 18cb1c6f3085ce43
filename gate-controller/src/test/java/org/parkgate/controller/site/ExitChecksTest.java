package org.parkgate.controller.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.site.IncidentKind;

class ExitChecksTest {
  static final Instant ENTRY = Instant.parse("2027-01-09T02:00:00Z");
  final ExitChecks checks = new ExitChecks(Duration.ofHours(72));

  static Optional<Sightings.Seen> entered(long stay, String plate, String cls, Instant at) {
    return Optional.of(
        new Sightings.Seen(stay, "entry-1", Sightings.Direction.ENTRY, plate, cls, "white", at));
  }

  private List<IncidentKind> kinds(List<ExitChecks.Finding> findings) {
    return findings.stream().map(ExitChecks.Finding::kind).toList();
  }

  @Test
  void theSameVehicleLeavingRaisesNothingWhateverTheSpacingOfItsPlate() {
    var findings =
        checks.check(
            ENTRY,
            ENTRY.plus(Duration.ofHours(2)),
            entered(1, "粤B 12345", "car", ENTRY),
            new Sighting("粤b-12345", "Car", "white"),
            Optional.empty());
    assertEquals(List.of(), findings);
  }

  @Test
  void anotherPlateOrClassAtTheExitIsAMismatch() {
    var findings =
        checks.check(
            ENTRY,
            ENTRY.plus(Duration.ofHours(2)),
            entered(1, "粤B12345", "car", ENTRY),
            new Sighting("粤B99999", "truck", "red"),
            Optional.empty());
    assertEquals(
        List.of(IncidentKind.PLATE_MISMATCH, IncidentKind.CLASS_MISMATCH), kinds(findings));
    assertEquals(
        "入场车牌 粤B12345，出场车牌 粤B99999 · entered as 粤B12345, leaving as 粤B99999",
        findings.get(0).detail());
    assertEquals(
        "入场车型 car，出场车型 truck · entered as a car, leaving as a truck", findings.get(1).detail());
  }

  @Test
  void nothingIsComparedThatWasNotSeenAtBothEnds() {
    assertEquals(
        List.of(),
        checks.check(
            ENTRY,
            ENTRY.plus(Duration.ofHours(2)),
            Optional.empty(),
            new Sighting("粤B99999", "truck", null),
            Optional.empty()));
    assertEquals(
        List.of(),
        checks.check(
            ENTRY,
            ENTRY.plus(Duration.ofHours(2)),
            entered(1, null, null, ENTRY),
            new Sighting("粤B99999", "truck", null),
            Optional.empty()));
  }

  @Test
  void anOldTicketLeavingOnAPlateThatCameInYesterdayIsATicketSwap() {
    Instant now = ENTRY.plus(Duration.ofDays(5));
    var findings =
        checks.check(
            ENTRY,
            now,
            Optional.empty(),
            new Sighting("粤B77777", "car", null),
            entered(9, "粤B77777", "car", now.minus(Duration.ofHours(20))));
    assertEquals(List.of(IncidentKind.TICKET_SWAP), kinds(findings));
    assertTrue(findings.get(0).detail().contains("on stay 9"), findings.get(0).detail());
    assertTrue(findings.get(0).detail().contains("120 h ago"), findings.get(0).detail());
  }

  @Test
  void aLongStayWithItsOwnPlateIsNoSwapAndAShortOneNeverIs() {
    Instant now = ENTRY.plus(Duration.ofDays(5));
    assertEquals(
        List.of(),
        checks.check(
            ENTRY,
            now,
            entered(1, "粤B12345", "car", ENTRY),
            new Sighting("粤B12345", "car", null),
            entered(0, "粤B12345", "car", ENTRY.minus(Duration.ofDays(3)))));
    // Under the threshold a plate seen entering later is a mismatch at most, not a swap.
    assertEquals(
        List.of(IncidentKind.PLATE_MISMATCH),
        kinds(
            checks.check(
                ENTRY,
                ENTRY.plus(Duration.ofHours(71)),
                entered(1, "粤B12345", "car", ENTRY),
                new Sighting("粤B77777", "car", null),
                entered(9, "粤B77777", "car", ENTRY.plus(Duration.ofHours(70))))));
  }

  @Test
  void aLongStayLeavingOnAnotherPlateThanItEnteredIsBothMismatchAndSwap() {
    var findings =
        checks.check(
            ENTRY,
            ENTRY.plus(Duration.ofHours(73)),
            entered(1, "粤B12345", "car", ENTRY),
            new Sighting("粤B77777", "car", null),
            Optional.empty());
    assertEquals(List.of(IncidentKind.PLATE_MISMATCH, IncidentKind.TICKET_SWAP), kinds(findings));
    assertTrue(findings.get(1).detail().contains("entered with plate 粤B12345, not 粤B77777"));
  }
}
