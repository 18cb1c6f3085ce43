package org.parkgate.controller.device;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.function.Consumer;
import org.parkgate.api.Said;
import org.parkgate.controller.device.link.DeviceLink;
import org.parkgate.controller.device.link.LinkEnd;
import org.parkgate.controller.device.link.LinkStatus;
import org.parkgate.controller.device.link.WireLog;
import org.parkgate.device.display.DisplayCodec;
import org.parkgate.device.display.DisplayText;
import org.parkgate.site.LaneConfig;
import org.parkgate.wire.FrameEncoder;
import org.parkgate.wire.LinkCounters;

/** The driver's display on a lane. Remembers its rows and sends them again after a reconnect. */
final class LaneDisplay {
  private final DeviceLink link;
  private volatile List<String> rows = List.of();

  LaneDisplay(LaneConfig config, EventLoop loop, DeviceHealth health) {
    String name = config.id() + " display";
    LinkCounters counters = new LinkCounters();
    this.link =
        new DeviceLink(
            name,
            config.display(),
            loop,
            counters,
            new Initializer(name, counters, health::offline),
            ch -> {
              health.online(Said.of("已连接", "connected"));
              write(ch, rows);
            },
            health::offline);
  }

  /** The pipeline of a display link: display frames out, nothing in. */
  static final class Initializer extends ChannelInitializer<Channel> {
    private final String name;
    private final LinkCounters counters;
    private final Consumer<String> onDown;

    Initializer(String name, LinkCounters counters, Consumer<String> onDown) {
      this.name = name;
      this.counters = counters;
      this.onDown = onDown;
    }

    @Override
    protected void initChannel(Channel ch) {
      ch.pipeline()
          .addLast("wire", new WireLog(name))
          .addLast("rows", new FrameEncoder<>(DisplayText.class, DisplayCodec::encode, counters))
          .addLast("end", new LinkEnd(name, onDown));
    }
  }

  void start() {
    link.start();
  }

  LinkStatus status() {
    return link.status();
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
