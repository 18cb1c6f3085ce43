package org.parkgate.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void aMissingFileIsCreatedWithHashedDemoAccounts(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("console/users.yaml");
    UserStore store = UserStore.loadOrCreate(file, hasher);

    String text = Files.readString(file);
    for (UserStore.DemoLogin d : UserStore.DEMO_LOGINS) {
      assertFalse(text.contains(d.password()), "no plain password in the file");
      UserAccount account = store.find(d.username()).orElseThrow();
      assertEquals(d.role(), account.role());
      assertTrue(hasher.verify(d.password(), account.passwordHash()), d.username());
    }
    assertEquals(UserStore.DEMO_LOGINS, store.demoLoginsInUse());
    // Started again, the same file is read, not rewritten.
    UserStore.loadOrCreate(file, hasher);
    assertEquals(text, Files.readString(file));
  }

  @Test
  void anAccountWithItsOwnPasswordIsNotPrintedAsDemo(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("users.yaml");
    Files.writeString(
        file,
        "users:\n  - username: cashier1\n    role: cashier\n    password: \""
            + hasher.hash("own-secret")
            + "\"\n");
    UserStore store = UserStore.load(file);
    assertTrue(store.find("cashier1").isPresent());
    assertTrue(store.demoLoginsInUse().isEmpty());
  }

  @Test
  void mistakesInTheFileAreNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("users.yaml");
    Files.writeString(file, "users:\n  - username: c1\n    role: janitor\n    password: \"x\"\n");
    assertTrue(
        assertThrows(IOException.class, () -> UserStore.load(file))
            .getMessage()
            .contains("users[0]: role must be"));
    Files.writeString(file, "users:\n  - username: c1\n    role: cashier\n    password: plain\n");
    assertTrue(
        assertThrows(IOException.class, () -> UserStore.load(file))
            .getMessage()
            .contains("--hash-password"));
    Files.writeString(
        file,
        "users:\n  - username: c1\n    role: cashier\n    password: \""
            + hasher.hash("p")
            + "\"\n    pin: 1\n");
    assertTrue(
        assertThrows(IOException.class, () -> UserStore.load(file))
            .getMessage()
            .contains("unknown key 'pin'"));
  }
}
