package org.parkgate.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, named by its fingerprint, and nothing else: no CA, no
 * expiry or host-name check, since the pin is exact and the certificate self-signed. It extends
 * {@link X509ExtendedTrustManager} so that the JDK does not add a host-name check of its own.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {
  private final Fingerprint expected;

  public PinnedTrustManager(Fingerprint expected) {
    this.expected = expected;
  }

  /** A server presented a certificate other than the pinned one. */
  public static final class Mismatch extends CertificateException {
    private final transient Fingerprint expected;
    private final transient Fingerprint presented;

    Mismatch(Fingerprint expected, Fingerprint presented) {
      super("certificate " + presented + " is not the pinned " + expected);
      this.expected = expected;
      this.presented = presented;
    }

    public Fingerprint expected() {
      return expected;
    }

    public Fingerprint presented() {
      return presented;
    }
  }

  /** The pin mismatch somewhere in a failure's causes, if that is what it was. */
  public static java.util.Optional<Mismatch> mismatchIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof Mismatch m) {
        return java.util.Optional.of(m);
      }
    }
    return java.util.Optional.empty();
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate");
    }
    Fingerprint presented = Fingerprint.of(chain[0]);
    if (!presented.equals(expected)) {
      throw new Mismatch(expected, presented);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager checks servers only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
