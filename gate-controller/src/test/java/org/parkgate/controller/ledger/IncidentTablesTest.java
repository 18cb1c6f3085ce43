package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneMode;

/**
 * Incidents, lane modes, waivers, sightings, unpaid balances and settlements: append-only, chained,
 * and an edit to any of them is found by verify.
 */
class IncidentTablesTest {
  static final Instant T = Fixtures.T0;
  @TempDir Path dir;

  /** A ledger with one row in each of the tables, plus the usual stays and payments. */
  private Path populated() {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Fixtures.drive(ledger, 3);
      Stay stay = new Stays(ledger).recordEntry("entry-1", "CARD9", T.plusSeconds(900));
      new Sightings(ledger)
          .record(
              new Sightings.Seen(
                  stay.stayId(),
                  "entry-1",
                  Sightings.Direction.ENTRY,
                  "粤B12345",
                  "car",
                  "white",
                  T.plusSeconds(900)));
      new Incidents(ledger)
          .record(
              "exit-1", IncidentKind.TAILGATING, null, null, "second vehicle", T.plusSeconds(950));
      LaneModes modes = new LaneModes(ledger);
      long change =
          modes
              .set("m-1", "exit-1", LaneMode.FREE_EXIT, "sup1", "fire drill", T.plusSeconds(960))
              .change()
              .changeId();
      modes.waive(1, "exit-1", Money.of(300, "CNY"), change, T.plusSeconds(970));
      UnpaidBalances balances = new UnpaidBalances(ledger);
      UnpaidBalances.Balance owed =
          balances.record(
              "粤B12345", 2, "exit-1", Money.of(600, "CNY"), "barrier lifted by hand", T);
      balances.settle(owed, 3, T.plusSeconds(990));
    }
    return file;
  }

  @Test
  void everyNewRowIsChainedAndTheLedgerVerifies() {
    Path file = populated();
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertTrue(result.ok(), result.summary());
  }

  @Test
  void aPowerLossIsUnrestoredUntilItsLaneReportsPowerRestored() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Incidents incidents = new Incidents(ledger);
      java.time.Instant t = java.time.Instant.parse("2027-01-09T02:00:00Z");
      assertFalse(incidents.powerLostUnrestored("exit-1"), "never lost");
      incidents.record("exit-1", IncidentKind.POWER_LOST, null, null, "offline", t);
      incidents.record("exit-1", IncidentKind.TAILGATING, null, null, "x", t.plusSeconds(1));
      assertTrue(incidents.powerLostUnrestored("exit-1"));
      assertFalse(incidents.powerLostUnrestored("entry-1"), "another lane");
      incidents.record("exit-1", IncidentKind.POWER_RESTORED, null, null, "back", t.plusSeconds(2));
      assertFalse(incidents.powerLostUnrestored("exit-1"));
    }
  }

  @Test
  void anIncidentIsRecordedWithItsEventAndFoundByDay() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      List<ConsoleEvent> heard = new java.util.ArrayList<>();
      ledger.onCommittedEvent(heard::add);
      Incidents incidents = new Incidents(ledger);
      incidents.record("exit-1", IncidentKind.PLATE_MISMATCH, "CARD1", "粤B1", "entered as 粤B2", T);
      incidents.record("exit-1", IncidentKind.TAILGATING, null, null, null, T.plusSeconds(86400));
      // A fraction of a second after the day's start: still that day, not the one before.
      incidents.record(
          "exit-1",
          IncidentKind.TAILGATING,
          null,
          null,
          null,
          T.plusSeconds(86400).plusMillis(500));

      assertEquals(
          List.of("TAILGATING", "TAILGATING"),
          incidents.between(T.plusSeconds(86400), T.plusSeconds(2 * 86400)).stream()
              .map(Incidents.Incident::kind)
              .toList());
      assertEquals(
          List.of("PLATE_MISMATCH"),
          incidents.between(T, T.plusSeconds(86400)).stream()
              .map(Incidents.Incident::kind)
              .toList());
      assertEquals(
          Map.of("PLATE_MISMATCH", 1L, "TAILGATING", 2L),
          incidents.countByKind(T, T.plusSeconds(2 * 86400)));
      ConsoleEvent.Incident told = (ConsoleEvent.Incident) heard.get(0);
      assertEquals(IncidentKind.PLATE_MISMATCH, told.kind());
      assertEquals("CARD1", told.card());
      assertEquals("粤B1", told.plate());
    }
  }

  @Test
  void theZReportCountsEachDaysIncidentsByKindInTheSitesZone() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Incidents incidents = new Incidents(ledger);
      // 23:30 on the 9th in Shanghai, then 00:30 on the 10th there.
      incidents.record(
          "exit-1",
          IncidentKind.TAILGATING,
          null,
          null,
          null,
          Instant.parse("2027-01-09T15:30:00Z"));
      incidents.record(
          "exit-1",
          IncidentKind.TAILGATING,
          null,
          null,
          null,
          Instant.parse("2027-01-09T15:40:00Z"));
      incidents.record(
          "exit-1",
          IncidentKind.LEFT_UNPAID,
          "C",
          "粤B1",
          null,
          Instant.parse("2027-01-09T15:50:00Z"));
      incidents.record(
          "exit-1",
          IncidentKind.TAILGATING,
          null,
          null,
          null,
          Instant.parse("2027-01-09T16:30:00Z"));
      List<ZReport> made =
          new DailyClosure(
                  ledger,
                  java.time.ZoneId.of("Asia/Shanghai"),
                  java.util.Currency.getInstance("CNY"),
                  java.time.Clock.fixed(
                      Instant.parse("2027-01-10T16:05:00Z"), java.time.ZoneOffset.UTC))
              .closeFinishedDays();
      assertEquals(Map.of("LEFT_UNPAID", 1L, "TAILGATING", 2L), made.get(0).incidents());
      assertTrue(
          made.get(0).render().contains("  incidents       3   LEFT_UNPAID 1, TAILGATING 2\n"),
          made.get(0).render());
      assertEquals(Map.of("TAILGATING", 1L), made.get(1).incidents());
      assertEquals(
          made.get(0).render(),
          new DailyClosure(
                  ledger,
                  java.time.ZoneId.of("Asia/Shanghai"),
                  java.util.Currency.getInstance("CNY"),
                  java.time.Clock.systemUTC())
              .reports()
              .get(0)
              .render(),
          "a report read back prints as it did at closing");
    }
  }

  @Test
  void theNewTablesRefuseUpdatesAndDeletes() throws Exception {
    Path file = populated();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      for (String table :
          List.of(
              "incidents",
              "lane_mode_changes",
              "waivers",
              "sightings",
              "unpaid_balances",
              "settlements")) {
        SQLException update =
            assertThrows(
                SQLException.class,
                () -> s.executeUpdate("UPDATE " + table + " SET rowid = rowid"));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM " + table));
      }
    }
  }

  @Test
  void anEditToAnyNewTableIsTheFirstBadEntry() throws Exception {
    String[][] edits = {
      {"incidents", "UPDATE incidents SET kind = 'POWER_LOST'"},
      {"lane_mode_changes", "UPDATE lane_mode_changes SET reason = 'routine'"},
      {"waivers", "UPDATE waivers SET amount_minor = 1"},
      {"sightings", "UPDATE sightings SET plate = '粤B00000'"},
      {"unpaid_balances", "UPDATE unpaid_balances SET amount_minor = 0"},
      {"settlements", "DELETE FROM settlements"},
      {"incidents", "DELETE FROM incidents"},
    };
    Path clean = populated();
    for (String[] edit : edits) {
      Path copy = dir.resolve("copy-" + edit[0] + ".db");
      Files.copy(clean, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Fixtures.tamper(copy, edit[1]);
      Fixtures.restoreTriggers(copy);
      LedgerVerifier.Result result = Fixtures.verify(copy);
      assertFalse(result.ok(), edit[1] + " went unnoticed");
      assertTrue(
          result.problems().get(0).contains("(" + edit[0] + " row "),
          edit[1] + ": " + result.summary());
    }
  }

  @Test
  void aLedgerWithTheTriggersOfTheNewTablesDroppedFailsVerify() throws Exception {
    Path file = populated();
    Fixtures.tamper(file);
    Fixtures.restoreTriggers(file);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      s.executeUpdate("DROP TRIGGER waivers_no_update");
    }
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertFalse(result.ok());
    assertTrue(result.summary().contains("waivers_no_update"), result.summary());
  }
}
