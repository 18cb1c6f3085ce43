package org.parkgate.simulator.device;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuRequestParser;
import org.parkgate.device.modbus.RtuResponse;
import org.parkgate.simulator.fault.FaultHandlers;
import org.parkgate.simulator.fault.WireProfile;
import org.parkgate.simulator.lane.BarrierIoModule;
import org.parkgate.wire.CloseOnError;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.ParsingDecoder;

/** The pipeline of a client of a barrier I/O module: Modbus RTU framing over TCP, as a slave. */
final class BarrierModuleInitializer extends ChannelInitializer<SocketChannel> {
  private final DeviceLink link;
  private final BarrierIoModule module;
  private final int unit;

  BarrierModuleInitializer(DeviceLink link, BarrierIoModule module, int unit) {
    this.link = link;
    this.module = module;
    this.unit = unit;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("track", new LinkTracker(link))
        .addLast(
            "hexdump",
            new LoggingHandler("parkgate.wire." + link.name().replace(' ', '.'), LogLevel.DEBUG));
    FaultHandlers.addWireFaults(ch.pipeline(), link.faults(), WireProfile.MODBUS_RTU);
    ch.pipeline()
        .addLast(
            "decode", new ParsingDecoder<>(new RtuRequestParser(), link.counters(), link.name()))
        .addLast("encode", new FrameEncoder<>(RtuResponse.class, RtuCodec::encode, link.counters()))
        .addLast("slave", new Slave())
        .addLast("errors", new CloseOnError(link.name()));
  }

  /** Answers requests for this module's unit; broadcasts (unit 0) are obeyed without answer. */
  private final class Slave extends SimpleChannelInboundHandler<RtuRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtuRequest request) {
      if (request.unit() != unit && request.unit() != 0) {
        return; // another slave on the same bus would answer this
      }
      RtuResponse response = new RtuResponse(unit, module.handle(request.request()));
      if (request.unit() != 0) {
        ctx.writeAndFlush(response);
      }
    }
  }
}
