package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Season cards, the blacklist and passback records are as tamper-evident as payments. */
class CredentialsLedgerTest {
  @TempDir Path dir;

  /** A ledger with a season card renewed, a blacklisting, admissions and a supervisor reset. */
  static Path populated(Path dir) {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Fixtures.drive(ledger, 2);
      SeasonCards cards = new SeasonCards(ledger);
      cards.add(
          "S1",
          "Li Wei",
          List.of("沪A12345"),
          "car",
          LocalDate.parse("2027-01-01"),
          LocalDate.parse("2027-01-31"),
          "office1",
          Fixtures.T0);
      cards.renew("S1", null, LocalDate.parse("2027-02-28"), "office1", Fixtures.T0);
      new Blacklist(ledger)
          .add(Blacklist.Kind.CARD, "B1", "stolen", "sup1", Fixtures.T0.plusSeconds(1));
      Admissions admissions = new Admissions(ledger);
      admissions.admit(
          "entry-1",
          "S1",
          new Admissions.Credentials("car", "沪A12345", true),
          Optional.empty(),
          Fixtures.T0.plusSeconds(2));
      admissions.admit(
          "entry-1",
          "S1",
          new Admissions.Credentials("car", "沪A12345", true),
          new Stays(ledger).openStay("S1"),
          Fixtures.T0.plusSeconds(3));
      admissions.reset("r1", "S1", "sup1", "let out by hand", Fixtures.T0.plusSeconds(4));
    }
    return file;
  }

  @Test
  void theNewTablesAreChainedAndVerify() {
    LedgerVerifier.Result result = Fixtures.verify(populated(dir));
    assertTrue(result.ok(), result.summary());
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      assertEquals(
          LocalDate.parse("2027-02-28"),
          new SeasonCards(ledger).find("S1").orElseThrow().validTo(),
          "the latest row wins");
      assertTrue(new Stays(ledger).openStay("S1").isEmpty(), "the reset closed the stay");
    }
  }

  @Test
  void editsDeletesAndInsertsInTheNewTablesAreTheFirstBadEntry() throws Exception {
    String[][] attacks = {
      {"UPDATE season_cards SET valid_to = '2099-12-31' WHERE row_id = 2"},
      {"UPDATE season_cards SET plates = NULL WHERE row_id = 1"},
      {"DELETE FROM season_cards WHERE row_id = 2"},
      {
        "INSERT INTO season_cards VALUES (3, 'S9', 'add', 'Ghost', NULL, 'car', '2027-01-01',"
            + " '2099-12-31', 'nobody', '2027-01-09T02:00:00Z')"
      },
      {"DELETE FROM blacklist"},
      {"UPDATE blacklist SET value = 'B2'"},
      {"UPDATE passback SET reason = 'routine' WHERE kind = 'reset'"},
      {"DELETE FROM passback WHERE kind = 'soft-reentry'"},
      {"UPDATE entry_credentials SET season = 0"},
      {"UPDATE entry_credentials SET vehicle_class = 'motorbike' WHERE stay_id = 3"},
    };
    for (int i = 0; i < attacks.length; i++) {
      Path file = populated(dir.resolve("attack" + i));
      Fixtures.tamper(file, attacks[i]);
      Fixtures.restoreTriggers(file);
      LedgerVerifier.Result result = Fixtures.verify(file);
      assertFalse(result.ok(), "attack " + i + " " + attacks[i][0] + " went unnoticed");
      assertTrue(
          result.problems().get(0).startsWith("first bad entry"),
          attacks[i][0] + ": " + result.summary());
    }
  }

  @Test
  void theNewTablesRefuseChangesAndTheirDroppedTriggersAreReported() throws Exception {
    Path file = populated(dir);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      for (String sql :
          new String[] {
            "UPDATE season_cards SET valid_to = '2099-12-31'",
            "DELETE FROM blacklist",
            "UPDATE passback SET reason = 'x'",
            "DELETE FROM entry_credentials"
          }) {
        SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate(sql));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
      }
      s.executeUpdate("DROP TRIGGER season_cards_no_update");
    }
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertEquals(
        List.of("append-only triggers removed: season_cards_no_update"), result.problems());
  }
}
