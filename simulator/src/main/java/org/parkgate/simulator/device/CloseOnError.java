package org.parkgate.simulator.device;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in every device pipeline: an error on one client connection is logged once and that
 * connection closed; the device and its other clients carry on.
 */
@ChannelHandler.Sharable
final class CloseOnError extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(CloseOnError.class);
  private final DeviceLink link;

  CloseOnError(DeviceLink link) {
    this.link = link;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (ctx.channel().isOpen()) {
      log.warn("{}: closing connection from {}: {}", link.name(), ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }
}
