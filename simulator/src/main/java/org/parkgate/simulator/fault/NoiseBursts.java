package org.parkgate.simulator.fault;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/** Puts a burst of garbage bytes in front of a fraction of sent frames, as line noise would. */
final class NoiseBursts extends ChannelOutboundHandlerAdapter {
  private final DeviceFaults faults;
  private final WireProfile profile;

  NoiseBursts(DeviceFaults faults, WireProfile profile) {
    this.faults = faults;
    this.profile = profile;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (faults.chance(faults.current().noise())) {
      ctx.write(Unpooled.wrappedBuffer(profile.noiseBurst(faults)));
    }
    ctx.write(msg, promise);
  }
}
