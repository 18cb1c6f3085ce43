package org.parkgate.controller.device.modbus;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.function.Consumer;
import org.parkgate.controller.device.link.LinkEnd;
import org.parkgate.controller.device.link.WireLog;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuResponse;
import org.parkgate.device.modbus.RtuResponseParser;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/** The pipeline of a Modbus RTU bus link, the same over a serial port, TCP or a local channel. */
public final class ModbusBusInitializer extends ChannelInitializer<Channel> {
  private static final String WIRE = "wire";
  private static final String FRAMES = "frames";
  private static final String STALE = "stale";

  private final String name;
  private final LinkCounters counters;
  private final ModbusMaster master;
  private final Consumer<String> onDown;

  public ModbusBusInitializer(
      String name, LinkCounters counters, ModbusMaster master, Consumer<String> onDown) {
    this.name = name;
    this.counters = counters;
    this.master = master;
    this.onDown = onDown;
  }

  /**
   * Called before each request: whatever the decoder still holds came before the request, so it
   * answers nothing we will ask. Without this, the tail of a damaged frame whose length field
   * promises 200 bytes would swallow the next good answer; a slave on a real line resets on the
   * silence between frames, and this is the master's equivalent.
   */
  void discardPartialFrame(Channel ch) {
    if (ch.pipeline().get(FRAMES) != null) {
      // The decoder hands what it held to the next handler when it is removed. (Removing and
      // adding, not replace(): a replaced ByteToMessageDecoder's successor received nothing.)
      ch.pipeline().remove(FRAMES);
      ch.pipeline()
          .addAfter(WIRE, FRAMES, new ParsingDecoder<>(new RtuResponseParser(), counters, name));
    }
  }

  /** Takes the bytes a replaced decoder held: dropped and counted like any bad frame. */
  private final class StaleBytes extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf stale) {
        if (stale.isReadable()) {
          counters.incrementBadFrames();
          counters.addDroppedBytes(stale.readableBytes());
        }
        stale.release();
        return;
      }
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.pipeline()
        .addLast(WIRE, new WireLog(name))
        // Frames are found by length and CRC; a frame that fails its check never gets further.
        .addLast(FRAMES, new ParsingDecoder<>(new RtuResponseParser(), counters, name))
        .addLast(STALE, new StaleBytes())
        .addLast("requests", new FrameEncoder<>(RtuRequest.class, RtuCodec::encode, counters))
        .addLast(
            "responses",
            new SimpleChannelInboundHandler<RtuResponse>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, RtuResponse response) {
                master.onResponse(response);
              }
            })
        .addLast("end", new LinkEnd(name, onDown));
  }
}
