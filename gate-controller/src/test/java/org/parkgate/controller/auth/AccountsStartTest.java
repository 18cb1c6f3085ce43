package org.parkgate.controller.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Role;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Ledger;

/**
 * The accounts a controller starts with: a console's old users.yaml taken over once, or the demo.
 */
class AccountsStartTest {
  @TempDir Path dir;
  final Instant now = Instant.parse("2027-01-09T02:00:00Z");

  @Test
  void anOldUsersFileIsTakenOverOnceWithItsHashes() throws Exception {
    String hash = new PasswordHasher().hash("booth-password");
    Path file = dir.resolve("console/users.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "users:\n"
            + "  - {username: zhang.san, name: Zhang San, role: cashier, password: \""
            + hash
            + "\"}\n"
            + "  - {username: boss, role: supervisor, password: \""
            + hash
            + "\", demo: true}\n");
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "site")) {
      AccountsStart.ensure(ledger, file, now);
      Accounts accounts = new Accounts(ledger);
      List<Accounts.Account> all = accounts.list();
      assertEquals(
          List.of("boss", "zhang.san"), all.stream().map(Accounts.Account::username).toList());
      Accounts.Account zhang = accounts.find("zhang.san").orElseThrow();
      assertEquals(Role.CASHIER, zhang.role());
      assertEquals("Zhang San", zhang.displayName());
      assertTrue(new PasswordHasher().verify("booth-password", zhang.passwordHash()));
      // Taken over once: a second start with the file still there adds nothing.
      Files.writeString(
          file, "users:\n  - {username: other, role: admin, password: \"" + hash + "\"}\n");
      AccountsStart.ensure(ledger, file, now);
      assertEquals(2, accounts.list().size());
      assertEquals(List.of(), AccountsStart.demoLoginsInUse(ledger));
    }
  }

  @Test
  void withoutAnOldFileTheDemoAccountsAreAddedAndPrinted() throws Exception {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "site")) {
      AccountsStart.ensure(ledger, dir.resolve("missing.yaml"), now);
      assertEquals(AccountsStart.DEMO_LOGINS, AccountsStart.demoLoginsInUse(ledger));
      Accounts.Account cashier = new Accounts(ledger).find("cashier1").orElseThrow();
      assertTrue(new PasswordHasher().verify("cashier1-demo", cashier.passwordHash()));
    }
  }

  @Test
  void aBrokenOldFileStopsTheStartNamingWhatIsWrongAndRecordsNothing() throws Exception {
    Path file = dir.resolve("users.yaml");
    Files.writeString(file, "users:\n  - {username: x, role: janitor, password: \"p\"}\n");
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "site")) {
      IOException e =
          assertThrows(IOException.class, () -> AccountsStart.ensure(ledger, file, now));
      assertTrue(e.getMessage().contains("users[0]: role must be one of"), e.getMessage());
      assertTrue(new Accounts(ledger).none());
    }
  }
}
