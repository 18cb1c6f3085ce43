package org.parkgate.controller.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in the self-describing form {@code
 * pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}, so the iteration count can rise later without
 * invalidating stored hashes.
 */
public final class PasswordHasher {
  public static final String SCHEME = "pbkdf2-sha256";

  /** Above the 100k floor we promise; about 0.1 s per check on a small booth PC. */
  public static final int DEFAULT_ITERATIONS = 120_000;

  private static final int MIN_ITERATIONS = 100_000;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final SecureRandom random = new SecureRandom();
  private final int iterations;

  public PasswordHasher() {
    this(DEFAULT_ITERATIONS);
  }

  public PasswordHasher(int iterations) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "iterations must be within " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
    }
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** True when the password matches; a malformed stored hash never matches. */
  public boolean verify(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[1]);
      if (storedIterations < MIN_ITERATIONS || storedIterations > MAX_ITERATIONS) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      byte[] actual = derive(password, salt, storedIterations);
      // Constant time, so response timing does not reveal how much of the hash matched.
      return expected.length == HASH_BITS / 8 && MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the same time as a real check, for unknown user names. */
  public void burn(String password) {
    derive(password, "parkgate-no-user".getBytes(StandardCharsets.US_ASCII), iterations);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}
