package org.parkgate.simulator.device;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import org.parkgate.device.display.DisplayParser;
import org.parkgate.device.display.DisplayText;
import org.parkgate.simulator.fault.FaultHandlers;
import org.parkgate.simulator.lane.SimLane;
import org.parkgate.wire.CloseOnError;
import org.parkgate.wire.ParsingDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline of a client of a lane display: row frames in, nothing out. */
final class DisplayInitializer extends ChannelInitializer<SocketChannel> {
  private static final Logger log = LoggerFactory.getLogger(DisplayInitializer.class);
  private final DeviceLink link;
  private final SimLane lane;

  DisplayInitializer(DeviceLink link, SimLane lane) {
    this.link = link;
    this.lane = lane;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("track", new LinkTracker(link))
        .addLast(
            "hexdump",
            new LoggingHandler("parkgate.wire." + link.name().replace(' ', '.'), LogLevel.DEBUG));
    FaultHandlers.addSilentGate(ch.pipeline(), link.faults());
    ch.pipeline()
        .addLast("decode", new ParsingDecoder<>(new DisplayParser(), link.counters(), link.name()));
    FaultHandlers.addReceivedDrop(ch.pipeline(), link.faults());
    ch.pipeline().addLast("display", new Rows()).addLast("errors", new CloseOnError(link.name()));
  }

  private final class Rows extends SimpleChannelInboundHandler<DisplayText> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DisplayText line) {
      lane.display().show(line);
      log.info("{}: display row {}: {}", lane.id(), line.row(), line.text());
    }
  }
}
