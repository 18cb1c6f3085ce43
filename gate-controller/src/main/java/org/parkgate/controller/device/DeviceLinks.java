package org.parkgate.controller.device;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import org.parkgate.controller.device.link.LinkStatus;
import org.parkgate.controller.device.modbus.ModbusBuses;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.site.LaneConfig;

/**
 * A lane's devices, connected: barrier module (on its bus), card unit, display and, if the lane has
 * one, plate camera.
 */
public final class DeviceLinks implements LaneDevices {
  private final BarrierModule barrier;
  private final CardUnit cards;
  private final LaneDisplay display;
  private final CameraUnit camera;

  private DeviceLinks(
      BarrierModule barrier, CardUnit cards, LaneDisplay display, CameraUnit camera) {
    this.barrier = barrier;
    this.cards = cards;
    this.display = display;
    this.camera = camera;
  }

  /**
   * Starts connecting (and reconnecting) to every device of the lane; returns at once. The barrier
   * module's bus comes from {@code buses}, shared with every other lane on that port.
   */
  public static DeviceLinks connect(
      LaneConfig lane,
      LaneRunner runner,
      Duration pollInterval,
      LaneRunner.LaneServices services,
      ModbusBuses buses) {
    // The lane's card unit and display share the lane's thread: no locking between them and the
    // lane. A bus runs on the thread of the first lane that opened it.
    EventLoop loop = (EventLoop) runner.executor();
    DeviceLinks links =
        new DeviceLinks(
            new BarrierModule(
                lane,
                runner,
                buses.bus(lane.barrier(), loop),
                pollInterval,
                new DeviceHealth(lane.id(), "barrier", services)),
            new CardUnit(lane, runner, loop, new DeviceHealth(lane.id(), "card-reader", services)),
            new LaneDisplay(lane, loop, new DeviceHealth(lane.id(), "display", services)),
            lane.hasCamera()
                ? new CameraUnit(
                    lane,
                    runner::deliver,
                    loop,
                    new DeviceHealth(lane.id(), "camera", services),
                    CameraUnit.HEARTBEAT)
                : null);
    links.barrier.start();
    links.cards.start();
    links.display.start();
    if (links.camera != null) {
      links.camera.start();
    }
    return links;
  }

  /** The lane's own links (its bus is in {@link ModbusBuses#status()}). */
  public List<LinkStatus> status() {
    return camera == null
        ? List.of(cards.status(), display.status())
        : List.of(cards.status(), display.status(), camera.status());
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
    if (camera != null) {
      camera.stop();
    }
  }
}
