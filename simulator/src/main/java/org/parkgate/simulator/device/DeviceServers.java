package org.parkgate.simulator.device;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.BindException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parkgate.simulator.StartupException;
import org.parkgate.simulator.lane.BarrierIoModule;
import org.parkgate.site.DeviceAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listens on every lane device's configured TCP address, as a serial device server would. */
public final class DeviceServers {
  private static final Logger log = LoggerFactory.getLogger(DeviceServers.class);

  private DeviceServers() {}

  /**
   * Binds every device; on failure closes what was bound and says which device wanted what. {@link
   * DeviceLink#shutdown()} closes each one again.
   */
  public static void bind(
      EventLoopGroup group,
      List<LaneDevices> lanes,
      List<org.parkgate.simulator.booth.BoothDevices> booths)
      throws StartupException {
    bind(group, lanes, booths, null);
  }

  /** As {@link #bind(EventLoopGroup, List, List)}, every frame also in {@code wireLog} if given. */
  public static void bind(
      EventLoopGroup group,
      List<LaneDevices> lanes,
      List<org.parkgate.simulator.booth.BoothDevices> booths,
      WireLog wireLog)
      throws StartupException {
    Map<String, String> owners = new HashMap<>();
    List<DeviceListener> bound = new ArrayList<>();
    try {
      for (LaneDevices lane : lanes) {
        int unit = lane.lane().config().barrierUnit();
        bind(
            group,
            lane.lane().config().barrier(),
            lane.barrier(),
            tapped(
                wireLog,
                lane.lane().id(),
                "barrier",
                new BarrierModuleInitializer(
                    lane.barrier(), new BarrierIoModule(lane.lane()), unit)),
            owners,
            bound);
        bind(
            group,
            lane.lane().config().cardReader(),
            lane.cardUnit(),
            tapped(
                wireLog,
                lane.lane().id(),
                "cardUnit",
                new CardUnitInitializer(lane.cardUnit(), lane.lane())),
            owners,
            bound);
        bind(
            group,
            lane.lane().config().display(),
            lane.display(),
            tapped(
                wireLog,
                lane.lane().id(),
                "display",
                new DisplayInitializer(lane.display(), lane.lane())),
            owners,
            bound);
        if (lane.camera() != null) {
          bind(
              group,
              lane.lane().config().camera().address(),
              lane.camera(),
              tapped(
                  wireLog,
                  lane.lane().id(),
                  "camera",
                  new CameraInitializer(lane.camera(), lane.lane().config().camera().id())),
              owners,
              bound);
        }
      }
      for (var booth : booths) {
        bind(
            group,
            booth.config().printer(),
            booth.link(),
            tapped(
                wireLog,
                booth.id(),
                "printer",
                new PrinterInitializer(booth.link(), booth.printer())),
            owners,
            bound);
      }
    } catch (StartupException | RuntimeException e) {
      bound.forEach(DeviceListener::close);
      throw e;
    }
  }

  /**
   * The device's own pipeline, with the wire log's tap after its hex dump so both see the same
   * bytes; the pipeline alone when there is no wire log.
   */
  private static ChannelInitializer<SocketChannel> tapped(
      WireLog wireLog, String lane, String device, ChannelInitializer<SocketChannel> pipeline) {
    if (wireLog == null) {
      return pipeline;
    }
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        // The device's initializer runs as it is added (the channel is registered): its hex dump
        // is there to put the tap after.
        ch.pipeline().addLast(pipeline);
        if (ch.pipeline().get("hexdump") != null) {
          ch.pipeline().addAfter("hexdump", "wirelog", wireLog.tap(lane, device));
        } else {
          ch.pipeline().addFirst("wirelog", wireLog.tap(lane, device));
        }
      }
    };
  }

  private static void bind(
      EventLoopGroup group,
      DeviceAddress address,
      DeviceLink link,
      ChannelInitializer<SocketChannel> initializer,
      Map<String, String> owners,
      List<DeviceListener> bound)
      throws StartupException {
    if (!(address instanceof DeviceAddress.Tcp tcp)) {
      log.warn(
          "{}: {} is a serial port; the simulator serves devices over TCP only, skipped "
              + "(give it a tcp:// address and link a pty to it with socat)",
          link.name(),
          address);
      return;
    }
    String key = tcp.host() + ":" + tcp.port();
    String other = owners.putIfAbsent(key, link.name());
    if (other != null) {
      throw new StartupException(
          address + " is configured for both " + other + " and " + link.name());
    }
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer);
    DeviceListener listener = new DeviceListener(bootstrap, tcp);
    try {
      listener.open();
      bound.add(listener);
      link.listenOn(listener);
    } catch (Exception e) {
      String why =
          e instanceof BindException
              ? "is already in use"
              : "cannot be listened on (" + e.getMessage() + ")";
      throw new StartupException(
          "port " + tcp.port() + " " + why + ": " + link.name() + " wanted " + address, e);
    }
    log.info("{}: listening on {}", link.name(), address);
  }
}
