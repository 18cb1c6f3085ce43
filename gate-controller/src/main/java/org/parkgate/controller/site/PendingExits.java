package org.parkgate.controller.site;

import java.util.HashMap;
import java.util.Map;
import org.parkgate.controller.ledger.Ledger;

/**
 * The quotes exit lanes are acting on, by stay. Each change is undone if the ledger transaction it
 * is part of rolls back, so what is kept here never runs ahead of the ledger.
 */
final class PendingExits {
  private final Ledger ledger;
  private final Map<Long, PendingExit> pending = new HashMap<>();

  PendingExits(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The stay's quote, or null when no exit is acting on one. */
  PendingExit get(long stayId) {
    return pending.get(stayId);
  }

  /** The stay's quote; fails when no exit is acting on one. */
  PendingExit waiting(long stayId) {
    PendingExit p = pending.get(stayId);
    if (p == null) {
      throw new IllegalStateException("stay " + stayId + " is not waiting at an exit");
    }
    return p;
  }

  void put(long stayId, PendingExit p) {
    PendingExit before = pending.put(stayId, p);
    ledger.onRollback(() -> restore(stayId, before));
  }

  /** Forgets the stay's quote; it comes back if the transaction this is part of rolls back. */
  PendingExit forget(long stayId) {
    PendingExit p = pending.remove(stayId);
    ledger.onRollback(() -> restore(stayId, p));
    return p;
  }

  private void restore(long stayId, PendingExit p) {
    if (p == null) {
      pending.remove(stayId);
    } else {
      pending.put(stayId, p);
    }
  }
}
