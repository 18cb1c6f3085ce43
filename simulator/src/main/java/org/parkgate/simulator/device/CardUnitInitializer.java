package org.parkgate.simulator.device;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import java.util.function.Function;
import org.parkgate.device.card.CardLineParser;
import org.parkgate.device.card.CardRead;
import org.parkgate.device.card.CardUnitCodec;
import org.parkgate.device.card.CardUnitCommand;
import org.parkgate.device.card.StxCardParser;
import org.parkgate.simulator.fault.FaultHandlers;
import org.parkgate.simulator.fault.WireProfile;
import org.parkgate.simulator.lane.SimLane;
import org.parkgate.site.CardProtocol;
import org.parkgate.wire.CloseOnError;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.ParsingDecoder;

/**
 * The pipeline of a client of a card unit: commands in, card reads out in the lane's reader
 * protocol (an ASCII line, or an STX frame).
 */
final class CardUnitInitializer extends ChannelInitializer<SocketChannel> {
  private final DeviceLink link;
  private final SimLane lane;
  private final Function<CardRead, byte[]> encode;
  private final WireProfile profile;

  CardUnitInitializer(DeviceLink link, SimLane lane) {
    this.link = link;
    this.lane = lane;
    boolean stx = lane.config().cardProtocol() == CardProtocol.STX;
    this.encode = stx ? StxCardParser::encode : CardLineParser::encode;
    this.profile = stx ? WireProfile.STX_CARD : WireProfile.ASCII_LINE;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("track", new LinkTracker(link))
        .addLast(
            "hexdump",
            new LoggingHandler("parkgate.wire." + link.name().replace(' ', '.'), LogLevel.DEBUG));
    FaultHandlers.addWireFaults(ch.pipeline(), link.faults(), profile);
    ch.pipeline()
        .addLast("decode", new ParsingDecoder<>(new CardUnitCodec(), link.counters(), link.name()))
        .addLast("encode", new FrameEncoder<>(CardRead.class, encode, link.counters()))
        .addLast("unit", new Commands())
        .addLast("errors", new CloseOnError(link.name()));
  }

  private final class Commands extends SimpleChannelInboundHandler<CardUnitCommand> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, CardUnitCommand command) {
      if (command instanceof CardUnitCommand.Issue) {
        lane.issueCard();
      }
    }
  }
}
