package org.parkgate.controller.device.modbus;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
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
  private final String name;
  private final LinkCounters counters;
  private final ModbusMaster master;
  private final Consumer<String> onDown;

  public ModbusBusInitializer(String name, LinkCounters counters, ModbusMaster master, Consumer<String> onDown) {
    this.name = name;
    this.counters = counters;
    this.master = master;
    this.onDown = onDown;
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.pipeline()
        .addLast("wire", new WireLog(name))
        // Frames are found by length and CRC; a frame that fails its check never gets further.
        .addLast("frames", new ParsingDecoder<>(new RtuResponseParser(), counters, name))
        .addLast("requests", new FrameEncoder<>(RtuRequest.class, RtuCodec::encode, counters))
        .addLast("responses", new SimpleChannelInboundHandler<RtuResponse>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, RtuResponse response) {
            master.onResponse(response);
          }
        })
        .addLast("end", new LinkEnd(name, onDown));
  }
}
