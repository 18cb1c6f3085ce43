package org.parkgate.simulator.fault;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.TimeUnit;

/**
 * Sends every frame {@code delayMs} late, in order: a reply that arrives after the master's
 * timeout, possibly while it waits for the answer to its next request.
 */
final class LateFrames extends ChannelOutboundHandlerAdapter {
  private final DeviceFaults faults;

  /** When the last held frame goes out; later frames never overtake it. */
  private long lastDue;

  LateFrames(DeviceFaults faults) {
    this.faults = faults;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    long now = System.nanoTime();
    long due = Math.max(now + TimeUnit.MILLISECONDS.toNanos(faults.current().delayMs()), lastDue);
    if (due <= now) {
      ctx.write(msg, promise);
      return;
    }
    lastDue = due;
    // Same-deadline tasks run in submission order, so frames held together keep their order.
    ctx.executor().schedule(() -> ctx.writeAndFlush(msg, promise), due - now, TimeUnit.NANOSECONDS);
  }
}
