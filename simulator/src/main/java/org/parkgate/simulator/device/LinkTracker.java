package org.parkgate.simulator.device;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers each client connection with its device link while it is open. */
@ChannelHandler.Sharable
final class LinkTracker extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(LinkTracker.class);
  private final DeviceLink link;

  LinkTracker(DeviceLink link) {
    this.link = link;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (link.faults().current().disconnect()) {
      // Accepted just before a disconnect fault closed the listening socket: it goes too.
      ctx.close();
      return;
    }
    link.connected(ctx.channel());
    log.info(
        "{}: client {} connected ({} now)",
        link.name(),
        ctx.channel().remoteAddress(),
        link.clientCount());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    link.disconnected(ctx.channel());
    log.info(
        "{}: client {} disconnected ({} left)",
        link.name(),
        ctx.channel().remoteAddress(),
        link.clientCount());
    ctx.fireChannelInactive();
  }
}
