package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Said;
import org.parkgate.money.Money;

/**
 * Reversing entries: a payment taken back by a supervisor (not the cashier who took it), with a
 * reason, as a new row with the negated amount that names the original. The original is never
 * changed.
 */
public final class Reversals {
  private static final String SELECT =
      "SELECT v.reversal_id, v.payment_id, p.receipt_no, v.amount_minor, v.currency,"
          + " v.supervisor, v.reason, v.request_id, v.reversed_at FROM reversals v JOIN payments p ON p.payment_id = v.payment_id";

  private final Ledger ledger;

  public Reversals(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Reverses a payment by its receipt number and announces it to the consoles. A request id seen
   * before returns its first reversal.
   */
  public Reversal reversePayment(
      String requestId, String receiptNo, String supervisor, String reason, Instant at) {
    if (supervisor == null || supervisor.isBlank()) {
      throw new LedgerException("a reversal needs the supervisor who makes it");
    }
    if (reason == null || reason.isBlank()) {
      throw new LedgerException("a reversal needs a reason");
    }
    return ledger.inTransaction(
        () -> {
          Connection db = ledger.connection();
          Optional<Reversal> earlier = find(db, " WHERE v.request_id = ?", requestId);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Reversal made = record(db, requestId, receiptNo, supervisor.trim(), reason.trim(), at);
          String lane =
              LedgerRows.first(
                      db,
                      "SELECT lane FROM payments WHERE payment_id = ?",
                      r -> r.getString(1),
                      made.paymentId())
                  .orElseThrow(() -> new LedgerException("no payment " + made.paymentId()));
          Money taken = Money.zero(made.amount().currency()).minus(made.amount());
          ledger.appendEvent(
              lane,
              seq ->
                  new ConsoleEvent.PaymentReversed(
                      seq,
                      made.reversedAt(),
                      lane,
                      made.receiptNo(),
                      taken,
                      made.supervisor(),
                      made.reason()));
          return made;
        });
  }

  /** Writes a reversing entry inside the caller's transaction. */
  private static Reversal record(
      Connection db,
      String requestId,
      String receiptNo,
      String supervisor,
      String reason,
      Instant at)
      throws SQLException {
    record Paid(long paymentId, long amount, String currency, String cashier) {}
    Paid paid =
        LedgerRows.first(
                db,
                "SELECT payment_id, amount_minor, currency, cashier FROM payments WHERE receipt_no = ?",
                r -> new Paid(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4)),
                receiptNo)
            .orElseThrow(
                () ->
                    new LedgerException(
                        Said.of(
                            "没有可冲正的收据 " + receiptNo, "no receipt " + receiptNo + " to reverse")));
    Optional<Reversal> already = find(db, " WHERE v.payment_id = ?", paid.paymentId());
    if (already.isPresent()) {
      throw new LedgerException(
          Said.of(
              "收据 " + receiptNo + " 已冲正（冲正号 " + already.get().reversalId() + "）",
              "receipt "
                  + receiptNo
                  + " was already reversed (reversal "
                  + already.get().reversalId()
                  + ")"));
    }
    if (paid.cashier().equals(supervisor)) {
      throw new LedgerException(
          Said.of(
              "收据 " + receiptNo + " 由 " + paid.cashier() + " 收款，本人不能冲正；请另一位主管冲正",
              "receipt "
                  + receiptNo
                  + " was taken by "
                  + paid.cashier()
                  + ", who cannot reverse it; ask another supervisor"));
    }
    LedgerRows.update(
        db,
        "INSERT INTO reversals(payment_id, amount_minor, currency, supervisor, reason,"
            + " request_id, reversed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        paid.paymentId(),
        -paid.amount(),
        paid.currency(),
        supervisor,
        reason,
        requestId,
        at);
    Reversal made = find(db, " WHERE v.payment_id = ?", paid.paymentId()).orElseThrow();
    HashChain.append(db, ChainedTable.REVERSALS, made.reversalId());
    return made;
  }

  private static Optional<Reversal> find(Connection db, String where, Object key)
      throws SQLException {
    return LedgerRows.first(
        db,
        SELECT + where,
        r ->
            new Reversal(
                r.getLong(1),
                r.getLong(2),
                r.getString(3),
                Money.of(r.getLong(4), r.getString(5)),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                Instant.parse(r.getString(9))),
        key);
  }
}
