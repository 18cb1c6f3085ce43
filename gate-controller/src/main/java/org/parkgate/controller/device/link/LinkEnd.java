package org.parkgate.controller.device.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every device link: an error anywhere in the pipeline is logged once and
 * closes the channel, so the link reconnects from a clean state; a closed channel is reported to
 * the devices behind the link.
 */
public final class LinkEnd extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(LinkEnd.class);

  private final String link;
  private final Consumer<String> onDown;
  private String failure;

  /**
   * @param onDown told why the link went down, once per channel
   */
  public LinkEnd(String link, Consumer<String> onDown) {
    this.link = link;
    this.onDown = onDown;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failure == null) {
      failure = cause.getMessage() != null ? cause.getMessage() : cause.toString();
      log.warn("{}: {}; closing the link", link, failure);
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    onDown.accept(failure != null ? "link failed: " + failure : "connection lost");
    ctx.fireChannelInactive();
  }
}
