package org.parkgate.controller.device;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus RTU master for one bus: one request outstanding at a time, a response timeout, a few
 * retries, then the request fails. Runs entirely on the link's event loop.
 */
final class ModbusMaster {
  private static final Logger log = LoggerFactory.getLogger(ModbusMaster.class);

  private record Pending(RtuRequest request, CompletableFuture<ModbusResponse> result, int triesLeft) {}

  private final String name;
  private final EventLoop loop;
  private final Supplier<Channel> channel;
  private final Duration timeout;
  private final int retries;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private Pending outstanding;
  private ScheduledFuture<?> timer;

  ModbusMaster(String name, EventLoop loop, Supplier<Channel> channel, Duration timeout, int retries) {
    this.name = name;
    this.loop = loop;
    this.channel = channel;
    this.timeout = timeout;
    this.retries = retries;
  }

  /** Queues a request; {@code urgent} ones (barrier commands) go before polls. */
  CompletableFuture<ModbusResponse> send(RtuRequest request, boolean urgent) {
    CompletableFuture<ModbusResponse> result = new CompletableFuture<>();
    loop.execute(() -> {
      Pending p = new Pending(request, result, retries);
      if (urgent) {
        queue.addFirst(p);
      } else {
        queue.addLast(p);
      }
      next();
    });
    return result;
  }

  /** Number of requests waiting or in flight. */
  int backlog() {
    return queue.size() + (outstanding == null ? 0 : 1);
  }

  void onResponse(RtuResponse response) {
    Pending p = outstanding;
    if (p == null || response.unit() != p.request().unit()
        || response.response().functionCode() != p.request().request().functionCode().code()) {
      log.debug("{}: unexpected response {} ignored", name, response);
      return;
    }
    timer.cancel(false);
    outstanding = null;
    p.result().complete(response.response());
    next();
  }

  /** The link dropped: everything queued fails now rather than waiting for timeouts. */
  void onDisconnect() {
    if (timer != null) {
      timer.cancel(false);
    }
    Pending p = outstanding;
    outstanding = null;
    if (p != null) {
      p.result().completeExceptionally(new java.io.IOException(name + ": link lost"));
    }
    while (!queue.isEmpty()) {
      queue.poll().result().completeExceptionally(new java.io.IOException(name + ": link lost"));
    }
  }

  private void next() {
    if (outstanding != null || queue.isEmpty()) {
      return;
    }
    Channel c = channel.get();
    if (c == null) {
      onDisconnect();
      return;
    }
    outstanding = queue.poll();
    c.writeAndFlush(outstanding.request());
    timer = loop.schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void timedOut() {
    Pending p = outstanding;
    if (p == null) {
      return;
    }
    outstanding = null;
    if (p.triesLeft() > 0) {
      log.debug("{}: no answer to {} within {} ms, retrying", name, p.request(), timeout.toMillis());
      queue.addFirst(new Pending(p.request(), p.result(), p.triesLeft() - 1));
    } else {
      p.result().completeExceptionally(new java.util.concurrent.TimeoutException(
          name + ": no answer to " + p.request() + " after " + (retries + 1) + " tries"));
    }
    next();
  }
}
