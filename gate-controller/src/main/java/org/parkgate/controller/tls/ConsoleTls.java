package org.parkgate.controller.tls;

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
 * The console API's certificate: made in the data folder at first start, the same one ever after,
 * so the fingerprint consoles pin survives restarts.
 */
public final class ConsoleTls {
  /** The keystore's name inside the controller's data folder. */
  public static final String KEYSTORE = "console-tls.p12";

  private ConsoleTls() {}

  /** Reads the controller's identity from {@code dataDir}, making it on the first start. */
  public static TlsIdentity identity(SiteConfig site, Path dataDir) throws IOException {
    return SelfSignedKeyStore.loadOrCreate(
        dataDir.resolve(KEYSTORE), site.id(), List.of(site.controller().bindHost()));
  }

  /** A server context presenting that identity, TLS 1.3 or 1.2 only. */
  public static SslContext serverContext(TlsIdentity identity) throws SSLException {
    return SslContextBuilder.forServer(identity.key(), identity.certificate())
        .sslProvider(SslProvider.JDK)
        .protocols("TLSv1.3", "TLSv1.2")
        .build();
  }
}
