package org.parkgate.controller.device.modbus;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.parkgate.controller.device.link.DeviceLink;
import org.parkgate.controller.device.link.LinkStatus;
import org.parkgate.site.DeviceAddress;
import org.parkgate.wire.LinkCounters;

/**
 * One RS-485 bus: a serial port or a serial device server's TCP port, with every I/O module on it
 * behind one link and one master, whichever lanes they serve.
 */
public final class ModbusBus {
  /**
   * Long enough for a 9600-baud module that takes its time (typical modules answer within 50 ms of
   * the request's end); short enough that three tries fit well inside the 2 s offline limit.
   */
  public static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(250);

  public static final int RETRIES = 2;

  private final DeviceLink link;
  private final ModbusMaster master;
  private final ModbusClient client;
  private final List<Consumer<String>> downListeners = new CopyOnWriteArrayList<>();

  public ModbusBus(DeviceAddress address, EventLoop loop, ModbusMaster.Settings settings) {
    String name = "bus " + address;
    LinkCounters counters = new LinkCounters();
    DeviceLink[] self = new DeviceLink[1];
    ModbusBusInitializer[] pipeline = new ModbusBusInitializer[1];
    this.master =
        new ModbusMaster(
            name,
            DeviceLink.loopFor(address, loop),
            () -> self[0].channel(),
            ch -> pipeline[0].discardPartialFrame(ch),
            settings);
    pipeline[0] = new ModbusBusInitializer(name, counters, master, this::down);
    this.link = new DeviceLink(name, address, loop, counters, pipeline[0], ch -> {}, this::down);
    self[0] = link;
    this.client = new ModbusClient(master);
  }

  public ModbusBus(DeviceAddress address, EventLoop loop) {
    this(
        address,
        loop,
        new ModbusMaster.Settings(RESPONSE_TIMEOUT, RETRIES, LineTiming.of(address)));
  }

  /** Told, on the bus's loop, why the bus went down (lost, or could not connect). */
  public void onDown(Consumer<String> listener) {
    downListeners.add(listener);
  }

  private void down(String why) {
    master.onDisconnect();
    downListeners.forEach(l -> l.accept(why));
  }

  public void start() {
    link.start();
  }

  public boolean connected() {
    return link.channel() != null;
  }

  public EventLoop loop() {
    return link.loop();
  }

  public ModbusClient client() {
    return client;
  }

  public ModbusMaster master() {
    return master;
  }

  public LinkCounters counters() {
    return link.counters();
  }

  public LinkStatus status() {
    return link.status();
  }

  public void close() {
    link.close();
  }
}
