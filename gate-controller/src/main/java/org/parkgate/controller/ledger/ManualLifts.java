package org.parkgate.controller.ledger;

import java.time.Instant;
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
}
