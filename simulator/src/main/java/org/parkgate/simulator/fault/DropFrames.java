package org.parkgate.simulator.fault;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * Loses a fraction of whole frames. A device that answers loses its replies and reports (placed
 * where each write is one encoded frame); a display, which answers nothing, loses frames it is sent
 * (placed after its decoder), so a row is not updated and the controller cannot tell.
 */
final class DropFrames extends ChannelDuplexHandler {
  /** Which way the frames this instance may lose travel. */
  enum Direction {
    SENT,
    RECEIVED
  }

  private final DeviceFaults faults;
  private final Direction direction;

  DropFrames(DeviceFaults faults, Direction direction) {
    this.faults = faults;
    this.direction = direction;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (direction == Direction.RECEIVED && faults.chance(faults.current().drop())) {
      ReferenceCountUtil.release(msg);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (direction == Direction.SENT && faults.chance(faults.current().drop())) {
      ReferenceCountUtil.release(msg);
      promise.trySuccess();
    } else {
      ctx.write(msg, promise);
    }
  }
}
