package org.parkgate.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a byte stream into frames with a {@link FrameParser}. On bytes that cannot start a frame it
 * drops one byte (or the bad frame, when the parser knows its extent) and rescans, so it finds the
 * next good frame after noise, a bad check or a truncated frame. Each loss of synchronisation is
 * counted once and logged once at debug level; the buffer never holds more than the parser's
 * longest frame while waiting.
 */
public final class ParsingDecoder<T> extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(ParsingDecoder.class);

  private final FrameParser<T> parser;
  private final LinkCounters counters;
  private final String linkName;
  private long droppedSinceSync;

  public ParsingDecoder(FrameParser<T> parser, LinkCounters counters, String linkName) {
    this.parser = parser;
    this.counters = counters;
    this.linkName = linkName;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      Parse<T> result = parser.parse(in);
      if (result instanceof Parse.Frame<T> frame) {
        if (frame.length() > in.readableBytes()) {
          throw new IllegalStateException(
              linkName + ": parser claimed " + frame.length() + " bytes of " + in.readableBytes());
        }
        in.skipBytes(frame.length());
        resynchronised();
        counters.incrementFramesIn();
        out.add(frame.frame());
      } else if (result instanceof Parse.Invalid<T> invalid) {
        drop(in, invalid.reason(), Math.min(invalid.skip(), in.readableBytes()));
      } else if (in.readableBytes() >= parser.maxFrameLength()) {
        drop(in, "no frame within " + parser.maxFrameLength() + " bytes", 1);
      } else {
        return;
      }
    }
  }

  private void drop(ByteBuf in, String reason, int count) {
    if (droppedSinceSync == 0) {
      counters.incrementBadFrames();
      log.debug("{}: bad frame ({}), resynchronising", linkName, reason);
    }
    in.skipBytes(count);
    counters.addDroppedBytes(count);
    droppedSinceSync += count;
  }

  private void resynchronised() {
    if (droppedSinceSync > 0) {
      log.debug("{}: resynchronised after dropping {} bytes", linkName, droppedSinceSync);
      droppedSinceSync = 0;
    }
  }
}
