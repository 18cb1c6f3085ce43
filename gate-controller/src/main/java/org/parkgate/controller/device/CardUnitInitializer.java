package org.parkgate.controller.device;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.function.Consumer;
import org.parkgate.controller.device.link.LinkEnd;
import org.parkgate.controller.device.link.WireLog;
import org.parkgate.device.card.CardLineParser;
import org.parkgate.device.card.CardRead;
import org.parkgate.device.card.CardUnitCodec;
import org.parkgate.device.card.CardUnitCommand;
import org.parkgate.device.card.StxCardParser;
import org.parkgate.site.CardProtocol;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.FrameParser;
import org.parkgate.wire.LinkCounters;
import org.parkgate.wire.ParsingDecoder;

/** The pipeline of a card reader or entry card unit link: card numbers in, ISSUE out. */
final class CardUnitInitializer extends ChannelInitializer<Channel> {
  private final String name;
  private final CardProtocol protocol;
  private final LinkCounters counters;
  private final Consumer<CardRead> onCard;
  private final Consumer<String> onDown;

  CardUnitInitializer(
      String name,
      CardProtocol protocol,
      LinkCounters counters,
      Consumer<CardRead> onCard,
      Consumer<String> onDown) {
    this.name = name;
    this.protocol = protocol;
    this.counters = counters;
    this.onCard = onCard;
    this.onDown = onDown;
  }

  static FrameParser<CardRead> parser(CardProtocol protocol) {
    return protocol == CardProtocol.STX ? new StxCardParser() : new CardLineParser();
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.pipeline()
        .addLast("wire", new WireLog(name))
        .addLast("cards", new ParsingDecoder<>(parser(protocol), counters, name))
        .addLast(
            "commands", new FrameEncoder<>(CardUnitCommand.class, CardUnitCodec::encode, counters))
        .addLast(
            "reads",
            new SimpleChannelInboundHandler<CardRead>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, CardRead read) {
                onCard.accept(read);
              }
            })
        .addLast("end", new LinkEnd(name, onDown));
  }
}
