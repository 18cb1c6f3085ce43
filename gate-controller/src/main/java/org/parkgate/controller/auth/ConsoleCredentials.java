package org.parkgate.controller.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A console's credential: 32 random bytes, given once at enrolment; the controller keeps only its
 * SHA-256. A random secret this long needs no slow hash: nothing can be guessed from its digest.
 */
public final class ConsoleCredentials {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ConsoleCredentials() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Enrols {@code consoleId} for every role in the ledger with a new credential and returns it:
   * what {@code ./parking consoles add} does, for a program that starts consoles itself.
   */
  public static String enrol(
      org.parkgate.controller.ledger.Ledger ledger,
      String consoleId,
      String by,
      java.time.Instant at) {
    String credential = generate();
    new org.parkgate.controller.ledger.Consoles(ledger).add(consoleId, hash(credential), by, at);
    return credential;
  }

  public static String hash(String credential) {
    return HexFormat.of().formatHex(sha256(credential));
  }

  /** True when {@code credential} is the one whose hash is {@code storedHash}; constant time. */
  public static boolean matches(String credential, String storedHash) {
    if (credential == null || storedHash == null) {
      return false;
    }
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(storedHash);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, sha256(credential));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
