package org.parkgate.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PKCS#12 file holding one EC P-256 key and its self-signed certificate, made the first time it
 * is asked for and read back ever after, so the fingerprint consoles pin stays the same across
 * restarts.
 */
public final class SelfSignedKeyStore {
  private static final Logger log = LoggerFactory.getLogger(SelfSignedKeyStore.class);

  /**
   * Not a secret. The file's owner-only mode is what protects the key: a random password would have
   * to be kept beside it, readable by the same user, and so would protect nothing more. PKCS#12
   * simply requires some password.
   */
  static final char[] PASSWORD = "parkgate-not-a-secret".toCharArray();

  private static final String ALIAS = "parkgate";
  static final Duration VALIDITY = Duration.ofDays(3650);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SelfSignedKeyStore() {}

  /**
   * Reads the identity in {@code file}, or makes one there (CN {@code commonName}, SAN {@code
   * hosts} plus localhost and 127.0.0.1) if the file does not exist yet. A file that exists but
   * cannot be read is an error, never silently replaced: consoles have its fingerprint pinned.
   */
  public static TlsIdentity loadOrCreate(Path file, String commonName, List<String> hosts)
      throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    TlsIdentity made = create(commonName, hosts, Clock.systemUTC());
    write(file, made);
    log.info("tls: made {} for {} ({})", file, commonName, made.fingerprint());
    return made;
  }

  static TlsIdentity load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      for (String alias : java.util.Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)
            && store.getKey(alias, PASSWORD) instanceof PrivateKey key
            && store.getCertificate(alias) instanceof X509Certificate cert) {
          warnIfOpen(file);
          return new TlsIdentity(key, cert);
        }
      }
      throw new IOException(file + " holds no private key with a certificate");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Makes a fresh key pair and a certificate for it valid for {@link #VALIDITY}. */
  static TlsIdentity create(String commonName, List<String> hosts, Clock clock) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
      // An hour back, so a console whose clock is a little behind still accepts it as valid.
      Instant from = clock.instant().minus(Duration.ofHours(1));
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
              Date.from(from),
              Date.from(from.plus(VALIDITY)),
              subject,
              pair.getPublic());
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new TlsIdentity(pair.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IOException("cannot make a certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralNames alternativeNames(List<String> hosts) {
    Set<String> all = new LinkedHashSet<>();
    for (String h : hosts) {
      // A wildcard bind address names no host a client could reach.
      if (h != null && !h.isBlank() && !h.equals("0.0.0.0") && !h.equals("::")) {
        all.add(h.trim());
      }
    }
    all.add("localhost");
    all.add("127.0.0.1");
    List<GeneralName> names = new ArrayList<>();
    for (String h : all) {
      boolean address = h.matches("[0-9.]+") || h.contains(":");
      names.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, h));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  /**
   * Writes to a new owner-only file beside the target, then renames it into place: the key is never
   * readable by others, not even for a moment, and a crash never leaves half a file.
   */
  private static void write(Path file, TlsIdentity identity) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", attributes);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          ALIAS, identity.key(), PASSWORD, new Certificate[] {identity.certificate()});
      try (OutputStream out = Files.newOutputStream(tmp)) {
        store.store(out, PASSWORD);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void warnIfOpen(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
        && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
      log.warn("tls: {} is readable by others; it holds a private key, make it mode 0600", file);
    }
  }
}
