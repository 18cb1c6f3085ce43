package org.parkgate.simulator.fault;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * A silent device: the connection stays up but every byte received is ignored and nothing is sent,
 * like a module whose processor has hung behind a live serial device server.
 */
final class SilentGate extends ChannelDuplexHandler {
  private final DeviceFaults faults;

  SilentGate(DeviceFaults faults) {
    this.faults = faults;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (faults.current().silent()) {
      ReferenceCountUtil.release(msg);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (faults.current().silent()) {
      ReferenceCountUtil.release(msg);
      promise.trySuccess();
    } else {
      ctx.write(msg, promise);
    }
  }
}
