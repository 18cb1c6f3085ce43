package org.parkgate.controller.device.modbus;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.parkgate.device.modbus.ModbusResponse;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Modbus RTU master of one bus: one request outstanding at a time, whatever lane or unit it is
 * for; commands before polls; on a serial line the inter-frame gap before every request; a response
 * timeout counted from the end of the request's transmission; a few retries, then the request
 * fails. Runs entirely on the bus's event loop; callers on other threads are welcome.
 *
 * <p>Only frames that passed their CRC reach it (the decoder drops the rest), and it takes a
 * response only from the unit asked with the function code asked, so a late answer to an abandoned
 * request is never taken for the answer to the next one.
 */
public final class ModbusMaster {
  private static final Logger log = LoggerFactory.getLogger(ModbusMaster.class);

  /** Commands (coil and register writes) go before polls. */
  public enum Priority {
    COMMAND,
    POLL
  }

  /**
   * @param responseTimeout how long to wait for an answer once the request is on the wire
   * @param retries how many times a request is sent again after a timeout
   */
  public record Settings(Duration responseTimeout, int retries, LineTiming timing) {}

  private record Pending(
      RtuRequest request,
      CompletableFuture<ModbusResponse> result,
      int triesLeft,
      Priority priority) {}

  private final String name;
  private final EventLoop loop;
  private final Supplier<Channel> channel;
  private final Consumer<Channel> beforeRequest;
  private final Settings settings;
  private final Deque<Pending> commands = new ArrayDeque<>();
  private final Deque<Pending> polls = new ArrayDeque<>();
  private Pending outstanding;
  private ScheduledFuture<?> timer;
  private ScheduledFuture<?> gapWait;

  /** When the line last fell silent: end of our last request or arrival of the last answer. */
  private long quietSinceNanos = System.nanoTime();

  /**
   * @param beforeRequest called with the channel just before each request is written
   */
  public ModbusMaster(
      String name,
      EventLoop loop,
      Supplier<Channel> channel,
      Consumer<Channel> beforeRequest,
      Settings settings) {
    this.name = name;
    this.loop = loop;
    this.channel = channel;
    this.beforeRequest = beforeRequest;
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** Queues a request; the future fails with {@link TimeoutException} or {@link IOException}. */
  public CompletableFuture<ModbusResponse> send(
      RtuRequest request, Priority priority, int retries) {
    CompletableFuture<ModbusResponse> result = new CompletableFuture<>();
    loop.execute(
        () -> {
          (priority == Priority.COMMAND ? commands : polls)
              .addLast(new Pending(request, result, retries, priority));
          next();
        });
    return result;
  }

  /** Number of requests waiting or in flight. */
  public int backlog() {
    return commands.size() + polls.size() + (outstanding == null ? 0 : 1);
  }

  /** A response frame that passed its check arrived on the bus. */
  public void onResponse(RtuResponse response) {
    Pending p = outstanding;
    if (p == null
        || response.unit() != p.request().unit()
        || response.response().functionCode() != p.request().request().functionCode().code()) {
      log.debug("{}: unexpected response {} ignored", name, response);
      return;
    }
    timer.cancel(false);
    outstanding = null;
    quietSinceNanos = System.nanoTime();
    p.result().complete(response.response());
    next();
  }

  /** The link dropped: everything queued fails now rather than waiting for timeouts. */
  public void onDisconnect() {
    if (timer != null) {
      timer.cancel(false);
    }
    if (gapWait != null) {
      gapWait.cancel(false);
      gapWait = null;
    }
    Pending p = outstanding;
    outstanding = null;
    IOException lost = new IOException(name + ": link lost");
    if (p != null) {
      p.result().completeExceptionally(lost);
    }
    for (Deque<Pending> q : java.util.List.of(commands, polls)) {
      while (!q.isEmpty()) {
        q.poll().result().completeExceptionally(lost);
      }
    }
  }

  private void next() {
    if (outstanding != null || gapWait != null || (commands.isEmpty() && polls.isEmpty())) {
      return;
    }
    long wait = quietSinceNanos + settings.timing().interFrameGapNanos() - System.nanoTime();
    if (wait > 0) {
      // Slaves find frame ends by silence on the line; speaking too soon merges two frames.
      gapWait =
          loop.schedule(
              () -> {
                gapWait = null;
                next();
              },
              wait,
              TimeUnit.NANOSECONDS);
      return;
    }
    Channel c = channel.get();
    if (c == null) {
      onDisconnect();
      return;
    }
    outstanding = commands.isEmpty() ? polls.poll() : commands.poll();
    long wire = settings.timing().wireNanos(RtuCodec.encode(outstanding.request()).length);
    beforeRequest.accept(c);
    c.writeAndFlush(outstanding.request());
    quietSinceNanos = System.nanoTime() + wire;
    timer =
        loop.schedule(
            this::timedOut, settings.responseTimeout().toNanos() + wire, TimeUnit.NANOSECONDS);
  }

  private void timedOut() {
    Pending p = outstanding;
    if (p == null) {
      return;
    }
    outstanding = null;
    quietSinceNanos = System.nanoTime();
    if (p.triesLeft() > 0) {
      log.debug(
          "{}: no answer to {} within {} ms, retrying",
          name,
          p.request(),
          settings.responseTimeout().toMillis());
      (p.priority() == Priority.COMMAND ? commands : polls)
          .addFirst(new Pending(p.request(), p.result(), p.triesLeft() - 1, p.priority()));
    } else {
      p.result()
          .completeExceptionally(
              new TimeoutException(
                  name
                      + ": unit "
                      + p.request().unit()
                      + " did not answer "
                      + p.request().request().functionCode()));
    }
    next();
  }
}
