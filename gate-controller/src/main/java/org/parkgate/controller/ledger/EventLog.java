package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.LongFunction;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ConsoleEvent;

/**
 * The events the consoles follow, numbered 1, 2, 3... in the ledger: recorded with the change they
 * announce, and read back by a console catching up after {@code seq}. Events that change no money
 * or stay (lane status, device status, rejections) are recorded here on their own.
 */
public final class EventLog {
  /** An event waiting to be recorded with others, and the lane it belongs to. */
  public record PendingEvent(String lane, LongFunction<ConsoleEvent> event) {}

  private final Ledger ledger;

  public EventLog(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Records an event that changes no money or stay. */
  public ConsoleEvent recordEvent(String lane, LongFunction<ConsoleEvent> event) {
    return ledger.inTransaction(() -> ledger.appendEvent(lane, event));
  }

  /**
   * Records events that change no money or stay in one transaction (one commit, one fsync), in the
   * order given; the listener hears of them after the commit, in that order.
   */
  public void recordEvents(List<PendingEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    ledger.inTransaction(
        () -> {
          for (PendingEvent e : events) {
            ledger.appendEvent(e.lane(), e.event());
          }
          return null;
        });
  }

  /** Events after {@code seq}, oldest first, at most {@code limit}. */
  public List<ConsoleEvent> eventsAfter(long seq, int limit) {
    return ledger.read(
        () ->
            LedgerRows.list(
                ledger.connection(),
                "SELECT json FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                r -> event(r, seq),
                seq,
                limit),
        () -> "cannot read events after " + seq);
  }

  private static ConsoleEvent event(ResultSet r, long after) throws SQLException {
    try {
      return (ConsoleEvent) ApiJson.read(r.getString(1));
    } catch (ApiJson.BadMessageException e) {
      throw new LedgerException("cannot read events after " + after + ": " + e.getMessage(), e);
    }
  }

  /** The number of the newest event; 0 while there is none. */
  public long lastSeq() {
    return ledger.read(
        () -> {
          try (Statement s = ledger.connection().createStatement();
              ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM events")) {
            return r.getLong(1);
          }
        },
        () -> "cannot read the last event");
  }
}
