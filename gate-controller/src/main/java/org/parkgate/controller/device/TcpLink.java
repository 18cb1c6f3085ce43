package org.parkgate.controller.device;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parkgate.site.DeviceAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection to one device (or serial device server) that reconnects by itself with
 * backoff, from 100 ms doubling to 5 s, for as long as the controller runs.
 */
final class TcpLink {
  private static final Logger log = LoggerFactory.getLogger(TcpLink.class);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 5_000;

  private final String name;
  private final DeviceAddress.Tcp address;
  private final EventLoop loop;
  private final ChannelInitializer<Channel> pipeline;
  private final Consumer<Channel> onConnect;
  private final Consumer<String> onDown;
  private volatile Channel channel;
  private volatile boolean closed;
  private long retryMs = FIRST_RETRY_MS;
  private boolean everConnected;
  private boolean reportedDown;

  TcpLink(String name, DeviceAddress.Tcp address, EventLoop loop, ChannelInitializer<Channel> pipeline,
      Consumer<Channel> onConnect, Consumer<String> onDown) {
    this.name = name;
    this.address = address;
    this.loop = loop;
    this.pipeline = pipeline;
    this.onConnect = onConnect;
    this.onDown = onDown;
  }

  void start() {
    loop.execute(this::connect);
  }

  EventLoop loop() {
    return loop;
  }

  /** The connected channel, or null while there is none. */
  Channel channel() {
    Channel c = channel;
    return c != null && c.isActive() ? c : null;
  }

  private void connect() {
    if (closed) {
      return;
    }
    ChannelFuture attempt = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
        .handler(pipeline)
        .connect(address.host(), address.port());
    attempt.addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        if (!reportedDown) {
          log.warn("{}: cannot connect to {} ({}); retrying", name, address, f.cause().getMessage());
          reportedDown = true;
        }
        onDown.accept("cannot connect to " + address + ": " + f.cause().getMessage());
        retryLater();
        return;
      }
      Channel c = f.channel();
      channel = c;
      retryMs = FIRST_RETRY_MS;
      reportedDown = false;
      log.info("{}: {} to {}", name, everConnected ? "reconnected" : "connected", address);
      everConnected = true;
      c.closeFuture().addListener(x -> {
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

  void close() {
    closed = true;
    Channel c = channel;
    if (c != null) {
      c.close().awaitUninterruptibly(Duration.ofSeconds(1).toMillis());
    }
  }

  @Override
  public String toString() {
    return name + " " + address;
  }
}
