package org.parkgate.console.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.parkgate.wire.CloseOnError;

/**
 * The pipeline of a browser's connection: TLS when the booth serves HTTPS, HTTP, and WebSocket
 * after an upgrade on /ws.
 */
public final class HttpInitializer extends ChannelInitializer<SocketChannel> {
  /** Login forms and WebSocket upgrades are tiny; anything larger is refused with 413. */
  static final int MAX_REQUEST_BYTES = 16 * 1024;

  static final int MAX_LINE_BYTES = 4 * 1024;
  static final int MAX_HEADER_BYTES = 8 * 1024;

  /** Pages are pinged this often, so a vanished browser is noticed... */
  static final int PING_AFTER_SECONDS = 20;

  /** ...and dropped after this long with nothing from it. */
  static final int IDLE_CLOSE_SECONDS = 75;

  private final HttpServices services;
  private final StaticAssets assets = new StaticAssets();
  private final CloseOnError closeOnError = new CloseOnError("browser");

  private final SslContext tls;

  /**
   * @param tls the booth's server context, or null for plain HTTP
   */
  public HttpInitializer(HttpServices services, SslContext tls) {
    this.services = services;
    this.tls = tls;
  }

  public HttpInitializer(HttpServices services) {
    this(services, null);
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (tls != null) {
      ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
    }
    ch.pipeline()
        .addLast(
            "idle",
            new IdleStateHandler(IDLE_CLOSE_SECONDS, PING_AFTER_SECONDS, 0, TimeUnit.SECONDS))
        .addLast("http", new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, MAX_REQUEST_BYTES))
        .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
        .addLast("router", new HttpRouter(services, assets))
        .addLast("errors", closeOnError);
  }
}
