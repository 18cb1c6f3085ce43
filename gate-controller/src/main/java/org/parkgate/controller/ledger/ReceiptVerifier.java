package org.parkgate.controller.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parkgate.money.Money;

/**
 * Whether the payment behind a receipt's verification code is still in the ledger unchanged: the
 * whole ledger verifies (integrity, chain, numbering, triggers), the code's link is still there,
 * still chains a payment, and still has the hash the code was drawn from. A payment deleted, edited
 * and chained again, or cut off with the ledger's tail, fails one of these.
 */
public final class ReceiptVerifier {
  /** The payment the code names, as the ledger holds it now. */
  public record Payment(
      String receiptNo,
      String lane,
      Money amount,
      String method,
      String paidAt,
      boolean reversed) {}

  /** The ledger's verification with the receipt's own check; {@code payment} empty if not found. */
  public record Result(
      ReceiptCode.Parsed code, LedgerVerifier.Result ledger, Optional<Payment> payment) {
    public boolean ok() {
      return ledger.ok() && payment.isPresent();
    }

    public String summary() {
      if (ok()) {
        Payment p = payment.get();
        return "receipt "
            + p.receiptNo()
            + " ("
            + p.amount()
            + " "
            + p.method()
            + " at "
            + p.lane()
            + ", "
            + p.paidAt()
            + (p.reversed() ? ", since reversed by a supervisor" : "")
            + ") is in the ledger unchanged at link "
            + code.link()
            + "; "
            + ledger.summary();
      }
      return "verification code "
          + code.printed()
          + " FAILED: "
          + String.join("; ", ledger.problems());
    }
  }

  private ReceiptVerifier() {}

  /**
   * Checks the ledger at {@code file} and the receipt of {@code code} in it.
   *
   * @throws LedgerException if the file cannot be read as a ledger at all
   */
  public static Result verify(Path file, ReceiptCode.Parsed code) {
    List<Payment> found = new ArrayList<>(1);
    LedgerVerifier.Result ledger =
        LedgerVerifier.verify(
            file,
            Optional.empty(),
            (db, problems, notes) -> problems.addAll(check(db, code, found)));
    return new Result(code, ledger, found.stream().findFirst());
  }

  private static List<String> check(Connection db, ReceiptCode.Parsed code, List<Payment> found)
      throws SQLException {
    try (var p =
        db.prepareStatement(
            "SELECT c.tbl, c.hash, p.receipt_no, p.lane, p.amount_minor, p.currency, p.method,"
                + " p.paid_at,"
                + " EXISTS (SELECT 1 FROM reversals v WHERE v.payment_id = p.payment_id)"
                + " FROM chain c LEFT JOIN payments p"
                + " ON c.tbl = 'payments' AND p.payment_id = c.row_id WHERE c.link = ?")) {
      p.setLong(1, code.link());
      try (ResultSet r = p.executeQuery()) {
        String link = "chain link " + code.link();
        if (!r.next()) {
          return List.of(
              link + " is not in the ledger: the payment was cut off with the ledger's tail");
        }
        if (!"payments".equals(r.getString(1))) {
          return List.of(
              link
                  + " holds no payment: the code was mistyped, or the ledger was rewritten after"
                  + " this receipt");
        }
        if (!ReceiptCode.check(r.getString(2)).equals(code.check())) {
          return List.of(
              link
                  + " no longer has the hash this receipt was printed with: the ledger was"
                  + " rewritten, or the code was mistyped");
        }
        if (r.getString(3) == null) {
          return List.of(link + "'s payment row is gone");
        }
        found.add(
            new Payment(
                r.getString(3),
                r.getString(4),
                Money.of(r.getLong(5), r.getString(6)),
                r.getString(7),
                r.getString(8),
                r.getBoolean(9)));
        return List.of();
      }
    }
  }
}
