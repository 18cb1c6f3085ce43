package org.parkgate.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A private key and the self-signed certificate a server presents with it. */
public record TlsIdentity(PrivateKey key, X509Certificate certificate) {
  public Fingerprint fingerprint() {
    return Fingerprint.of(certificate);
  }
}
