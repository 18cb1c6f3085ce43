package org.parkgate.controller.device.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parkgate.serial.JsscChannel;
import org.parkgate.serial.SerialPortAddress;
import org.parkgate.site.DeviceAddress;
import org.parkgate.wire.LinkCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link to one device, bus or serial device server that reconnects by itself with backoff, from
 * 100 ms doubling to 5 s, for as long as the controller runs. The same pipeline runs over TCP, a
 * serial port or an in-process local channel; only the channel type differs.
 */
public final class DeviceLink {
  private static final Logger log = LoggerFactory.getLogger(DeviceLink.class);
  static final long FIRST_RETRY_MS = 100;
  static final long MAX_RETRY_MS = 5_000;

  /** How often a link's error counts are looked at, and logged if they grew. */
  static final long COUNTER_LOG_MS = 5_000;

  private final String name;
  private final DeviceAddress address;
  private final EventLoop loop;
  private final LinkCounters counters;
  private final ChannelInitializer<Channel> pipeline;
  private final Consumer<Channel> onConnect;
  private final Consumer<String> onDown;
  private volatile Channel channel;
  private volatile boolean closed;
  private long retryMs = FIRST_RETRY_MS;
  private boolean everConnected;
  private boolean reportedDown;
  private long loggedBadFrames;
  private io.netty.util.concurrent.ScheduledFuture<?> counterLog;

  /**
   * @param counters the counters the pipeline's decoder and encoders update
   * @param onConnect called on the loop with each new channel
   * @param onDown called on the loop with the reason each time a connection attempt fails
   */
  public DeviceLink(
      String name,
      DeviceAddress address,
      EventLoop loop,
      LinkCounters counters,
      ChannelInitializer<Channel> pipeline,
      Consumer<Channel> onConnect,
      Consumer<String> onDown) {
    this.name = name;
    this.address = address;
    this.loop = loopFor(address, loop);
    this.counters = counters;
    this.pipeline = pipeline;
    this.onConnect = onConnect;
    this.onDown = onDown;
  }

  /**
   * The loop a link to {@code address} runs on: {@code preferred} (the lane's), except for local
   * links. Netty 4.2's {@code LocalChannel} registers only with a {@code DefaultEventLoop} or a
   * local I/O handler, not with the NIO loops the lanes run on, so local links (tests and
   * benchmarks) share one daemon loop of their own.
   */
  public static EventLoop loopFor(DeviceAddress address, EventLoop preferred) {
    return address instanceof DeviceAddress.Local ? LocalLoop.LOOP : preferred;
  }

  private static final class LocalLoop {
    static final EventLoop LOOP =
        new io.netty.channel.DefaultEventLoop(
            new io.netty.util.concurrent.DefaultThreadFactory("local-links", true));
  }

  public void start() {
    loop.execute(this::connect);
    counterLog =
        loop.scheduleWithFixedDelay(
            this::logCounters, COUNTER_LOG_MS, COUNTER_LOG_MS, TimeUnit.MILLISECONDS);
  }

  public LinkCounters counters() {
    return counters;
  }

  public LinkStatus status() {
    return new LinkStatus(
        name,
        address.toString(),
        channel() != null,
        counters.framesIn(),
        counters.framesOut(),
        counters.badFrames(),
        counters.droppedBytes());
  }

  /** Bad frames are logged per frame only at debug level; an operator sees them grow here. */
  private void logCounters() {
    long bad = counters.badFrames();
    if (bad != loggedBadFrames) {
      log.warn(
          "{}: {} bad frames in the last {} s ({})",
          name,
          bad - loggedBadFrames,
          COUNTER_LOG_MS / 1000,
          counters);
      loggedBadFrames = bad;
    }
  }

  public EventLoop loop() {
    return loop;
  }

  public String name() {
    return name;
  }

  public DeviceAddress address() {
    return address;
  }

  /** The connected channel, or null while there is none. */
  public Channel channel() {
    Channel c = channel;
    return c != null && c.isActive() ? c : null;
  }

  private Bootstrap bootstrap() {
    Bootstrap b = new Bootstrap().group(loop).handler(pipeline);
    if (address instanceof DeviceAddress.Serial) {
      return b.channelFactory(JsscChannel::new);
    }
    if (address instanceof DeviceAddress.Local) {
      return b.channel(LocalChannel.class);
    }
    return b.channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000);
  }

  private SocketAddress remote() {
    if (address instanceof DeviceAddress.Serial s) {
      return new SerialPortAddress(s.device(), s.settings());
    }
    if (address instanceof DeviceAddress.Local l) {
      return new LocalAddress(l.name());
    }
    DeviceAddress.Tcp t = (DeviceAddress.Tcp) address;
    return InetSocketAddress.createUnresolved(t.host(), t.port());
  }

  private void connect() {
    if (closed) {
      return;
    }
    ChannelFuture attempt = bootstrap().connect(remote());
    attempt.addListener(
        (ChannelFuture f) -> {
          if (!f.isSuccess()) {
            String why = f.cause().getMessage();
            if (!reportedDown) {
              log.warn("{}: cannot connect to {} ({}); retrying", name, address, why);
              reportedDown = true;
            }
            onDown.accept("cannot connect to " + address + ": " + why);
            retryLater();
            return;
          }
          Channel c = f.channel();
          if (closed) {
            c.close();
            return;
          }
          channel = c;
          retryMs = FIRST_RETRY_MS;
          reportedDown = false;
          log.info("{}: {} to {}", name, everConnected ? "reconnected" : "connected", address);
          everConnected = true;
          c.closeFuture()
              .addListener(
                  x -> {
                    channel = null;
                    if (!closed) {
                      log.warn("{}: connection to {} lost; reconnecting", name, address);
                      retryLater();
                    }
                  });
          onConnect.accept(c);
        });
  }

  private void retryLater() {
    if (closed) {
      return;
    }
    long delay = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  public void close() {
    closed = true;
    if (counterLog != null) {
      counterLog.cancel(false);
    }
    Channel c = channel;
    if (c != null) {
      c.close().awaitUninterruptibly(1_000);
    }
  }

  @Override
  public String toString() {
    return name + " " + address;
  }
}
