package org.parkgate.controller.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The site's Ed25519 key pair, which signs the ledger's anchors. Made at the controller's first
 * start in its data folder, beside the ledger and never in it: {@code site-key} (the private key,
 * readable by the controller's user only) and {@code site-key.pub} (the public key, for auditors to
 * keep off the box). Keys are written as one line of base64: PKCS#8 and X.509 encodings.
 */
public final class SiteKey {
  static final String ALGORITHM = "Ed25519";
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private SiteKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * The key pair in {@code dataDir}, made now if there is none.
   *
   * @throws LedgerException naming the file when a key is there but cannot be read
   */
  public static SiteKey loadOrCreate(Path dataDir) {
    Path secret = dataDir.resolve("site-key");
    Path shared = dataDir.resolve("site-key.pub");
    try {
      if (!Files.exists(secret)) {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        OwnerOnly.writeNew(secret, B64.encodeToString(pair.getPrivate().getEncoded()) + "\n");
        Files.deleteIfExists(shared);
        Files.writeString(shared, B64.encodeToString(pair.getPublic().getEncoded()) + "\n");
        return new SiteKey(pair.getPrivate(), pair.getPublic());
      }
      PrivateKey key =
          KeyFactory.getInstance(ALGORITHM)
              .generatePrivate(
                  new PKCS8EncodedKeySpec(
                      Base64.getDecoder().decode(Files.readString(secret).strip())));
      PublicKey pub = publicKey(Files.readString(shared));
      SiteKey site = new SiteKey(key, pub);
      if (!verify(
          pub,
          "site-key check".getBytes(StandardCharsets.UTF_8),
          site.sign("site-key check".getBytes(StandardCharsets.UTF_8)))) {
        throw new LedgerException(shared + " is not the public half of " + secret);
      }
      return site;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new LedgerException(
          "site key in " + dataDir + " cannot be read or made: " + e.getMessage(), e);
    }
  }

  /**
   * A public key as printed: base64 of its X.509 encoding, surrounding space ignored.
   *
   * @throws IllegalArgumentException if it is not an Ed25519 public key
   */
  public static PublicKey publicKey(String text) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text.strip())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an Ed25519 public key as the controller prints it (one line of base64): "
              + e.getMessage());
    }
  }

  PublicKey publicKey() {
    return publicKey;
  }

  /** This site's public key as printed. */
  public String publicKeyText() {
    return text(publicKey);
  }

  static String text(PublicKey key) {
    return B64.encodeToString(key.getEncoded());
  }

  byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new LedgerException("cannot sign with the site key: " + e.getMessage(), e);
    }
  }

  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
