package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.parkgate.money.Money;

/**
 * The booth's cash drawer opened with no sale, and receipts printed again as copies: each a chained
 * row with who did it (the session's person), at which console, and the request that asked. Both
 * are written before the console acts, so a drawer that opened or a copy that printed is always on
 * record.
 */
public final class DrawerLog {
  /** A "no sale" opening as recorded. */
  public record Opening(
      long openingNo, String consoleId, String by, String reason, String requestId, Instant at) {}

  /** A payment's receipt as the ledger holds it, with the reprint that asked for it. */
  public record Reprint(
      long reprintNo,
      int copyNo,
      Payment payment,
      String card,
      ReceiptLink link,
      String entryLane,
      Instant enteredAt,
      String method,
      boolean reversed,
      String by,
      Instant at) {}

  private final Ledger ledger;

  public DrawerLog(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Records a "no sale" opening inside the caller's transaction. */
  public Opening recordOpening(
      String requestId, String consoleId, String by, String reason, Instant at) {
    return ledger.inTransaction(
        () -> {
          long id =
              ledger.insert(
                  "INSERT INTO drawer_openings(console_id, opened_by, reason, request_id, opened_at)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  consoleId,
                  by,
                  reason,
                  requestId,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.DRAWER_OPENINGS, id);
          return new Opening(id, consoleId, by, reason, requestId, at);
        });
  }

  /**
   * Records a reprint of {@code receiptNo} inside the caller's transaction and returns the
   * payment's receipt data; empty, recording nothing, when there is no such receipt.
   */
  public Optional<Reprint> recordReprint(
      String requestId, String receiptNo, String consoleId, String by, Instant at) {
    return ledger.inTransaction(
        () -> {
          Connection db = ledger.connection();
          Optional<Found> found = find(db, receiptNo);
          if (found.isEmpty()) {
            return Optional.<Reprint>empty();
          }
          Found f = found.get();
          long id =
              ledger.insert(
                  "INSERT INTO receipt_reprints(payment_id, console_id, printed_by, request_id,"
                      + " reprinted_at) VALUES (?, ?, ?, ?, ?)",
                  f.payment().paymentId(),
                  consoleId,
                  by,
                  requestId,
                  at);
          HashChain.append(db, ChainedTable.RECEIPT_REPRINTS, id);
          int copyNo =
              LedgerRows.first(
                      db,
                      "SELECT COUNT(*) FROM receipt_reprints WHERE payment_id = ?",
                      r -> r.getInt(1),
                      f.payment().paymentId())
                  .orElse(1);
          return Optional.of(
              new Reprint(
                  id,
                  copyNo,
                  f.payment(),
                  f.card(),
                  f.link(),
                  f.entryLane(),
                  f.enteredAt(),
                  f.method(),
                  f.reversed(),
                  by,
                  at));
        });
  }

  private record Found(
      Payment payment,
      String card,
      ReceiptLink link,
      String entryLane,
      Instant enteredAt,
      String method,
      boolean reversed) {}

  private static Optional<Found> find(Connection db, String receiptNo) throws SQLException {
    return LedgerRows.first(
        db,
        "SELECT p.payment_id, p.receipt_no, p.stay_id, p.lane, p.amount_minor, p.currency,"
            + " p.cashier, p.request_id, p.paid_at, p.method, e.card, e.lane, e.entered_at,"
            + ReceiptLink.PLATE_OF_PAYMENT
            + ","
            + " EXISTS (SELECT 1 FROM reversals v WHERE v.payment_id = p.payment_id),"
            + " c.link, c.hash"
            + " FROM payments p LEFT JOIN entries e ON e.stay_id = p.stay_id"
            + " JOIN chain c ON c.tbl = 'payments' AND c.row_id = p.payment_id"
            + " WHERE p.receipt_no = ?",
        r ->
            new Found(
                new Payment(
                    r.getLong(1),
                    r.getString(2),
                    r.getLong(3),
                    r.getString(4),
                    Money.of(r.getLong(5), r.getString(6)),
                    r.getString(7),
                    r.getString(8),
                    Instant.parse(r.getString(9))),
                r.getString(11),
                new ReceiptLink(
                    r.getLong(16), ReceiptCode.of(r.getLong(16), r.getString(17)), r.getString(14)),
                r.getString(12),
                r.getString(13) == null ? null : Instant.parse(r.getString(13)),
                r.getString(10),
                r.getBoolean(15)),
        receiptNo);
  }
}
