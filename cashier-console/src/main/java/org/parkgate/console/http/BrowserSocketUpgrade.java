package org.parkgate.console.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.parkgate.console.auth.Session;

/**
 * Turns an authenticated browser connection into the booth page's WebSocket: added behind the
 * router only once the session is proven, so no unauthenticated upgrade ever reaches it.
 */
final class BrowserSocketUpgrade {
  /** The page sends small commands only. */
  static final int MAX_FRAME_BYTES = 16 * 1024;

  private BrowserSocketUpgrade() {}

  static void install(ChannelHandlerContext router, HttpServices services, Session session) {
    WebSocketServerProtocolConfig config =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/ws")
            .maxFramePayloadLength(MAX_FRAME_BYTES)
            .handshakeTimeoutMillis(5_000)
            .build();
    router
        .pipeline()
        .addAfter(router.name(), "websocket", new WebSocketServerProtocolHandler(config))
        .addAfter("websocket", "frame-aggregator", new WebSocketFrameAggregator(MAX_FRAME_BYTES))
        .addAfter("frame-aggregator", "booth-page", new BrowserSocketHandler(services, session));
  }
}
