package org.parkgate.controller.device;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.parkgate.api.Said;
import org.parkgate.controller.device.link.DeviceLink;
import org.parkgate.controller.device.link.LinkStatus;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.site.LaneConfig;
import org.parkgate.wire.LinkCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lane's card reader (and, at entry, dispenser): card numbers in as ASCII lines or STX frames
 * (per reader, {@code cardReader.protocol}), ISSUE out.
 */
final class CardUnit {
  private static final Logger log = LoggerFactory.getLogger(CardUnit.class);

  private final LaneConfig config;
  private final DeviceLink link;

  CardUnit(LaneConfig config, LaneRunner lane, EventLoop loop, DeviceHealth health) {
    this.config = config;
    String name = config.id() + " card unit";
    LinkCounters counters = new LinkCounters();
    this.link =
        new DeviceLink(
            name,
            config.cardReader(),
            loop,
            counters,
            new CardUnitInitializer(
                name,
                config.cardProtocol(),
                counters,
                read -> {
                  log.info("{}: card {} read", config.id(), read.cardNumber());
                  lane.deliver(new LaneEvent.CardRead(read.cardNumber()));
                },
                health::offline),
            ch -> health.online(Said.of("已连接", "connected")),
            health::offline);
  }

  void start() {
    link.start();
  }

  LinkStatus status() {
    return link.status();
  }

  void issue() {
    Channel c = link.channel();
    if (c == null) {
      log.warn("{}: cannot issue a card, card unit not connected", config.id());
      return;
    }
    c.writeAndFlush(new org.parkgate.device.card.CardUnitCommand.Issue());
  }

  void stop() {
    link.close();
  }
}
