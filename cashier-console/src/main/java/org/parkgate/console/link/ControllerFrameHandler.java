package org.parkgate.console.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.parkgate.api.ApiJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the controller's text frames into API messages for {@link ControllerLink}. */
final class ControllerFrameHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(ControllerFrameHandler.class);
  private final ControllerLink link;

  ControllerFrameHandler(ControllerLink link) {
    this.link = link;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      link.handshaken(ctx.channel());
    } else if (evt instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      } else if (idle.state() == IdleState.READER_IDLE) {
        log.warn(
            "controller link: nothing heard for {} s, reconnecting",
            ControllerLinkInitializer.DEAD_AFTER_SECONDS);
        ctx.close();
      }
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
    String text = frame.text();
    try {
      link.received(ctx.channel(), ApiJson.read(text, ApiJson.MAX_ANSWER_BYTES));
    } catch (ApiJson.BadMessageException e) {
      // One bad frame is the controller's bug, not a reason to drop the booth's link.
      log.warn("controller link: ignoring a frame the API does not know: {}", e.getMessage());
    }
  }
}
