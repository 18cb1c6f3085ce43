package org.parkgate.console.booth;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Welcome;
import org.parkgate.console.link.LinkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans controller events out to every open booth page. A page that joins gets the current state and
 * log first; one lock orders that snapshot against live updates, so a page neither misses an event
 * nor sees one twice.
 */
public final class BrowserHub implements LinkListener {
  private static final Logger log = LoggerFactory.getLogger(BrowserHub.class);

  /** The login session a browser WebSocket belongs to, so logout can close it. */
  public static final AttributeKey<String> SESSION = AttributeKey.valueOf("parkgate.session");

  private final BoothState state;
  private final BoothFormat format;

  /** The state every open page holds, as last sent; guarded by this hub's lock. */
  private BoothView.State shown;

  private final ChannelGroup browsers =
      new DefaultChannelGroup("booth pages", GlobalEventExecutor.INSTANCE);

  public BrowserHub(BoothState state) {
    this.state = state;
    this.format = state.format();
  }

  /** How the booth writes times and money; immutable, so read without the lock. */
  public BoothFormat format() {
    return format;
  }

  /** Adds a page: it receives {@code first}, the state and the log, then every update. */
  public synchronized void join(Channel page, String sessionId, Object first) {
    page.attr(SESSION).set(sessionId);
    publish();
    page.write(frame(first));
    page.write(frame(shown));
    page.writeAndFlush(frame(state.log()));
    browsers.add(page);
  }

  /** Closes every page opened by a session that has ended. */
  public void sessionEnded(String sessionId) {
    for (Channel page : browsers) {
      if (sessionId.equals(page.attr(SESSION).get())) {
        page.close();
      }
    }
  }

  public synchronized Optional<ConsoleEvent.ExitPending> pendingAt(String lane) {
    return state.pendingAt(lane);
  }

  public synchronized boolean hasLane(String lane) {
    return state.hasLane(lane);
  }

  public synchronized List<String> laneIds() {
    return state.laneIds();
  }

  public synchronized List<String> exitLaneIds() {
    return state.exitLaneIds();
  }

  public synchronized BoothView.State view() {
    return state.view();
  }

  public synchronized boolean online() {
    return state.online();
  }

  public int pages() {
    return browsers.size();
  }

  @Override
  public synchronized void linkUp(Welcome welcome) {
    state.linkUp(welcome);
    publish();
    browsers.flush();
  }

  @Override
  public synchronized void linkDown(String reason) {
    state.linkDown(reason);
    publish();
    browsers.flush();
  }

  @Override
  public synchronized void event(ConsoleEvent event) {
    Optional<BoothView.LogEntry> entry = state.apply(event);
    publish();
    entry.ifPresent(e -> browsers.write(frame(new BoothView.Log("log", List.of(e)))));
    browsers.flush();
  }

  /** The booth printer changed state or its queue: every page shows it. */
  public synchronized void printer(org.parkgate.console.printer.PrinterReport report) {
    state.printer(report);
    publish();
    browsers.flush();
  }

  @Override
  public synchronized void historyReset() {
    state.reset();
    shown = state.view();
    browsers.write(frame(shown));
    browsers.writeAndFlush(frame(state.log()));
  }

  /**
   * Writes (without flushing) what the pages need to show the state as it is now: only what changed
   * since they were last sent it (with ten busy exits, one lane's card rather than all ten),
   * nothing when nothing they draw changed, the whole state when the lanes themselves did.
   */
  private void publish() {
    BoothView.State now = state.view();
    if (shown == null || !BoothView.Change.applies(shown, now)) {
      browsers.write(frame(now));
    } else {
      BoothView.Change.between(shown, now).ifPresent(c -> browsers.write(frame(c)));
    }
    shown = now;
  }

  /** One text frame; a channel group hands each page its own duplicate and releases this one. */
  public static TextWebSocketFrame frame(Object message) {
    try {
      return new TextWebSocketFrame(ApiJson.mapper().writeValueAsString(message));
    } catch (JsonProcessingException e) {
      log.error("booth: cannot write {} as JSON", message.getClass().getSimpleName(), e);
      throw new IllegalStateException(e);
    }
  }
}
