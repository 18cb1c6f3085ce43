package org.parkgate.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.function.Function;

/** Writes frames of one type with a codec's encode function and counts them on the link. */
public final class FrameEncoder<T> extends MessageToByteEncoder<T> {
  private final Function<? super T, byte[]> encode;
  private final LinkCounters counters;

  public FrameEncoder(Class<T> type, Function<? super T, byte[]> encode, LinkCounters counters) {
    super(type);
    this.encode = encode;
    this.counters = counters;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, T msg, ByteBuf out) {
    out.writeBytes(encode.apply(msg));
    counters.incrementFramesOut();
  }
}
