package org.parkgate.controller.device.modbus;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parkgate.controller.device.link.LinkStatus;
import org.parkgate.site.DeviceAddress;

/**
 * The site's Modbus buses, one per port: modules that several lanes configure on the same serial
 * port or serial server share one link and one master. (The site file loader has already made sure
 * their unit addresses differ and their line settings agree.)
 */
public final class ModbusBuses implements AutoCloseable {
  private final Map<DeviceAddress, ModbusBus> buses = new LinkedHashMap<>();

  /** The bus at {@code address}, opened on {@code loop} by the first lane that asks. */
  public synchronized ModbusBus bus(DeviceAddress address, EventLoop loop) {
    return buses.computeIfAbsent(
        address,
        a -> {
          ModbusBus bus = new ModbusBus(a, loop);
          bus.start();
          return bus;
        });
  }

  public synchronized List<LinkStatus> status() {
    List<LinkStatus> all = new ArrayList<>();
    buses.values().forEach(b -> all.add(b.status()));
    return all;
  }

  @Override
  public synchronized void close() {
    buses.values().forEach(ModbusBus::close);
    buses.clear();
  }
}
