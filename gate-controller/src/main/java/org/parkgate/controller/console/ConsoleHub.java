package org.parkgate.controller.console;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consoles that said hello, and the events they are owed. Must be called on the ledger's
 * thread: events are published there right after their commit, and a joining console is caught up
 * there too, so no event can slip between its catch-up and its first live event.
 */
public final class ConsoleHub {
  private static final Logger log = LoggerFactory.getLogger(ConsoleHub.class);
  private static final int REPLAY_BATCH = 500;

  private final Map<Channel, Predicate<ConsoleEvent>> live = new ConcurrentHashMap<>();

  /** As {@link #join(Channel, Ledger, long, Predicate)}, for a console that sees every event. */
  public void join(Channel console, Ledger ledger, long afterSeq) {
    join(console, ledger, afterSeq, e -> true);
  }

  /**
   * Sends every event after {@code afterSeq} that the console {@code sees}, from the ledger, then
   * keeps the console live with the same filter.
   */
  public void join(Channel console, Ledger ledger, long afterSeq, Predicate<ConsoleEvent> sees) {
    EventLog events = new EventLog(ledger);
    long seq = afterSeq;
    int sent = 0;
    while (true) {
      List<ConsoleEvent> batch = events.eventsAfter(seq, REPLAY_BATCH);
      for (ConsoleEvent event : batch) {
        if (sees.test(event)) {
          send(console, event);
          sent++;
        }
        seq = event.seq();
      }
      if (batch.size() < REPLAY_BATCH) {
        break;
      }
    }
    live.put(console, sees);
    console.closeFuture().addListener(f -> live.remove(console));
    log.info(
        "console {}: caught up with {} events after seq {}",
        console.remoteAddress(),
        sent,
        afterSeq);
  }

  public void publish(ConsoleEvent event) {
    live.forEach(
        (console, sees) -> {
          if (sees.test(event)) {
            send(console, event);
          }
        });
  }

  public int consoles() {
    return live.size();
  }

  public static void send(Channel channel, ApiMessage message) {
    if (channel.isActive()) {
      channel.writeAndFlush(new TextWebSocketFrame(ApiJson.write(message)));
    }
  }
}
