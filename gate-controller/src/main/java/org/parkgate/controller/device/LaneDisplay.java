package org.parkgate.controller.device;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import java.util.List;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.device.display.DisplayCodec;
import org.parkgate.device.display.DisplayText;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.LaneConfig;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.LinkCounters;

/** The driver's display on a lane. Remembers its rows and sends them again after a reconnect. */
final class LaneDisplay {
  private final LinkCounters counters = new LinkCounters();
  private final DeviceHealth health;
  private final TcpLink link;
  private volatile List<String> rows = List.of();

  LaneDisplay(LaneConfig config, EventLoop loop, LaneRunner.LaneServices services) {
    this.health = new DeviceHealth(config.id(), "display", services);
    this.link = new TcpLink(config.id() + " display", (DeviceAddress.Tcp) config.display(), loop, new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline()
            .addLast("rows", new FrameEncoder<>(DisplayText.class, DisplayCodec::encode, counters))
            .addLast("health", new ChannelInboundHandlerAdapter() {
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
    }, ch -> {
      health.online("connected");
      write(ch, rows);
    }, health::offline);
  }

  void start() {
    link.start();
  }

  void show(List<String> newRows) {
    rows = List.copyOf(newRows);
    Channel c = link.channel();
    if (c != null) {
      write(c, rows);
    }
  }

  private static void write(Channel c, List<String> rows) {
    for (int i = 0; i < rows.size() && i <= DisplayText.MAX_ROW; i++) {
      c.write(DisplayText.fit(i, rows.get(i)));
    }
    c.flush();
  }

  void stop() {
    link.close();
  }
}
