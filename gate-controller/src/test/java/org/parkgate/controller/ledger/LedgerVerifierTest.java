package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerVerifierTest {
  @TempDir Path dir;

  @Test
  void anUntouchedLedgerVerifiesAndEveryRowIsChained() throws Exception {
    Path file = Fixtures.populated(dir, 5);
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertTrue(result.ok(), result.summary());
    // 5 entries, 5 payments, 5 exits, their 15 events, 1 reversal and its event, and the shift
    // the cashier's first payment opened.
    assertEquals(33, result.links());
    assertEquals(5, result.receipts());
    assertEquals(16, result.events());
    assertTrue(result.summary().contains("33 chain links"), result.summary());
  }

  @Test
  void anEditedAmountIsTheFirstBadEntryNamedByItsReceipt() throws Exception {
    Path file = Fixtures.populated(dir, 5);
    Fixtures.tamper(file, "UPDATE payments SET amount_minor = 1 WHERE receipt_no = 'demo-000003'");
    Fixtures.restoreTriggers(file);
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertFalse(result.ok());
    assertEquals(3, result.problems().size(), result.summary());
    assertTrue(
        result.problems().get(0).contains("first bad entry: chain link")
            && result.problems().get(0).contains("receipt demo-000003"),
        result.summary());
    assertTrue(
        result.problems().get(1).startsWith("takings sums (takings_by_desk): day "),
        "the money reports' sums were kept as the payment was written: " + result.summary());
    assertTrue(
        result
            .problems()
            .get(2)
            .startsWith(
                "events: event seq 7 (payment-recorded of receipt demo-000003) does not match"),
        "the event announced the amount before the edit: " + result.summary());
  }

  @Test
  void aPaymentDeletedWithItsLinkButNotItsEventIsNamedByTheEvent() throws Exception {
    Path file = Fixtures.populated(dir, 3);
    // The last payment and its link go, the chain recomputed: only its event is left to tell.
    Fixtures.tamper(
        file,
        "DELETE FROM chain WHERE tbl = 'payments' AND row_id = 3",
        "DELETE FROM payments WHERE payment_id = 3");
    Fixtures.rechain(file);
    Fixtures.restoreTriggers(file);
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertFalse(result.ok());
    assertTrue(
        result
            .summary()
            .contains("announces a payment of receipt demo-000003 the ledger does not hold"),
        result.summary());
  }

  @Test
  void deletesInsertsAndReorderingAreDetected() throws Exception {
    String[][] attacks = {
      {"DELETE FROM payments WHERE receipt_seq = 3"},
      {
        "DELETE FROM payments WHERE receipt_seq = 3",
        "DELETE FROM chain WHERE tbl = 'payments' AND row_id = 3"
      },
      {"DELETE FROM events WHERE seq = 4"},
      {
        "INSERT INTO payments VALUES (99, 6, 'demo-000006', 1, 'exit-1', 100, 'CNY', 'cash', 'cashier1', 'forged', '2027-01-09T05:00:00Z')"
      },
      {
        "INSERT INTO entries VALUES (99, 'GHOST', 'entry-1', '2027-01-09T05:00:00Z')",
        "INSERT INTO chain SELECT MAX(link) + 1, 'entries', 99, '00' FROM chain"
      },
      {
        "UPDATE payments SET receipt_seq = -receipt_seq, receipt_no = 'tmp' || receipt_seq WHERE receipt_seq IN (2, 3)",
        "UPDATE payments SET receipt_seq = 5 + receipt_seq, receipt_no = printf('demo-%06d', 5 + receipt_seq) WHERE receipt_seq < 0"
      },
      {
        "UPDATE chain SET link = -link WHERE link IN (5, 6)",
        "UPDATE chain SET link = 11 + link WHERE link < 0"
      },
      {"UPDATE entries SET entered_at = '2027-01-09T04:00:00Z' WHERE stay_id = 1"},
      {"UPDATE reversals SET reason = 'typo'"},
      {"UPDATE events SET json = replace(json, 'CARD1', 'CARD9') WHERE seq = 1"},
      {"DELETE FROM exits WHERE stay_id = 3"},
      {
        "DELETE FROM exits WHERE stay_id = 3",
        "DELETE FROM chain WHERE tbl = 'exits' AND row_id = 3"
      },
      {"INSERT INTO exits VALUES (100, 'exit-1', '2027-01-09T05:00:00Z')"},
      {"UPDATE exits SET exited_at = '2027-01-09T02:10:00Z' WHERE stay_id = 5"},
    };
    for (int i = 0; i < attacks.length; i++) {
      Path file = Fixtures.populated(dir.resolve("attack" + i), 5);
      Fixtures.tamper(file, attacks[i]);
      Fixtures.restoreTriggers(file);
      LedgerVerifier.Result result = Fixtures.verify(file);
      assertFalse(
          result.ok(), "attack " + i + " " + String.join("; ", attacks[i]) + " went unnoticed");
      assertTrue(
          result.problems().get(0).startsWith("first bad entry")
              || result.problems().get(0).startsWith("receipts"),
          result.summary());
    }
  }

  @Test
  void everyChangeToAnyStoredValueIsDetected() throws Exception {
    Path pristine = Fixtures.populated(dir.resolve("pristine"), 4);
    List<String[]> cells = cells(pristine);
    Random random = new Random(6);
    for (int i = 0; i < 40; i++) {
      String[] cell = cells.get(random.nextInt(cells.size()));
      Path copy = dir.resolve("copy" + i + ".db");
      Files.copy(pristine, copy);
      String value =
          random.nextBoolean()
              ? "'x" + random.nextInt(1000) + "'"
              : String.valueOf(random.nextInt(1000) + 5000);
      Fixtures.tamper(
          copy,
          "UPDATE " + cell[0] + " SET " + cell[1] + " = " + value + " WHERE rowid = " + cell[2]);
      LedgerVerifier.Result result = Fixtures.verify(copy);
      assertFalse(
          result.problems().stream().allMatch(p -> p.startsWith("append-only triggers")),
          cell[0]
              + "."
              + cell[1]
              + " row "
              + cell[2]
              + " set to "
              + value
              + " went unnoticed: "
              + result.summary());
    }
  }

  @Test
  void aStayLengthRewrittenOrMissingIsReportedWithItsStay() throws Exception {
    Path file = Fixtures.populated(dir, 3);
    Fixtures.tamper(file, "UPDATE stay_lengths SET seconds = seconds + 3600 WHERE stay_id = 2");
    Fixtures.restoreTriggers(file);
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertEquals(1, result.problems().size(), result.summary());
    assertTrue(
        result.problems().get(0).startsWith("stay lengths: stay 2 is kept as "), result.summary());

    Path gone = Fixtures.populated(dir.resolve("gone"), 3);
    Fixtures.tamper(gone, "DELETE FROM stay_lengths WHERE stay_id = 3");
    Fixtures.restoreTriggers(gone);
    LedgerVerifier.Result missing = Fixtures.verify(gone);
    assertEquals(1, missing.problems().size(), missing.summary());
    assertTrue(
        missing.problems().get(0).startsWith("stay lengths: stay 3 has no length kept"),
        missing.summary());
  }

  @Test
  void keptTakingsThatDisagreeWithThePaymentsAreReportedWithTheirDay() throws Exception {
    Path file = Fixtures.populated(dir, 3);
    Fixtures.tamper(file, "UPDATE takings_by_tender SET amount_minor = amount_minor + 100");
    Fixtures.restoreTriggers(file);
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertEquals(1, result.problems().size(), result.summary());
    assertTrue(
        result.problems().get(0).startsWith("takings sums (takings_by_tender): day ")
            && result.problems().get(0).contains("where the ledger's rows give"),
        result.summary());

    Path gone = Fixtures.populated(dir.resolve("gone"), 3);
    Fixtures.tamper(gone, "DELETE FROM takings_by_desk WHERE reversal = 0");
    Fixtures.restoreTriggers(gone);
    LedgerVerifier.Result missing = Fixtures.verify(gone);
    assertEquals(1, missing.problems().size(), missing.summary());
    assertTrue(
        missing.problems().get(0).startsWith("takings sums (takings_by_desk): day ")
            && missing.problems().get(0).contains(" not kept where"),
        missing.summary());
  }

  @Test
  void aTriggerReplacedByANoOpOfTheSameNameIsReported() throws Exception {
    Path file = Fixtures.populated(dir, 2);
    Fixtures.tamper(file);
    Fixtures.restoreTriggers(file);
    assertTrue(Fixtures.verify(file).ok(), "the migrations' own triggers, written again, pass");
    try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement s = db.createStatement()) {
      s.executeUpdate("DROP TRIGGER payments_no_delete");
      s.executeUpdate(
          "CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT 1; END");
    }
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertFalse(result.ok());
    assertEquals(
        List.of("append-only triggers replaced by others of the same name: payments_no_delete"),
        result.problems());
  }

  @Test
  void aTableChangedOrAnObjectTheMigrationsNeverMadeIsReported() throws Exception {
    Path file = Fixtures.populated(dir, 2);
    Fixtures.tamper(
        file,
        "CREATE TRIGGER payments_shave AFTER INSERT ON payments BEGIN SELECT 1; END",
        "CREATE TABLE hidden(x)",
        "DROP INDEX sightings_plate",
        "CREATE INDEX sightings_plate ON sightings(plate)");
    Fixtures.restoreTriggers(file);
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertFalse(result.ok());
    assertEquals(
        List.of(
            "schema: changed from what the migrations made: index sightings_plate",
            "schema: not made by the migrations: table hidden, trigger payments_shave"),
        result.problems());
  }

  @Test
  void droppedTriggersAloneAreReported() throws Exception {
    Path file = Fixtures.populated(dir, 2);
    Fixtures.tamper(file);
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertEquals(1, result.problems().size(), result.summary());
    assertTrue(
        result.problems().get(0).startsWith("append-only triggers removed: ")
            && result.problems().get(0).contains("entries_no_update, entries_no_delete"),
        result.summary());
  }

  @Test
  void aLedgerCutShortIsCaughtByTheHeadPrintedOnAZReport() throws Exception {
    Path file = Fixtures.populated(dir, 3);
    HashChain.Head printed = Fixtures.verify(file).head();
    LedgerVerifier.Anchor anchor =
        LedgerVerifier.Anchor.parse(printed.link() + ":" + printed.hash());
    assertTrue(LedgerVerifier.verify(file, Optional.of(anchor)).ok());
    // The last link and its row are removed together: chain and numbering alone look fine.
    Fixtures.tamper(
        file,
        "DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)",
        "DELETE FROM reversals",
        // and the reversal's kept sums (V20), which verify recomputes from the reversals
        "DELETE FROM takings_by_desk WHERE reversal = 1",
        "DELETE FROM takings_by_tender WHERE reversal = 1",
        "DELETE FROM chain WHERE link >= " + (printed.link() - 1));
    Fixtures.restoreTriggers(file);
    assertTrue(Fixtures.verify(file).ok(), "without an anchor a cut tail cannot be seen");
    LedgerVerifier.Result anchored = LedgerVerifier.verify(file, Optional.of(anchor));
    assertFalse(anchored.ok());
    assertTrue(
        anchored.summary().contains("chain link " + printed.link() + " is gone"),
        anchored.summary());
  }

  @Test
  void aMissingOrForeignFileGetsOneClearLine() throws Exception {
    LedgerException missing =
        assertThrows(LedgerException.class, () -> Fixtures.verify(dir.resolve("nope.db")));
    assertEquals("no ledger file at " + dir.resolve("nope.db"), missing.getMessage());
    Path text = dir.resolve("notes.db");
    Files.writeString(text, "not a database at all, just words ".repeat(200));
    LedgerException foreign = assertThrows(LedgerException.class, () -> Fixtures.verify(text));
    assertTrue(
        foreign.getMessage().startsWith("cannot read " + text + " as a ledger"),
        foreign.getMessage());
    assertFalse(foreign.getMessage().contains("\n"));
  }

  @Test
  void aLedgerWrittenBeforeTheChainIsChainedWhenMigrated() throws Exception {
    Path file = dir.resolve("v1.db");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      for (String statement : Migrations.statements(Fixtures.resource("V1__ledger.sql"))) {
        s.executeUpdate(statement);
      }
      s.executeUpdate("INSERT INTO schema_migrations VALUES (1, 'ledger', '2027-01-01T00:00:00Z')");
      s.executeUpdate("INSERT INTO entries VALUES (1, 'OLD', 'entry-1', '2027-01-01T01:00:00Z')");
      s.executeUpdate("INSERT INTO events VALUES (1, '2027-01-01T01:00:00Z', 'entry-1', '{}')");
    }
    try (Ledger ledger = Ledger.open(file, "demo")) {
      new Stays(ledger).recordEntry("entry-1", "NEW", Fixtures.T0);
    }
    LedgerVerifier.Result result = Fixtures.verify(file);
    assertTrue(result.ok(), result.summary());
    assertEquals(4, result.links(), "two old rows chained at migration, two new ones as written");
  }

  /** Every (table, column, rowid) of the chained tables. */
  private static List<String[]> cells(Path file) throws Exception {
    List<String[]> out = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      for (ChainedTable t : ChainedTable.values()) {
        try (ResultSet r = s.executeQuery("SELECT rowid FROM " + t.table())) {
          List<Long> ids = new ArrayList<>();
          while (r.next()) {
            ids.add(r.getLong(1));
          }
          for (long id : ids) {
            for (String c : t.columns().subList(1, t.columns().size())) {
              out.add(new String[] {t.table(), c, String.valueOf(id)});
            }
          }
        }
      }
    }
    return out;
  }
}
