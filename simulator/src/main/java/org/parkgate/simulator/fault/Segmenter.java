package org.parkgate.simulator.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.TimeUnit;

/**
 * Decides how sent bytes are cut into writes, as a serial device server's packing timers do. With
 * merge on, bytes written within {@link #MERGE_WINDOW_MS} go out together (several frames, or noise
 * and a frame, in one write); with split on, they go out in chunks of random length, cut anywhere
 * (inside a frame or across two), with 1-{@link #MAX_GAP_MS} ms between chunks.
 */
final class Segmenter extends ChannelOutboundHandlerAdapter {
  static final long MERGE_WINDOW_MS = 20;
  static final int MAX_GAP_MS = 10;

  private final DeviceFaults faults;

  /** Bytes taken in and not yet sent; only while {@link #draining}. */
  private ByteBuf pending;

  private boolean draining;

  Segmenter(DeviceFaults faults) {
    this.faults = faults;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    Faults now = faults.current();
    if (!(msg instanceof ByteBuf bytes) || (!draining && !now.split() && !now.merge())) {
      ctx.write(msg, promise);
      return;
    }
    if (pending == null) {
      pending = ctx.alloc().buffer();
    }
    pending.writeBytes(bytes);
    bytes.release();
    // The bytes are the device's to deliver now; a closed connection loses them, as on a wire.
    promise.trySuccess();
    if (!draining) {
      draining = true;
      ctx.executor()
          .schedule(() -> drain(ctx), now.merge() ? MERGE_WINDOW_MS : 0, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (!draining) {
      ctx.flush(); // while draining, each chunk is flushed as it goes out
    }
  }

  private void drain(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      discard();
      return;
    }
    boolean split = faults.current().split();
    int length = split ? 1 + faults.nextInt(pending.readableBytes()) : pending.readableBytes();
    // A copy, not a slice: pending may grow (and move) while the chunk is still being written.
    ctx.writeAndFlush(pending.readBytes(length));
    if (pending.isReadable()) {
      long gap = split ? 1 + faults.nextInt(MAX_GAP_MS) : 0;
      ctx.executor().schedule(() -> drain(ctx), gap, TimeUnit.MILLISECONDS);
    } else {
      pending.clear();
      draining = false;
    }
  }

  private void discard() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
    draining = false;
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    discard();
  }
}
