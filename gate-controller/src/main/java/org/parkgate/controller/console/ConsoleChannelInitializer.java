package org.parkgate.controller.console;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.parkgate.api.ApiJson;
import org.parkgate.controller.command.CommandPipeline;

/**
 * The console API link: TLS when configured, HTTP upgraded to a WebSocket at {@value #PATH}, one
 * JSON message per text frame.
 */
public final class ConsoleChannelInitializer extends ChannelInitializer<SocketChannel> {
  public static final String PATH = "/console";

  /** The handshake request is small; anything larger is not a console. */
  private static final int MAX_HANDSHAKE_BYTES = 8 * 1024;

  /** A console that says nothing for this long, not even a ping, is gone. */
  private static final int READER_IDLE_SECONDS = 60;

  private final CommandPipeline pipeline;
  private final SslContext tls;

  /**
   * @param tls the server context to wrap every connection in, or null for plain ws
   */
  public ConsoleChannelInitializer(CommandPipeline pipeline, SslContext tls) {
    this.pipeline = pipeline;
    this.tls = tls;
  }

  public ConsoleChannelInitializer(CommandPipeline pipeline) {
    this(pipeline, null);
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (tls != null) {
      ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
    }
    ch.pipeline()
        .addLast("http", new HttpServerCodec())
        .addLast("aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_BYTES))
        .addLast("idle", new IdleStateHandler(READER_IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
        .addLast(
            "websocket",
            new WebSocketServerProtocolHandler(
                WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath(PATH)
                    .maxFramePayloadLength(ApiJson.MAX_MESSAGE_BYTES)
                    .checkStartsWith(false)
                    .build()))
        .addLast("commands", new ConsoleCommandHandler(pipeline));
  }
}
