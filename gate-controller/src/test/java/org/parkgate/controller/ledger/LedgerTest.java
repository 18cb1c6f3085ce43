package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;

class LedgerTest {
  private static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  private static final Money FIVE = Money.of(500, "CNY");

  @TempDir Path dir;

  @Test
  void aStayRunsFromEntryThroughPaymentToExit() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      Payments payments = new Payments(ledger);
      Stay stay = stays.recordEntry("entry-1", "00A1B2C3D4", T0);
      assertEquals(stay, stays.openStay("00A1B2C3D4").orElseThrow());

      Payment paid =
          payments.recordPayment(
              "req-1", stay.stayId(), "exit-1", FIVE, "cashier1", T0.plusSeconds(3600));
      assertEquals("demo-000001", paid.receiptNo());
      assertEquals(FIVE, payments.paidFor(stay.stayId(), FIVE.currency()));

      stays.recordExit(stay.stayId(), "exit-1", T0.plusSeconds(3700));
      assertTrue(stays.openStay("00A1B2C3D4").isEmpty(), "a card that left has no open stay");

      List<ConsoleEvent> events = new EventLog(ledger).eventsAfter(0, 100);
      assertEquals(List.of(1L, 2L, 3L), events.stream().map(ConsoleEvent::seq).toList());
      assertTrue(
          events.get(1) instanceof ConsoleEvent.PaymentRecorded p
              && p.receiptNo().equals("demo-000001"));
      assertEquals(
          events.subList(2, 3),
          new EventLog(ledger).eventsAfter(2, 100),
          "a console resumes after the last seq it saw");
    }
  }

  @Test
  void aTransactionThatRollsBackTakesWhatWasKeptInMemoryBackWithIt() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      java.util.List<String> kept = new java.util.ArrayList<>();
      assertThrows(
          LedgerException.class,
          () ->
              ledger.atomically(
                  () -> {
                    stays.recordEntry("entry-1", "A", T0);
                    kept.add("A");
                    ledger.onRollback(() -> kept.remove("A"));
                    kept.add("B");
                    ledger.onRollback(() -> kept.add("B undone after A"));
                    return stays.recordEntry("entry-1", "A", T0); // already inside: fails
                  }));
      assertEquals(List.of("B", "B undone after A"), kept, "undone, latest first");
      assertTrue(stays.openStay("A").isEmpty(), "the entry rolled back too");

      ledger.atomically(
          () -> {
            ledger.onRollback(() -> kept.add("never"));
            return stays.recordEntry("entry-1", "A", T0);
          });
      assertEquals(List.of("B", "B undone after A"), kept, "a commit runs none of them");
    }
  }

  @Test
  void linksInOneTransactionFollowEachOtherAndTheHeadIsReadAgainAfterARollbackOrAnotherWriter() {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Stays stays = new Stays(ledger);
      Payments payments = new Payments(ledger);
      // An entry and its event chained, then the transaction rolled back: their links are gone.
      assertThrows(
          LedgerException.class,
          () ->
              ledger.atomically(
                  () -> {
                    stays.recordEntry("entry-1", "A", T0);
                    return stays.recordEntry("entry-1", "A", T0);
                  }));
      Stay b = stays.recordEntry("entry-1", "B", T0);
      // Another process (an admin's command) appends between this ledger's transactions.
      try (Ledger other = Ledger.open(file, "demo")) {
        new Stays(other).recordEntry("entry-1", "C", T0);
      }
      // One transaction of many links: payment, event, and a second stay's entry and event.
      Payment paid =
          ledger.atomically(
              () -> {
                Payment p = payments.recordPayment("req-b", b.stayId(), "exit-1", FIVE, "c1", T0);
                stays.recordEntry("entry-1", "D", T0);
                return p;
              });
      assertEquals("demo-000001", paid.receiptNo());
    }
    LedgerVerifier.Result verified = LedgerVerifier.verify(file, java.util.Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void aRetriedPaymentIsRecordedOnceAndReceiptsHaveNoGaps() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      Payments payments = new Payments(ledger);
      Stay a = stays.recordEntry("entry-1", "A", T0);
      Stay b = stays.recordEntry("entry-1", "B", T0);
      Payment first = payments.recordPayment("req-a", a.stayId(), "exit-1", FIVE, "c1", T0);
      Payment retried =
          payments.recordPayment("req-a", a.stayId(), "exit-1", FIVE, "c1", T0.plusSeconds(5));
      Payment second = payments.recordPayment("req-b", b.stayId(), "exit-1", FIVE, "c1", T0);
      assertEquals(first, retried);
      assertEquals(
          List.of("demo-000001", "demo-000002"),
          payments.all().stream().map(Payment::receiptNo).toList());
      assertEquals("demo-000002", second.receiptNo());
    }
  }

  @Test
  void aCardAlreadyInsideCannotEnterAgain() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      stays.recordEntry("entry-1", "A", T0);
      LedgerException refused =
          assertThrows(LedgerException.class, () -> stays.recordEntry("entry-1", "A", T0));
      assertEquals("card A is already inside", refused.getMessage());
      assertEquals(1, new EventLog(ledger).lastSeq(), "the refused entry left no trace");
    }
  }

  @Test
  void aRecycledCardIsOpenOnlyOnItsNewestStay() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      // An IC card goes back into the dispenser at the exit and is issued again and again.
      for (int i = 0; i < 50; i++) {
        Stay s = stays.recordEntry("entry-1", "R", T0.plusSeconds(600L * i));
        assertEquals(s, stays.openStay("R").orElseThrow(), "inside on stay " + i);
        stays.recordExit(s.stayId(), "exit-1", T0.plusSeconds(600L * i + 300));
        assertTrue(stays.openStay("R").isEmpty(), "left after stay " + i);
      }
      stays.recordEntry("entry-1", "OTHER", T0.plusSeconds(40_000));
      Stay again = stays.recordEntry("entry-1", "R", T0.plusSeconds(40_000));
      assertEquals(again, stays.openStay("R").orElseThrow());
      assertEquals(51, stays.openStay("OTHER").orElseThrow().stayId());
      assertThrows(
          LedgerException.class, () -> stays.recordEntry("entry-1", "R", T0.plusSeconds(40_001)));
    }
  }

  @Test
  void whatWasCommittedSurvivesReopening() {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Stay s = new Stays(ledger).recordEntry("entry-1", "A", T0);
      new Payments(ledger).recordPayment("req-a", s.stayId(), "exit-1", FIVE, "c1", T0);
    }
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Payments payments = new Payments(ledger);
      assertEquals(1, payments.all().size());
      Stay s = new Stays(ledger).recordEntry("entry-1", "B", T0);
      assertEquals(
          "demo-000002",
          payments.recordPayment("req-b", s.stayId(), "exit-1", FIVE, "c1", T0).receiptNo());
    }
  }

  @Test
  void paymentsCannotBeChangedOrDeletedBehindTheProgramsBack() throws SQLException {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Stay s = new Stays(ledger).recordEntry("entry-1", "A", T0);
      new Payments(ledger).recordPayment("req-a", s.stayId(), "exit-1", FIVE, "c1", T0);
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = db.createStatement()) {
      SQLException update =
          assertThrows(
              SQLException.class, () -> st.executeUpdate("UPDATE payments SET amount_minor = 1"));
      assertTrue(update.getMessage().contains("append-only"), update.getMessage());
      assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM payments"));
      assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM events"));
    }
  }

  @Test
  void aDamagedFileStopsTheLedgerWithAClearMessage() throws Exception {
    Path file = dir.resolve("ledger.db");
    Files.write(
        file,
        "this is not a database, just some text that fills the header".repeat(100).getBytes());
    LedgerException e = assertThrows(LedgerException.class, () -> Ledger.open(file, "demo"));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
