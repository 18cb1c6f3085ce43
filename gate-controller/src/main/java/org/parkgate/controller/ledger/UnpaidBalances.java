package org.parkgate.controller.ledger;

import java.time.Instant;
import java.util.List;
import org.parkgate.money.Money;

/**
 * Money a vehicle left owing, kept against its plate until a later exit of that plate pays it. A
 * balance is settled once, by a chained settlement row naming it and the payment that carried it.
 */
public final class UnpaidBalances {
  /** A stay that left owing {@code amount}; {@code reason} says how it got out. */
  public record Balance(
      long balanceId,
      String plate,
      long stayId,
      String lane,
      Money amount,
      String reason,
      Instant at) {}

  private final Ledger ledger;

  public UnpaidBalances(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Records what a stay left owing, inside the caller's transaction if there is one. */
  public Balance record(
      String plate, long stayId, String lane, Money amount, String reason, Instant at) {
    return ledger.inTransaction(
        () -> {
          long id =
              ledger.insert(
                  "INSERT INTO unpaid_balances(plate, stay_id, lane, amount_minor, currency, reason, recorded_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  plate,
                  stayId,
                  lane,
                  amount.minor(),
                  amount.currency().getCurrencyCode(),
                  reason,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.UNPAID_BALANCES, id);
          return new Balance(id, plate, stayId, lane, amount, reason, at);
        });
  }

  /** The plate's balances no payment has settled yet, oldest first. */
  public List<Balance> outstanding(String plate) {
    return ledger.list(
        "SELECT b.balance_id, b.plate, b.stay_id, b.lane, b.amount_minor, b.currency, b.reason, b.recorded_at"
            + " FROM unpaid_balances b LEFT JOIN settlements s ON s.balance_id = b.balance_id"
            + " WHERE b.plate = ? AND s.balance_id IS NULL ORDER BY b.balance_id",
        r ->
            new Balance(
                r.getLong(1),
                r.getString(2),
                r.getLong(3),
                r.getString(4),
                Money.of(r.getLong(5), r.getString(6)),
                r.getString(7),
                Instant.parse(r.getString(8))),
        plate);
  }

  /**
   * Settles a balance with the payment that carried it, inside the caller's transaction if there is
   * one; a balance settled already is left as it is.
   *
   * @return true if this call settled it
   */
  public boolean settle(Balance balance, long paymentId, Instant at) {
    return ledger.inTransaction(
        () -> {
          if (ledger.exists(
              "SELECT 1 FROM settlements WHERE balance_id = ?", balance.balanceId())) {
            return false;
          }
          long id =
              ledger.insert(
                  "INSERT INTO settlements(balance_id, payment_id, amount_minor, currency, settled_at)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  balance.balanceId(),
                  paymentId,
                  balance.amount().minor(),
                  balance.amount().currency().getCurrencyCode(),
                  at);
          HashChain.append(ledger.connection(), ChainedTable.SETTLEMENTS, id);
          return true;
        });
  }
}
