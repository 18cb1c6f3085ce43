package org.parkgate.console.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;
import org.parkgate.site.SiteConfig;
import org.parkgate.tls.SelfSignedKeyStore;
import org.parkgate.tls.TlsIdentity;

/**
 * The booth UI's own certificate ({@code console.https}): made in the console's data folder at
 * first start and kept, so a browser told to trust it once goes on trusting it.
 */
public final class BoothTls {
  /** The keystore's name inside {@code console.dataDir}. */
  public static final String KEYSTORE = "booth-tls.p12";

  private BoothTls() {}

  public static TlsIdentity identity(SiteConfig site, SiteConfig.ConsoleSettings settings)
      throws IOException {
    Path file = settings.dataDir().resolve(KEYSTORE);
    return SelfSignedKeyStore.loadOrCreate(file, site.id(), List.of(settings.bindHost()));
  }

  /** A server context presenting that identity, TLS 1.3 or 1.2 only. */
  public static SslContext serverContext(TlsIdentity identity) throws SSLException {
    return SslContextBuilder.forServer(identity.key(), identity.certificate())
        .sslProvider(SslProvider.JDK)
        .protocols("TLSv1.3", "TLSv1.2")
        .build();
  }
}
