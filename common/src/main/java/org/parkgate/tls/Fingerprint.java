package org.parkgate.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 of a certificate's DER encoding, written {@code sha256:<64 lower-case hex>}: what a
 * process prints at start and what a console pins.
 */
public record Fingerprint(String hex) {
  private static final String PREFIX = "sha256:";

  public Fingerprint {
    if (hex == null || !hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a SHA-256 fingerprint is 64 lower-case hex digits");
    }
  }

  public static Fingerprint of(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return new Fingerprint(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      // Every JDK has SHA-256, and a certificate we hold was decoded from DER in the first place.
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }

  /**
   * Reads {@code sha256:<hex>}, in either case, with or without colons between byte pairs (as
   * {@code keytool} and browsers show it).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Fingerprint parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (!t.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a fingerprint: expected sha256:<64 hex digits>");
    }
    String hex = t.substring(PREFIX.length());
    if (hex.matches("[0-9a-f]{2}(:[0-9a-f]{2}){31}")) {
      hex = hex.replace(":", "");
    }
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a fingerprint: expected sha256:<64 hex digits>");
    }
    return new Fingerprint(hex);
  }

  @Override
  public String toString() {
    return PREFIX + hex;
  }
}
