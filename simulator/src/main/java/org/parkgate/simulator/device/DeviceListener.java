package org.parkgate.simulator.device;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import org.parkgate.site.DeviceAddress;

/**
 * A device's TCP listening socket, which a disconnect fault closes (so connecting is refused, as
 * with a serial device server that is switched off) and clearing the fault opens again.
 */
final class DeviceListener {
  private final ServerBootstrap bootstrap;
  private final DeviceAddress.Tcp address;
  private Channel channel;

  DeviceListener(ServerBootstrap bootstrap, DeviceAddress.Tcp address) {
    this.bootstrap = bootstrap;
    this.address = address;
  }

  /** Listens; throws the bind failure (e.g. the port was taken meanwhile). */
  synchronized void open() throws Exception {
    if (channel == null) {
      channel = bootstrap.bind(address.host(), address.port()).sync().channel();
    }
  }

  synchronized void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
      channel = null;
    }
  }
}
