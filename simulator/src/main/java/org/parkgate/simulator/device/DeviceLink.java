package org.parkgate.simulator.device;

import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.parkgate.simulator.fault.DeviceFaults;
import org.parkgate.simulator.fault.Faults;
import org.parkgate.wire.LinkCounters;

/**
 * The TCP connections to one simulated device. Several clients may connect (a controller and a
 * diagnostic tool, or a controller reconnecting before its old connection timed out); the most
 * recent one still open is taken to be the controller and receives what the device sends on its
 * own, such as card reads. Requests are answered on the connection they came in on.
 *
 * <p>The link also carries the device's faults ({@link Faults}); the pipeline's fault handlers read
 * them on every frame, and a disconnect closes the clients and the listening socket here.
 */
public final class DeviceLink {
  private final String name;
  private final String address;
  private final LinkCounters counters = new LinkCounters();
  private final ConcurrentLinkedDeque<Channel> clients = new ConcurrentLinkedDeque<>();
  private final DeviceFaults faults;
  private DeviceListener listener;

  public DeviceLink(String name, String address) {
    this.name = name;
    this.address = address;
    // A fixed default seed: the same run meets the same faults unless someone sets another.
    this.faults = new DeviceFaults(name.hashCode());
  }

  /** "entry-1 barrier I/O module" and the like, for logs and errors. */
  public String name() {
    return name;
  }

  public String address() {
    return address;
  }

  public LinkCounters counters() {
    return counters;
  }

  void connected(Channel channel) {
    clients.addLast(channel);
  }

  void disconnected(Channel channel) {
    clients.remove(channel);
  }

  public int clientCount() {
    return clients.size();
  }

  public boolean controllerConnected() {
    return !clients.isEmpty();
  }

  /** Sends to the controller; false if none is connected. */
  public boolean send(Object message) {
    Channel controller = clients.peekLast();
    if (controller == null || !controller.isActive()) {
      return false;
    }
    controller.writeAndFlush(message);
    return true;
  }

  public DeviceFaults faults() {
    return faults;
  }

  synchronized void listenOn(DeviceListener listener) {
    this.listener = listener;
  }

  /**
   * Switches to {@code next}. Turning disconnect on closes the listening socket and every client;
   * turning it off listens again. If listening again fails the faults stay as they were.
   */
  public synchronized void applyFaults(Faults next) throws Exception {
    boolean wasDisconnected = faults.current().disconnect();
    if (!next.disconnect() && wasDisconnected && listener != null) {
      listener.open();
    }
    faults.set(next);
    if (next.disconnect() && !wasDisconnected) {
      if (listener != null) {
        listener.close();
      }
      disconnectAll();
    }
  }

  /** Stops listening and drops every client, for shutdown. */
  public synchronized void shutdown() {
    if (listener != null) {
      listener.close();
    }
    disconnectAll();
  }

  /** Drops every client, as a device that loses power would. */
  public void disconnectAll() {
    clients.forEach(Channel::close);
  }
}
