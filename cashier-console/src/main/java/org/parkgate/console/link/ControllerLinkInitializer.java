package org.parkgate.console.link;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.parkgate.api.ApiJson;
import org.parkgate.wire.CloseOnError;

/**
 * The pipeline of the console's WebSocket connection to the gate-controller, TLS first when the URL
 * is {@code wss://}: the WebSocket handshake waits behind it, so nothing leaves before the
 * controller's certificate has passed the pin.
 */
final class ControllerLinkInitializer extends ChannelInitializer<SocketChannel> {
  /** Handshake responses are headers only; anything bigger is not a WebSocket server. */
  private static final int MAX_HANDSHAKE_BYTES = 8 * 1024;

  /** A ping this often keeps the link proven even when the car park is quiet. */
  static final int PING_AFTER_SECONDS = 10;

  /** No frame (not even a pong) for this long means the controller is gone. */
  static final int DEAD_AFTER_SECONDS = 30;

  private static final int HANDSHAKE_TIMEOUT_MILLIS = 5_000;

  private final URI uri;
  private final int port;
  private final SslContext tls;
  private final ControllerLink link;

  ControllerLinkInitializer(URI uri, int port, SslContext tls, ControllerLink link) {
    this.uri = uri;
    this.port = port;
    this.tls = tls;
    this.link = link;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (tls != null) {
      ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), uri.getHost(), port));
    }
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(ApiJson.MAX_ANSWER_BYTES)
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
            .dropPongFrames(true)
            .build();
    ch.pipeline()
        .addLast(
            "idle",
            new IdleStateHandler(DEAD_AFTER_SECONDS, PING_AFTER_SECONDS, 0, TimeUnit.SECONDS))
        .addLast("http", new HttpClientCodec())
        .addLast("handshake-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES))
        .addLast("websocket", new WebSocketClientProtocolHandler(config))
        .addLast("frame-aggregator", new WebSocketFrameAggregator(ApiJson.MAX_ANSWER_BYTES))
        .addLast("messages", new ControllerFrameHandler(link))
        .addLast("errors", new CloseOnError("controller link"));
  }
}
