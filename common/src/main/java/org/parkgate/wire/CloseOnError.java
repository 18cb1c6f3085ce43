package org.parkgate.wire;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every pipeline: whatever went wrong upstream is logged once, with the link it
 * happened on, and the connection is closed so the peer (and our reconnect logic) notices.
 */
@ChannelHandler.Sharable
public final class CloseOnError extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CloseOnError.class);
  private final String link;

  public CloseOnError(String link) {
    this.link = link;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (ctx.channel().isOpen()) {
      log.warn(
          "{} {}: closing after error: {}", link, ctx.channel().remoteAddress(), cause.toString());
      log.debug("{} error detail", link, cause);
      ctx.close();
    }
  }
}
