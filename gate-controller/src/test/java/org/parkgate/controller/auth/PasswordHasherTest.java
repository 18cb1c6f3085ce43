package org.parkgate.controller.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void theRightPasswordVerifiesAndAWrongOneDoesNot() {
    String hash = hasher.hash("cashier1-demo");
    assertTrue(hasher.verify("cashier1-demo", hash));
    assertFalse(hasher.verify("cashier1-dem0", hash));
    assertFalse(hasher.verify("", hash));
  }

  @Test
  void theHashNamesItsSchemeAndAtLeast100kIterationsAndHidesThePassword() {
    String hash = hasher.hash("secret-password");
    String[] parts = hash.split("\\$");
    assertEquals(4, parts.length, hash);
    assertEquals("pbkdf2-sha256", parts[0]);
    assertTrue(Integer.parseInt(parts[1]) >= 100_000, hash);
    assertFalse(hash.contains("secret-password"));
  }

  @Test
  void theSamePasswordGetsADifferentSaltEachTime() {
    String a = hasher.hash("same");
    String b = hasher.hash("same");
    assertNotEquals(a, b);
    assertTrue(hasher.verify("same", a));
    assertTrue(hasher.verify("same", b));
  }

  @Test
  void malformedOrWeakStoredHashesNeverMatch() {
    String good = hasher.hash("pw");
    String[] p = good.split("\\$");
    assertFalse(hasher.verify("pw", null));
    assertFalse(hasher.verify("pw", "plain-text-password"));
    assertFalse(hasher.verify("pw", "md5$1$abc$def"));
    assertFalse(
        hasher.verify("pw", p[0] + "$1000$" + p[2] + "$" + p[3]), "too few iterations is refused");
    assertFalse(hasher.verify("pw", p[0] + "$" + p[1] + "$!!notbase64$" + p[3]));
    assertFalse(
        hasher.verify("pw", p[0] + "$" + p[1] + "$" + p[2] + "$" + p[3].substring(4)),
        "truncated hash");
  }

  @Test
  void tooFewIterationsCannotBeConfigured() {
    assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(10_000));
  }
}
