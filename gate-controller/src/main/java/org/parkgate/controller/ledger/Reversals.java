package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.parkgate.money.Money;

/** Writes and reads reversing entries; runs inside the ledger's transaction. */
final class Reversals {
  private static final String SELECT =
      "SELECT v.reversal_id, v.payment_id, p.receipt_no, v.amount_minor, v.currency,"
          + " v.supervisor, v.reason, v.request_id, v.reversed_at FROM reversals v JOIN payments p ON p.payment_id = v.payment_id";

  private Reversals() {}

  static Reversal record(
      Connection db,
      String requestId,
      String receiptNo,
      String supervisor,
      String reason,
      Instant at)
      throws SQLException {
    Optional<Reversal> earlier = find(db, " WHERE v.request_id = ?", requestId);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    record Paid(long paymentId, long amount, String currency, String cashier) {}
    Paid paid =
        LedgerRows.first(
                db,
                "SELECT payment_id, amount_minor, currency, cashier FROM payments WHERE receipt_no = ?",
                r -> new Paid(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4)),
                receiptNo)
            .orElseThrow(() -> new LedgerException("no receipt " + receiptNo + " to reverse"));
    Optional<Reversal> already = find(db, " WHERE v.payment_id = ?", paid.paymentId());
    if (already.isPresent()) {
      throw new LedgerException(
          "receipt "
              + receiptNo
              + " was already reversed (reversal "
              + already.get().reversalId()
              + ")");
    }
    if (paid.cashier().equals(supervisor)) {
      throw new LedgerException(
          "receipt "
              + receiptNo
              + " was taken by "
              + paid.cashier()
              + ", who cannot reverse it; ask another supervisor");
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

  static Optional<Reversal> find(Connection db, String where, Object key) throws SQLException {
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
