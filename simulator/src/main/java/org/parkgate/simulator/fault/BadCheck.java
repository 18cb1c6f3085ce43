package org.parkgate.simulator.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Damages a fraction of sent frames so they fail their check. Sits right after the encoder, where
 * each write is exactly one frame, so the damage lands on the frame's own check bytes.
 */
final class BadCheck extends ChannelOutboundHandlerAdapter {
  private final DeviceFaults faults;
  private final WireProfile profile;

  BadCheck(DeviceFaults faults, WireProfile profile) {
    this.faults = faults;
    this.profile = profile;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf frame
        && frame.isReadable()
        && faults.chance(faults.current().badCheck())) {
      byte[] bytes = ByteBufUtil.getBytes(frame);
      frame.release();
      ctx.write(Unpooled.wrappedBuffer(profile.damage(bytes, faults)), promise);
    } else {
      ctx.write(msg, promise);
    }
  }
}
