package org.parkgate.simulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parkgate.simulator.booth.BoothDevices;
import org.parkgate.simulator.control.ControlServer;
import org.parkgate.simulator.device.DeviceServers;
import org.parkgate.simulator.device.LaneDevices;
import org.parkgate.simulator.device.WireLog;
import org.parkgate.simulator.lane.EventLog;
import org.parkgate.simulator.lane.SimLane;
import org.parkgate.site.SiteConfig;

/** Every lane device of a site on TCP, plus the control interface. Close it to stop. */
public final class Simulator implements AutoCloseable {
  private final EventLoopGroup group;
  private final ScheduledExecutorService clock;
  private final List<LaneDevices> lanes;
  private final List<BoothDevices> booths;
  private final ControlServer control;
  private final WireLog wireLog;

  private Simulator(
      EventLoopGroup group,
      ScheduledExecutorService clock,
      List<LaneDevices> lanes,
      List<BoothDevices> booths,
      ControlServer control,
      WireLog wireLog) {
    this.group = group;
    this.clock = clock;
    this.lanes = lanes;
    this.booths = booths;
    this.control = control;
    this.wireLog = wireLog;
  }

  /**
   * What a run may add to the site file: card numbers from a seed (null: random), every frame in a
   * wire log (null: none; the simulator closes it when it stops).
   */
  public record Options(Long cardSeed, WireLog wireLog) {
    public static final Options NONE = new Options(null, null);
  }

  /** Starts every device and the control interface, or nothing at all. */
  public static Simulator start(SiteConfig site, Duration dwell) throws StartupException {
    return start(site, dwell, Options.NONE);
  }

  /** As {@link #start(SiteConfig, Duration)}, with {@code options}. */
  public static Simulator start(SiteConfig site, Duration dwell, Options options)
      throws StartupException {
    SiteConfig.SimulatorSettings settings = site.simulator();
    // Barrier travel and vehicle motion run on one timer thread; device I/O on two event loops.
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sim-clock");
              t.setDaemon(true);
              return t;
            });
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    EventLog events = new EventLog();
    List<LaneDevices> lanes =
        site.lanes().stream()
            .map(
                config ->
                    LaneDevices.of(
                        options.cardSeed() == null
                            ? new SimLane(config, settings.barrierTravel(), clock, events)
                            : new SimLane(
                                config,
                                settings.barrierTravel(),
                                clock,
                                events,
                                options.cardSeed())))
            .toList();
    List<BoothDevices> booths =
        site.booths().stream().filter(b -> b.hasPrinter()).map(BoothDevices::of).toList();
    try {
      DeviceServers.bind(group, lanes, booths, options.wireLog());
      ControlServer control =
          ControlServer.start(
              settings.bindHost(), settings.controlPort(), lanes, booths, dwell, events);
      return new Simulator(group, clock, lanes, booths, control, options.wireLog());
    } catch (StartupException | RuntimeException e) {
      shutdownDevices(lanes);
      booths.forEach(b -> b.link().shutdown());
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      clock.shutdownNow();
      throw e;
    }
  }

  public List<LaneDevices> lanes() {
    return lanes;
  }

  /** The booths with a receipt printer. */
  public List<BoothDevices> booths() {
    return booths;
  }

  public int controlPort() {
    return control.port();
  }

  @Override
  public void close() {
    control.close();
    shutdownDevices(lanes);
    booths.forEach(b -> b.link().shutdown());
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    clock.shutdownNow();
    if (wireLog != null) {
      wireLog.close();
    }
  }

  private static void shutdownDevices(List<LaneDevices> lanes) {
    lanes.forEach(l -> l.links().forEach((name, link) -> link.shutdown()));
  }
}
