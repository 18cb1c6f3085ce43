package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;

/** Barriers lifted by hand from a booth, each a chained row with the event that announces it. */
public final class ManualLifts {
  /** A recorded lift; {@code stayId} 0 and {@code due} null when unknown. */
  public record Lift(
      long liftNo, String lane, long stayId, Money due, String reason, String by, Instant at) {}

  private final Ledger ledger;

  public ManualLifts(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Records a lift and its event, inside the caller's transaction if there is one. */
  public Lift record(
      String requestId, String lane, long stayId, Money due, String reason, String by, Instant at) {
    return ledger.inTransaction(
        () -> {
          long liftNo =
              ledger.insert(
                  "INSERT INTO manual_lifts(lane, stay_id, due_minor, currency, reason, lifted_by,"
                      + " request_id, lifted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  lane,
                  stayId == 0 ? null : stayId,
                  due == null ? null : due.minor(),
                  due == null ? null : due.currency().getCurrencyCode(),
                  reason,
                  by,
                  requestId,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.MANUAL_LIFTS, liftNo);
          ledger.appendEvent(
              lane,
              seq ->
                  new ConsoleEvent.BarrierLifted(seq, at, lane, liftNo, stayId, due, reason, by));
          return new Lift(liftNo, lane, stayId, due, reason, by, at);
        });
  }

  /** Lifts from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
  public List<Lift> between(Instant from, Instant to) {
    List<Lift> out = new java.util.ArrayList<>();
    eachBetween(from, to, out::add);
    return out;
  }

  /** As {@link #between}, each lift handed to {@code each} as it is read, none kept. */
  public void eachBetween(Instant from, Instant to, java.util.function.Consumer<Lift> each) {
    // Compared as seconds: ISO texts with and without fractions do not sort as times.
    ledger.each(
        "SELECT lift_no, lane, stay_id, due_minor, currency, reason, lifted_by, lifted_at"
            + " FROM manual_lifts WHERE CAST(strftime('%s', lifted_at) AS INTEGER) >= ?"
            + " AND CAST(strftime('%s', lifted_at) AS INTEGER) < ? ORDER BY lift_no",
        ManualLifts::lift, each, from.getEpochSecond(), to.getEpochSecond());
  }

  private static Lift lift(ResultSet r) throws SQLException {
    long stayId = r.getLong(3);
    String currency = r.getString(5);
    return new Lift(
        r.getLong(1),
        r.getString(2),
        stayId,
        currency == null ? null : Money.of(r.getLong(4), currency),
        r.getString(6),
        r.getString(7),
        Instant.parse(r.getString(8)));
  }
}
