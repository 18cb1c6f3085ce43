package org.parkgate.controller.ledger;

import java.time.Instant;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;

/**
 * Handovers (交接班) at a booth: the outgoing cashier's shift closed with its count and the incoming
 * cashier's shift opened with the cash both counted as its float, accepted with the incoming
 * cashier's own password. A chained row, written with the event that announces it.
 */
public final class Handovers {
  private final Ledger ledger;

  public Handovers(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Records a handover inside the caller's transaction, after both shifts were written. */
  public long record(
      String requestId,
      long closedShift,
      String from,
      long openedShift,
      String to,
      Money cashFloat,
      String console,
      Instant at) {
    return ledger.inTransaction(
        () -> {
          long id =
              ledger.insert(
                  "INSERT INTO handovers(closed_shift, opened_shift, from_cashier, to_cashier,"
                      + " console_id, request_id, handed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  closedShift,
                  openedShift,
                  from,
                  to,
                  console,
                  requestId,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.HANDOVERS, id);
          ledger.appendEvent(
              null,
              seq ->
                  new ConsoleEvent.ShiftHandedOver(
                      seq, at, null, closedShift, from, to, openedShift, cashFloat));
          return id;
        });
  }
}
