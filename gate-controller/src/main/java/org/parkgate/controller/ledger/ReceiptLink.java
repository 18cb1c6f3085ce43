package org.parkgate.controller.ledger;

import java.util.Optional;

/**
 * What a receipt prints from the ledger besides the payment: the chain link that holds the payment,
 * its verification code ({@link ReceiptCode}), and the plate a camera read for the stay (the exit
 * camera's, else the entry's, else the one registered at entry; null when none).
 */
public record ReceiptLink(long link, String verificationCode, String plate) {

  /** A stay's plate as a receipt prints it, for a query where {@code p} is the payments row. */
  static final String PLATE_OF_PAYMENT =
      "COALESCE((SELECT s.plate FROM sightings s WHERE s.stay_id = p.stay_id"
          + "   AND s.direction = 'exit' ORDER BY s.sighting_id DESC LIMIT 1),"
          + " (SELECT s.plate FROM sightings s WHERE s.stay_id = p.stay_id"
          + "   AND s.direction = 'entry' ORDER BY s.sighting_id DESC LIMIT 1),"
          + " (SELECT c.plate FROM entry_credentials c WHERE c.stay_id = p.stay_id))";

  /** The plate a receipt of a payment for stay {@code stayId} prints; null when none was read. */
  static String plateOf(Ledger ledger, long stayId) throws java.sql.SQLException {
    return LedgerRows.first(
            ledger.connection(),
            "SELECT " + PLATE_OF_PAYMENT + " FROM (SELECT ? AS stay_id) p",
            r -> java.util.Optional.ofNullable(r.getString(1)),
            stayId)
        .flatMap(plate -> plate)
        .orElse(null);
  }

  /** The receipt facts of payment {@code paymentId}, empty when no such payment is chained. */
  static Optional<ReceiptLink> of(Ledger ledger, long paymentId) {
    return ledger.first(
        "SELECT c.link, c.hash, "
            + PLATE_OF_PAYMENT
            + " FROM payments p JOIN chain c ON c.tbl = 'payments' AND c.row_id = p.payment_id"
            + " WHERE p.payment_id = ?",
        r ->
            new ReceiptLink(
                r.getLong(1), ReceiptCode.of(r.getLong(1), r.getString(2)), r.getString(3)),
        paymentId);
  }
}
