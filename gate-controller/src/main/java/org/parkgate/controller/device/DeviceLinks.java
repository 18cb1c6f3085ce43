package org.parkgate.controller.device;

import java.time.Duration;
import java.util.List;
import org.parkgate.controller.StartupException;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.site.DeviceAddress;
import org.parkgate.site.LaneConfig;

/** A lane's devices, connected: barrier module, card unit and display. */
public final class DeviceLinks implements LaneDevices {
  private final BarrierModule barrier;
  private final CardUnit cards;
  private final LaneDisplay display;

  private DeviceLinks(BarrierModule barrier, CardUnit cards, LaneDisplay display) {
    this.barrier = barrier;
    this.cards = cards;
    this.display = display;
  }

  /** Starts connecting (and reconnecting) to every device of the lane; returns at once. */
  public static DeviceLinks connect(
      LaneConfig lane, LaneRunner runner, Duration pollInterval, LaneRunner.LaneServices services) {
    for (DeviceAddress address : List.of(lane.barrier(), lane.cardReader(), lane.display())) {
      if (!(address instanceof DeviceAddress.Tcp)) {
        throw new StartupException(lane.id() + ": " + address + ": only tcp:// device addresses are supported in this version", null);
      }
    }
    // All of a lane's links share the lane's thread: no locking between them and the lane.
    io.netty.channel.EventLoop loop = (io.netty.channel.EventLoop) runner.executor();
    DeviceLinks links = new DeviceLinks(
        new BarrierModule(lane, runner, loop, pollInterval, services),
        new CardUnit(lane, runner, loop, services),
        new LaneDisplay(lane, loop, services));
    links.barrier.start();
    links.cards.start();
    links.display.start();
    return links;
  }

  @Override
  public void issueCard() {
    cards.issue();
  }

  @Override
  public void openBarrier() {
    barrier.open();
  }

  @Override
  public void closeBarrier() {
    barrier.close();
  }

  @Override
  public void show(List<String> rows) {
    display.show(rows);
  }

  @Override
  public void close() {
    barrier.stop();
    cards.stop();
    display.stop();
  }
}
