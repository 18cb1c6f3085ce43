package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    long paymentId;
    long amount;
    String currency;
    String cashier;
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT payment_id, amount_minor, currency, cashier FROM payments WHERE receipt_no = ?")) {
      p.setString(1, receiptNo);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new LedgerException("no receipt " + receiptNo + " to reverse");
        }
        paymentId = r.getLong(1);
        amount = r.getLong(2);
        currency = r.getString(3);
        cashier = r.getString(4);
      }
    }
    Optional<Reversal> already = find(db, " WHERE v.payment_id = ?", paymentId);
    if (already.isPresent()) {
      throw new LedgerException(
          "receipt "
              + receiptNo
              + " was already reversed (reversal "
              + already.get().reversalId()
              + ")");
    }
    if (cashier.equals(supervisor)) {
      throw new LedgerException(
          "receipt "
              + receiptNo
              + " was taken by "
              + cashier
              + ", who cannot reverse it; ask another supervisor");
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO reversals(payment_id, amount_minor, currency, supervisor, reason,"
                + " request_id, reversed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, paymentId);
      p.setLong(2, -amount);
      p.setString(3, currency);
      p.setString(4, supervisor);
      p.setString(5, reason);
      p.setString(6, requestId);
      p.setString(7, at.toString());
      p.executeUpdate();
    }
    Reversal made = find(db, " WHERE v.payment_id = ?", paymentId).orElseThrow();
    HashChain.append(db, ChainedTable.REVERSALS, made.reversalId());
    return made;
  }

  static Optional<Reversal> find(Connection db, String where, Object key) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(SELECT + where)) {
      p.setObject(1, key);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Reversal(
                r.getLong(1),
                r.getLong(2),
                r.getString(3),
                Money.of(r.getLong(4), r.getString(5)),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                Instant.parse(r.getString(9))));
      }
    }
  }
}
