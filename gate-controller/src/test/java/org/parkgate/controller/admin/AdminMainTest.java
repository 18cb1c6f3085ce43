package org.parkgate.controller.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.ConsoleCredentials;
import org.parkgate.controller.auth.PasswordHasher;
import org.parkgate.controller.ledger.Accounts;
import org.parkgate.controller.ledger.Consoles;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;

/** ./parking users and ./parking consoles, run as an administrator would on a ledger file. */
class AdminMainTest {
  @TempDir Path dir;
  final Clock clock = Clock.fixed(Instant.parse("2027-01-09T02:00:00Z"), ZoneOffset.UTC);
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Path db() {
    return dir.resolve("data/ledger.db");
  }

  int users(String stdin, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--db");
    all.add(db().toString());
    return new UsersMain(
            clock,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all);
  }

  int consoles(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--db");
    all.add(db().toString());
    return new ConsolesMain(
            clock,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anAdminAddsAUserChangesTheirPasswordAndRoleAndDisablesThem() throws Exception {
    assertEquals(
        0,
        users(
            "first-password\n",
            "add",
            "li.wei",
            "--role",
            "cashier",
            "--name",
            "Li Wei",
            "--by",
            "admin1"),
        err());
    assertEquals(0, users("second-password\n", "passwd", "li.wei", "--by", "admin1"), err());
    assertEquals(0, users("", "role", "li.wei", "--role", "supervisor", "--by", "admin1"), err());
    assertEquals(0, users("", "disable", "li.wei", "--by", "admin1"), err());
    try (Ledger ledger = Ledger.open(db(), "site")) {
      Accounts.Account a = new Accounts(ledger).find("li.wei").orElseThrow();
      assertEquals(Role.SUPERVISOR, a.role());
      assertEquals("Li Wei", a.displayName());
      assertFalse(a.enabled());
      assertTrue(new PasswordHasher().verify("second-password", a.passwordHash()));
      assertFalse(new PasswordHasher().verify("first-password", a.passwordHash()));
    }
    assertEquals(0, users("", "list"));
    assertTrue(
        out().contains("li.wei") && out().contains("supervisor") && out().contains("disabled"),
        out());
    assertTrue(LedgerVerifier.verify(db(), java.util.Optional.empty()).ok(), "still verifies");
  }

  @Test
  void badInputIsRefusedNamingWhatIsWrongAndChangesNothing() throws Exception {
    assertEquals(2, users("short\n", "add", "bob", "--role", "cashier", "--by", "a"));
    assertTrue(err().contains("the password must be 8-256 characters"), err());
    assertEquals(2, users("long-enough\n", "add", "bob", "--role", "janitor", "--by", "a"));
    assertTrue(err().contains("role 'janitor' must be one of"), err());
    assertEquals(2, users("long-enough\n", "add", "bob smith", "--role", "cashier", "--by", "a"));
    assertTrue(err().contains("user name 'bob smith'"), err());
    assertEquals(2, users("long-enough\n", "add", "bob", "--role", "cashier"));
    assertTrue(err().contains("--by is needed"), err());
    assertEquals(1, users("long-enough\n", "passwd", "nobody", "--by", "a"));
    assertTrue(err().contains("no user 'nobody'"), err());
    try (Ledger ledger = Ledger.open(db(), "site")) {
      assertTrue(new Accounts(ledger).none(), "nothing was recorded");
    }
  }

  @Test
  void aConsoleIsEnrolledWithAnOwnerOnlyCredentialFileAndDisabled() throws Exception {
    Path file = dir.resolve("console/booth-2.credential");
    assertEquals(
        0,
        consoles("add", "booth-2", "--credential-file", file.toString(), "--by", "admin1"),
        err());
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file));
    String credential = Files.readString(file).strip();
    try (Ledger ledger = Ledger.open(db(), "site")) {
      Consoles.Enrolled c = new Consoles(ledger).find("booth-2").orElseThrow();
      assertTrue(ConsoleCredentials.matches(credential, c.credentialHash()));
      assertFalse(c.credentialHash().contains(credential), "only a hash is kept");
    }
    // ensure keeps a working credential
    assertEquals(0, consoles("ensure", "booth-2", "--credential-file", file.toString()));
    assertEquals(credential, Files.readString(file).strip());
    assertEquals(0, consoles("disable", "booth-2", "--by", "admin1"));
    assertEquals(1, consoles("disable", "booth-2", "--by", "admin1"));
    assertTrue(err().contains("disabled already"), err());
    assertEquals(0, consoles("list"));
    assertTrue(out().contains("booth-2") && out().contains("disabled"), out());
    assertEquals(2, consoles("add", "bad id!", "--by", "x"));
    assertTrue(err().contains("console id 'bad id!'"), err());
  }
}
