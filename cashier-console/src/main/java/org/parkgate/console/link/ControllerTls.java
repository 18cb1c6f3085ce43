package org.parkgate.console.link;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.URI;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.parkgate.tls.Fingerprint;
import org.parkgate.tls.PinnedTrustManager;

/**
 * What the controller URL asks of the link: {@code ws://} in clear, or {@code wss://} trusting
 * exactly the pinned controller certificate. Checked before anything is started, so a bad setting
 * stops the console at start rather than as an endless reconnect.
 */
public final class ControllerTls {
  private ControllerTls() {}

  /**
   * Checks a controller URL and pin before anything is started; true when the link is TLS.
   *
   * @throws IllegalArgumentException for a URL that is not ws or wss, or wss with no pin
   */
  public static boolean check(URI uri, Fingerprint pin) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "controller URL must be ws://host:port/path or wss://host:port/path, not '" + uri + "'");
    }
    if (scheme.equals("wss") && pin == null) {
      throw new IllegalArgumentException(
          "controller URL "
              + uri
              + " is wss:// but no certificate is pinned: set console.controllerFingerprint (or"
              + " --controller-fingerprint) to the sha256 the controller prints at start");
    }
    return scheme.equals("wss");
  }

  /**
   * The client TLS for {@code uri}, or null for {@code ws://}.
   *
   * @throws IllegalArgumentException as {@link #check}
   */
  static SslContext forUrl(URI uri, Fingerprint pin) {
    return check(uri, pin) ? pinnedContext(pin) : null;
  }

  /** TLS 1.3 or 1.2, trusting the pinned certificate only; the pin makes a host-name check moot. */
  private static SslContext pinnedContext(Fingerprint pin) {
    try {
      return SslContextBuilder.forClient()
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .trustManager(new PinnedTrustManager(pin))
          .endpointIdentificationAlgorithm(null)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the controller link", e);
    }
  }
}
