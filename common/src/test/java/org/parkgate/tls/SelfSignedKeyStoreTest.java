package org.parkgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedKeyStoreTest {
  @TempDir Path dir;

  @Test
  void isMadeOwnerOnlyOnFirstUseAndReadBackAfter() throws Exception {
    Path file = dir.resolve("data").resolve("console-tls.p12");
    TlsIdentity first = SelfSignedKeyStore.loadOrCreate(file, "demo", List.of("10.1.2.3"));

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    TlsIdentity again = SelfSignedKeyStore.loadOrCreate(file, "demo", List.of("10.1.2.3"));
    assertEquals(first.fingerprint(), again.fingerprint());
    assertEquals(first.key(), again.key());
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void theCertificateNamesTheSiteAndTheHostsAndLastsTenYears() throws Exception {
    TlsIdentity id =
        SelfSignedKeyStore.loadOrCreate(
            dir.resolve("k.p12"), "car park, north", List.of("gate.example", "10.1.2.3"));
    var cert = id.certificate();
    assertEquals("CN=car park\\, north", cert.getSubjectX500Principal().getName());
    assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
    cert.verify(cert.getPublicKey());
    assertTrue(id.key() instanceof ECPrivateKey);
    Set<String> names =
        cert.getSubjectAlternativeNames().stream()
            .map(n -> n.get(1).toString())
            .collect(Collectors.toSet());
    assertEquals(Set.of("gate.example", "10.1.2.3", "localhost", "127.0.0.1"), names);
    long days =
        Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
    assertTrue(days >= 3650 && days <= 3651, days + " days");
    cert.checkValidity();
  }

  @Test
  void eachNewFileHasANewKey() throws Exception {
    assertNotEquals(
        SelfSignedKeyStore.loadOrCreate(dir.resolve("a.p12"), "s", List.of()).fingerprint(),
        SelfSignedKeyStore.loadOrCreate(dir.resolve("b.p12"), "s", List.of()).fingerprint());
  }

  @Test
  void aDamagedFileIsAnErrorNotReplaced() throws Exception {
    Path file = dir.resolve("k.p12");
    Files.writeString(file, "not a keystore");
    assertThrows(IOException.class, () -> SelfSignedKeyStore.loadOrCreate(file, "s", List.of()));
    assertEquals("not a keystore", Files.readString(file));
  }
}
