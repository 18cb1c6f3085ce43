package org.parkgate.controller.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.site.IncidentKind;

/** What finance sees from ./parking incidents. */
class IncidentsMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return IncidentsMain.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path ledger() {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Incidents incidents = new Incidents(ledger);
      // 2027-01-09 23:30 in Shanghai is still the 9th there, but the 9th 15:30 in UTC.
      Incidents.Incident mismatch =
          incidents.record(
              "exit-1",
              IncidentKind.PLATE_MISMATCH,
              "CARD1",
              "粤B99999",
              "entered as 粤B12345, leaving as 粤B99999",
              Instant.parse("2027-01-09T15:30:00Z"));
      new org.parkgate.controller.ledger.IncidentResolutions(ledger)
          .resolve(
              "resolve-1",
              mismatch,
              "plate checked against the entry photo",
              "cashier1",
              "booth-1",
              Instant.parse("2027-01-09T15:40:00Z"));
      incidents.record(
          "exit-2",
          IncidentKind.TAILGATING,
          null,
          null,
          "second vehicle on one opening",
          Instant.parse("2027-01-09T16:30:00Z"));
      incidents.record(
          "exit-1",
          IncidentKind.TAILGATING,
          null,
          null,
          null,
          Instant.parse("2027-01-11T01:00:00Z"));
    }
    return file;
  }

  @Test
  void oneDayInTheSitesZoneListsItsIncidentsAndCountsThemByKind() {
    Path db = ledger();
    assertEquals(
        0,
        run(
            db.toString(),
            "--zone",
            "Asia/Shanghai",
            "--from",
            "2027-01-09",
            "--to",
            "2027-01-09"));
    String text = out();
    assertTrue(
        text.startsWith("Incidents from 2027-01-09 to 2027-01-09 (Asia/Shanghai): 1\n"), text);
    assertTrue(
        text.contains(
            "2027-01-09 23:30:00  exit-1     PLATE_MISMATCH                 card CARD1        plate 粤B99999    entered as 粤B12345, leaving as 粤B99999"),
        text);
    assertTrue(
        text.contains(
            "         resolved 2027-01-09 23:40:00 by cashier1: plate checked against the entry"
                + " photo\n"),
        text);
    assertTrue(text.contains("  by kind: PLATE_MISMATCH 1"), text);
  }

  @Test
  void withoutDatesEverythingIsListed() {
    Path db = ledger();
    assertEquals(0, run(db.toString()));
    assertTrue(out().startsWith("Incidents from the first to the last (Z): 3"), out());
    assertTrue(out().contains("by kind: PLATE_MISMATCH 1, TAILGATING 2"), out());
    assertTrue(out().contains("         unresolved\n"), out());
  }

  @Test
  void badArgumentsChangeNothingAndSayWhy() {
    Path db = ledger();
    assertEquals(2, run(db.toString(), "--from", "9 Jan"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--from '9 Jan' is not a date"));
    assertEquals(2, run(db.toString(), "--from", "2027-01-10", "--to", "2027-01-09"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("--to 2027-01-09 is before --from 2027-01-10"));
    assertEquals(2, run(db.toString(), "--kind", "x"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--kind'"));
    assertEquals(1, run(dir.resolve("none.db").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no ledger file at"));
    assertEquals("", out());
  }
}
