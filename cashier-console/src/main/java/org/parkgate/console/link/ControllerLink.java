package org.parkgate.console.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.api.Welcome;
import org.parkgate.tls.Fingerprint;
import org.parkgate.tls.PinnedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one connection to the gate-controller. It reconnects by itself with backoff, greets
 * with its enrolled id and credential and the last event seq it has delivered so nothing is missed
 * or repeated, and keeps every command until its result arrives, sending it again with the same
 * request id after a reconnect (the controller answers a repeat with the first result and does not
 * act twice).
 *
 * <p>Over {@code wss://} it trusts exactly the controller certificate whose fingerprint it was
 * given; a controller presenting any other is refused before a byte of the WebSocket is sent, and
 * retried with the same backoff.
 *
 * <p>All state lives on one event loop, so no locks: public methods hop onto it.
 */
public final class ControllerLink {
  private static final Logger log = LoggerFactory.getLogger(ControllerLink.class);

  /** Commands waiting for a result; more than this means the controller is badly stuck. */
  static final int MAX_PENDING = 64;

  private final URI uri;
  private final SslContext tls;
  private final String consoleId;
  private final String credential;
  private final EventLoop loop;
  private final LinkListener listener;
  private final Backoff backoff;
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  private Channel channel;
  private boolean welcomed;
  private boolean stopped;
  private String helloId;
  private String refusedHello;

  private static final String SHUTTING_DOWN = Said.of("收费台正在关闭", "console shutting down");
  private int failures;
  // Written on the loop only; volatile so health checks on other threads read it safely.
  private volatile long lastSeq;

  /**
   * @param credential the console's enrolled credential, sent in its hello
   * @param pin the controller certificate's fingerprint; required for {@code wss://}, unused for
   *     {@code ws://}
   * @throws IllegalArgumentException for a URL or pin {@link ControllerTls#check} refuses
   */
  public ControllerLink(
      URI uri,
      String consoleId,
      String credential,
      EventLoop loop,
      LinkListener listener,
      Fingerprint pin,
      Duration minBackoff,
      Duration maxBackoff) {
    this.uri = uri;
    this.tls = ControllerTls.forUrl(uri, pin);
    this.consoleId = consoleId;
    this.credential = credential;
    this.loop = loop;
    this.listener = listener;
    this.backoff = new Backoff(minBackoff, maxBackoff);
  }

  /** A link that retries after 250 ms at first, doubling up to 5 s. */
  public ControllerLink(
      URI uri,
      String consoleId,
      String credential,
      EventLoop loop,
      LinkListener listener,
      Fingerprint pin) {
    this(
        uri,
        consoleId,
        credential,
        loop,
        listener,
        pin,
        Duration.ofMillis(250),
        Duration.ofSeconds(5));
  }

  public void start() {
    loop.execute(this::connect);
  }

  /** Stops reconnecting and closes the link; commands still waiting are refused. */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(
        () -> {
          stopped = true;
          for (Pending p : new ArrayList<>(pending.values())) {
            p.result.complete(
                CommandResult.refused(p.command.requestId(), Refusal.NOT_RECORDED, SHUTTING_DOWN));
          }
          pending.clear();
          if (channel != null) {
            channel.close().addListener(f -> done.complete(null));
          } else {
            done.complete(null);
          }
        });
    return done;
  }

  /**
   * Sends a command and completes with its one result. The same request id sent again while the
   * first is still waiting shares the first's result instead of being sent twice.
   */
  public CompletableFuture<CommandResult> send(ConsoleCommand command) {
    CompletableFuture<CommandResult> result = new CompletableFuture<>();
    loop.execute(
        () -> {
          Pending existing = pending.get(command.requestId());
          if (existing != null) {
            existing.result.whenComplete((r, e) -> result.complete(r));
            return;
          }
          if (stopped) {
            result.complete(
                CommandResult.refused(command.requestId(), Refusal.NOT_RECORDED, SHUTTING_DOWN));
            return;
          }
          if (pending.size() >= MAX_PENDING) {
            result.complete(
                CommandResult.refused(
                    command.requestId(),
                    Refusal.NOT_RECORDED,
                    "控制器无响应，请稍候 · The controller is not answering, too many commands waiting"));
            return;
          }
          pending.put(command.requestId(), new Pending(command, result));
          if (welcomed) {
            write(command);
          }
        });
    return result;
  }

  /** The newest event seq delivered to the listener (read for tests and health). */
  public long lastSeq() {
    return lastSeq;
  }

  private void connect() {
    if (stopped) {
      return;
    }
    int port = uri.getPort() > 0 ? uri.getPort() : tls != null ? 443 : 80;
    ChannelFuture f =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3_000)
            .handler(new ControllerLinkInitializer(uri, port, tls, this))
            .connect(uri.getHost(), port);
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            down("cannot connect to " + uri + ": " + done.cause().getMessage(), false);
            return;
          }
          Channel ch = f.channel();
          channel = ch;
          ch.closeFuture()
              .addListener(
                  closed -> {
                    if (channel == ch) {
                      channel = null;
                      closed(ch);
                    }
                  });
          if (stopped) {
            ch.close();
          }
        });
  }

  /** Why the connection ended: a failed TLS handshake says so, naming both fingerprints. */
  private void closed(Channel ch) {
    SslHandler ssl = ch.pipeline().get(SslHandler.class);
    Throwable failure =
        ssl != null && ssl.handshakeFuture().isDone() ? ssl.handshakeFuture().cause() : null;
    if (failure == null) {
      down("connection to " + uri + " closed", false);
      return;
    }
    down(
        PinnedTrustManager.mismatchIn(failure)
            .map(
                m ->
                    "controller at "
                        + uri
                        + " presented certificate "
                        + m.presented()
                        + " but the console pins "
                        + m.expected()
                        + " (console.controllerFingerprint); refused it, nothing was sent")
            .orElse("TLS handshake with " + uri + " failed: " + failure.getMessage()),
        true);
  }

  private void down(String reason, boolean error) {
    welcomed = false;
    if (refusedHello != null) {
      // Say why on the booth page, not merely that the connection closed.
      reason = refusedHello;
      refusedHello = null;
    }
    if (stopped) {
      return;
    }
    long delay = backoff.nextDelayMillis();
    // A controller down for an hour should not bury the log: the first failure, then one a minute.
    failures++;
    if (failures == 1 || failures % 12 == 0) {
      if (error) {
        log.error("controller link: {}; retrying in {} ms (attempt {})", reason, delay, failures);
      } else {
        log.info("controller link: {}; retrying in {} ms (attempt {})", reason, delay, failures);
      }
    } else {
      log.debug("controller link: {}; retrying in {} ms", reason, delay);
    }
    listener.linkDown(reason);
    loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  /** The WebSocket is open: say who we are and where we left off. */
  void handshaken(Channel ch) {
    helloId = "hello-" + UUID.randomUUID();
    log.info("controller link: connected to {}, resuming after seq {}", uri, lastSeq);
    ch.writeAndFlush(
        new TextWebSocketFrame(
            ApiJson.write(new ConsoleCommand.Hello(helloId, consoleId, credential, lastSeq))));
  }

  void received(Channel ch, ApiMessage message) {
    if (ch != channel) {
      return;
    }
    if (message instanceof Welcome welcome) {
      welcome(ch, welcome);
    } else if (message instanceof ConsoleEvent event) {
      event(event);
    } else if (message instanceof CommandResult result) {
      result(ch, result);
    } else {
      log.warn(
          "controller link: unexpected {} from the controller", message.getClass().getSimpleName());
    }
  }

  private void welcome(Channel ch, Welcome welcome) {
    if (welcome.lastSeq() < lastSeq) {
      // The controller has fewer events than we have seen: a new ledger. Start over from 0.
      log.warn(
          "controller link: controller's last seq {} is behind ours {}; reloading its history",
          welcome.lastSeq(),
          lastSeq);
      lastSeq = 0;
      listener.historyReset();
      backoff.reset();
      ch.close();
      return;
    }
    welcomed = true;
    failures = 0;
    backoff.reset();
    log.info(
        "controller link: welcomed by site {} ({} events, {} commands to resend)",
        welcome.siteId(),
        welcome.lastSeq(),
        pending.size());
    listener.linkUp(welcome);
    for (Pending p : pending.values()) {
      write(p.command);
    }
  }

  private void event(ConsoleEvent event) {
    if (!welcomed || event.seq() <= lastSeq) {
      return;
    }
    if (event.seq() != lastSeq + 1) {
      log.warn("controller link: events {}..{} never arrived", lastSeq + 1, event.seq() - 1);
    }
    lastSeq = event.seq();
    listener.event(event);
  }

  private void result(Channel ch, CommandResult result) {
    Pending p = result.requestId() == null ? null : pending.remove(result.requestId());
    if (p != null) {
      p.result.complete(result);
    } else if (result.requestId() != null && result.requestId().equals(helloId) && !result.ok()) {
      log.error(
          "controller link: the controller refused console '{}' ({}): {}; is it enrolled"
              + " (./parking consoles add {}) and is its credential file current?",
          consoleId,
          result.refusal(),
          result.error(),
          consoleId);
      refusedHello = "控制器拒绝本收费台 · The controller refused this console: " + result.error();
      ch.close();
    } else if (!result.ok()) {
      log.warn("controller link: controller reports an error: {}", result.error());
    }
  }

  private void write(ConsoleCommand command) {
    channel.writeAndFlush(new TextWebSocketFrame(ApiJson.write(command)));
  }

  private record Pending(ConsoleCommand command, CompletableFuture<CommandResult> result) {}
}
