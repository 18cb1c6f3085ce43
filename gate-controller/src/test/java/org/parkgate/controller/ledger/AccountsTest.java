package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Role;

/**
 * Accounts as chained rows of changes on a real ledger file: the latest row is the account, every
 * change is kept with who made it, and {@code ./parking verify} still vouches for the file.
 */
class AccountsTest {
  static final String HASH = "pbkdf2-sha256$100000$c2FsdA$aGFzaA";
  static final String NEW_HASH = "pbkdf2-sha256$100000$c2FsdDI$aGFzaDI";

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("ledger.db");
  }

  /** cashier1 added, given a new password, made supervisor, locked, unlocked and disabled. */
  private void history(Ledger ledger) {
    Accounts accounts = new Accounts(ledger);
    accounts.add("cashier1", "Cashier One", Role.CASHIER, HASH, true, "admin1", Fixtures.T0);
    accounts.add("finance1", "Finance One", Role.FINANCE, HASH, false, "admin1", Fixtures.T0);
    accounts.change(
        "cashier1",
        Accounts.Action.PASSWD,
        a -> a.withPassword(NEW_HASH, false),
        "cashier1",
        null,
        Fixtures.T0.plusSeconds(60));
    accounts.change(
        "cashier1",
        Accounts.Action.ROLE,
        a -> a.withRole(Role.SUPERVISOR),
        "admin1",
        "promoted",
        Fixtures.T0.plusSeconds(120));
    accounts.change(
        "cashier1",
        Accounts.Action.LOCK,
        a -> a.withLocked(true),
        "controller",
        "too many wrong passwords",
        Fixtures.T0.plusSeconds(180));
    accounts.change(
        "cashier1",
        Accounts.Action.UNLOCK,
        a -> a.withLocked(false),
        "supervisor2",
        null,
        Fixtures.T0.plusSeconds(240));
    accounts.change(
        "cashier1",
        Accounts.Action.DISABLE,
        a -> a.withEnabled(false),
        "admin1",
        "left",
        Fixtures.T0.plusSeconds(300));
  }

  @Test
  void theLatestRowIsTheAccountAndEveryChangeMakesANewVersion() {
    try (Ledger ledger = Ledger.open(file(), "demo")) {
      Accounts accounts = new Accounts(ledger);
      assertTrue(accounts.none());
      history(ledger);
      Accounts.Account a = accounts.find("cashier1").orElseThrow();
      assertEquals(Role.SUPERVISOR, a.role());
      assertEquals(NEW_HASH, a.passwordHash());
      assertFalse(a.demo(), "a new password is no demo password");
      assertFalse(a.locked());
      assertFalse(a.enabled());
      assertFalse(a.usable());
      assertEquals("admin1", a.changedBy());
      assertEquals(Fixtures.T0.plusSeconds(300), a.changedAt());
      assertEquals(7, a.version(), "the seventh row of the table");
      assertEquals(7, accounts.version("cashier1"));
      assertEquals(2, accounts.version("finance1"));
      assertEquals(0, accounts.version("nobody"));
      assertEquals(
          List.of("cashier1", "finance1"),
          accounts.list().stream().map(Accounts.Account::username).toList());
      assertFalse(accounts.none());
    }
  }

  @Test
  void aTakenNameOrAMissingUserIsRefusedAndNothingIsWritten() {
    try (Ledger ledger = Ledger.open(file(), "demo")) {
      Accounts accounts = new Accounts(ledger);
      accounts.add("cashier1", "Cashier One", Role.CASHIER, HASH, false, "admin1", Fixtures.T0);
      LedgerException taken =
          assertThrows(
              LedgerException.class,
              () ->
                  accounts.add(
                      "cashier1", "Someone", Role.ADMIN, HASH, false, "admin1", Fixtures.T0));
      assertEquals("user 'cashier1' exists already", taken.getMessage());
      LedgerException missing =
          assertThrows(
              LedgerException.class,
              () ->
                  accounts.change(
                      "nobody",
                      Accounts.Action.DISABLE,
                      a -> a.withEnabled(false),
                      "admin1",
                      null,
                      Fixtures.T0));
      assertEquals("no user 'nobody'", missing.getMessage());
      assertEquals(Role.CASHIER, accounts.find("cashier1").orElseThrow().role());
      assertEquals(1, accounts.version("cashier1"));
    }
  }

  @Test
  void theVerifierVouchesForALedgerWithAccountsConsolesRequestsAndSecurityEvents() {
    try (Ledger ledger = Ledger.open(file(), "demo")) {
      Fixtures.drive(ledger, 3);
      history(ledger);
      new Consoles(ledger).add("booth-1", "ab".repeat(32), "admin1", Fixtures.T0);
      new Consoles(ledger).setEnabled("booth-1", false, "admin1", Fixtures.T0.plusSeconds(1));
      new Requests(ledger).keep("r-1", "booth-1", "cashier1", "OpenShift", "{}", Fixtures.T0);
      new SecurityEvents(ledger)
          .record(
              SecurityEvents.Kind.FORBIDDEN,
              "booth-1",
              "cashier1",
              "10.0.0.7",
              "CASHIER may not SetLaneMode",
              Fixtures.T0);
    }
    LedgerVerifier.Result result = Fixtures.verify(file());
    assertTrue(result.ok(), result.toString());
  }

  @Test
  void anAccountRowChangedBehindTheLedgersBackFailsVerification() throws Exception {
    try (Ledger ledger = Ledger.open(file(), "demo")) {
      history(ledger);
    }
    assertTrue(Fixtures.verify(file()).ok());
    Fixtures.tamper(file(), "UPDATE accounts SET role = 'ADMIN' WHERE row_id = 1");
    Fixtures.restoreTriggers(file());
    LedgerVerifier.Result result = Fixtures.verify(file());
    assertFalse(result.ok(), "a cashier made admin in the file must not pass: " + result);
  }

  @Test
  void theAccountsTablesTriggersDroppedFailVerification() throws Exception {
    try (Ledger ledger = Ledger.open(file(), "demo")) {
      history(ledger);
    }
    Fixtures.tamper(file());
    LedgerVerifier.Result result = Fixtures.verify(file());
    assertFalse(result.ok());
    String problems = String.join("; ", result.problems());
    for (String table : List.of("accounts", "consoles", "requests", "security_events")) {
      assertTrue(problems.contains(table + "_no_update"), problems);
    }
  }

  @Test
  void theLedgerFileIsReadableByItsOwnerOnly() throws Exception {
    try (Ledger ledger = Ledger.open(dir.resolve("data").resolve("ledger.db"), "demo")) {
      history(ledger);
    }
    assertEquals(
        PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(dir.resolve("data").resolve("ledger.db")));
    assertEquals(
        PosixFilePermissions.fromString("rwx------"),
        Files.getPosixFilePermissions(dir.resolve("data")),
        "the folder it was created in");
  }
}
