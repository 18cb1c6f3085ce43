package org.parkgate.controller.device;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.device.card.CardLineParser;
import org.parkgate.device.card.CardRead;
import org.parkgate.device.card.CardUnitCodec;
import org.parkgate.device.card.CardUnitCommand;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.LaneConfig;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A lane's card reader (and, at entry, dispenser): card numbers in as ASCII lines, ISSUE out. */
final class CardUnit {
  private static final Logger log = LoggerFactory.getLogger(CardUnit.class);

  private final LaneConfig config;
  private final LinkCounters counters = new LinkCounters();
  private final DeviceHealth health;
  private final TcpLink link;

  CardUnit(LaneConfig config, LaneRunner lane, EventLoop loop, LaneRunner.LaneServices services) {
    this.config = config;
    this.health = new DeviceHealth(config.id(), "card-reader", services);
    String name = config.id() + " card unit";
    this.link = new TcpLink(name, (DeviceAddress.Tcp) config.cardReader(), loop, new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline()
            .addLast("lines", new ParsingDecoder<>(new CardLineParser(), counters, name))
            .addLast("commands", new FrameEncoder<>(CardUnitCommand.class, CardUnitCodec::encode, counters))
            .addLast("cards", new SimpleChannelInboundHandler<CardRead>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, CardRead read) {
                log.info("{}: card {} read", config.id(), read.cardNumber());
                lane.deliver(new LaneEvent.CardRead(read.cardNumber()));
              }

              @Override
              public void channelInactive(ChannelHandlerContext ctx) {
                health.offline("connection lost");
              }

              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                health.offline(cause.toString());
                ctx.close();
              }
            });
      }
    }, ch -> health.online("connected"), health::offline);
  }

  void start() {
    link.start();
  }

  LinkCounters counters() {
    return counters;
  }

  void issue() {
    Channel c = link.channel();
    if (c == null) {
      log.warn("{}: cannot issue a card, card unit not connected", config.id());
      return;
    }
    c.writeAndFlush(new CardUnitCommand.Issue());
  }

  void stop() {
    link.close();
  }
}
