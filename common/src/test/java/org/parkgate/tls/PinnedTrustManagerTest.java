package org.parkgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class PinnedTrustManagerTest {
  private final TlsIdentity pinned = identity();
  private final TlsIdentity other = identity();
  private final PinnedTrustManager trust = new PinnedTrustManager(pinned.fingerprint());

  private static TlsIdentity identity() {
    try {
      return SelfSignedKeyStore.create("s", List.of(), Clock.systemUTC());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void acceptsThePinnedCertificate() throws Exception {
    trust.checkServerTrusted(new X509Certificate[] {pinned.certificate()}, "ECDHE_ECDSA");
    trust.checkServerTrusted(
        new X509Certificate[] {pinned.certificate()}, "ECDHE_ECDSA", (SSLEngine) null);
  }

  @Test
  void refusesAnyOtherNamingBothFingerprints() {
    PinnedTrustManager.Mismatch m =
        assertThrows(
            PinnedTrustManager.Mismatch.class,
            () ->
                trust.checkServerTrusted(
                    new X509Certificate[] {other.certificate()}, "ECDHE_ECDSA", (SSLEngine) null));
    assertEquals(pinned.fingerprint(), m.expected());
    assertEquals(other.fingerprint(), m.presented());
    assertTrue(m.getMessage().contains(other.fingerprint().toString()));
    assertEquals(
        m, PinnedTrustManager.mismatchIn(new RuntimeException(new RuntimeException(m))).get());
    assertThrows(
        CertificateException.class,
        () -> trust.checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"));
    assertEquals(0, trust.getAcceptedIssuers().length);
  }

  @Test
  void neverVouchesForAClient() {
    assertThrows(
        CertificateException.class,
        () -> trust.checkClientTrusted(new X509Certificate[] {pinned.certificate()}, "EC"));
  }
}
