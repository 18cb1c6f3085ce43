package org.parkgate.controller.device.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hex-dumps every byte in and out of a device link at debug level, the one place traffic is logged:
 * first in the pipeline, so it shows the bytes exactly as they crossed the wire.
 */
@ChannelHandler.Sharable
public final class WireLog extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(WireLog.class);

  private final String link;

  public WireLog(String link) {
    this.link = link;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (log.isDebugEnabled() && msg instanceof ByteBuf b) {
      log.debug("{}: in  {}", link, ByteBufUtil.hexDump(b));
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (log.isDebugEnabled() && msg instanceof ByteBuf b) {
      log.debug("{}: out {}", link, ByteBufUtil.hexDump(b));
    }
    ctx.write(msg, promise);
  }
}
