package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver's receipt against an insider with the sqlite3 CLI: the code printed on it still checks
 * while the ledger is untouched, and fails once the payment is edited and the chain recomputed, or
 * cut off with the ledger's tail, which the chain alone cannot see.
 */
class ReceiptVerifierTest {
  @TempDir Path dir;

  @Test
  void theCodeOnAReceiptChecksAgainstAnUntouchedLedger() throws Exception {
    Path file = Fixtures.populated(dir, 3);
    ReceiptCode.Parsed code = code(file, "demo-000003");
    ReceiptVerifier.Result result = ReceiptVerifier.verify(file, code);
    assertTrue(result.ok(), result.summary());
    assertTrue(
        result.summary().startsWith("receipt demo-000003 (3.00 CNY cash at exit-1,"),
        result.summary());
    assertTrue(result.summary().contains("unchanged at link " + code.link()), result.summary());

    ReceiptVerifier.Result reversed = ReceiptVerifier.verify(file, code(file, "demo-000002"));
    assertTrue(reversed.summary().contains("since reversed by a supervisor"), reversed.summary());
  }

  @Test
  void anEditedPaymentWithTheChainRecomputedNoLongerMatchesItsReceipt() throws Exception {
    Path file = Fixtures.populated(dir, 3);
    ReceiptCode.Parsed code = code(file, "demo-000003");
    // A careful insider edits the payment and the event that announced it alike.
    Fixtures.tamper(
        file,
        "UPDATE payments SET amount_minor = 1 WHERE receipt_no = 'demo-000003'",
        "UPDATE events SET json = replace(json, '\"minor\":300', '\"minor\":1')"
            + " WHERE json LIKE '%payment-recorded%demo-000003%'",
        // and the takings kept for the money reports (V20), which verify recomputes
        "UPDATE takings_by_desk SET amount_minor = amount_minor - 299 WHERE reversal = 0"
            + " AND (quarter_s, lane, cashier, tender) = (SELECT"
            + " CAST(strftime('%s', p.paid_at) AS INTEGER) / 900 * 900, p.lane, p.cashier,"
            + " COALESCE(t.tender, p.method) FROM payments p LEFT JOIN payment_tenders t"
            + " ON t.payment_id = p.payment_id WHERE p.receipt_no = 'demo-000003')",
        "UPDATE takings_by_tender SET amount_minor = amount_minor - 299 WHERE reversal = 0"
            + " AND (quarter_s, tender) = (SELECT"
            + " CAST(strftime('%s', p.paid_at) AS INTEGER) / 900 * 900,"
            + " COALESCE(t.tender, p.method) FROM payments p LEFT JOIN payment_tenders t"
            + " ON t.payment_id = p.payment_id WHERE p.receipt_no = 'demo-000003')");
    Fixtures.rechain(file);
    Fixtures.restoreTriggers(file);
    assertTrue(Fixtures.verify(file).ok(), "a recomputed chain passes verify on its own");

    ReceiptVerifier.Result result = ReceiptVerifier.verify(file, code);
    assertFalse(result.ok());
    assertTrue(
        result
            .summary()
            .contains(
                "chain link "
                    + code.link()
                    + " no longer has the hash this receipt was printed with"),
        result.summary());
  }

  @Test
  void aPaymentCutOffWithTheTailIsNamedAsGone() throws Exception {
    Path file = Fixtures.populated(dir, 3);
    ReceiptCode.Parsed code = code(file, "demo-000003");
    // Everything from the last payment's link on goes, as if never written.
    Fixtures.tamper(
        file,
        "DELETE FROM payments WHERE receipt_no = 'demo-000003'",
        "DELETE FROM exits WHERE stay_id = 3",
        "DELETE FROM events WHERE seq > (SELECT MIN(seq) - 1 FROM events WHERE json LIKE"
            + " '%demo-000003%')",
        "DELETE FROM chain WHERE link >= " + code.link());
    Fixtures.restoreTriggers(file);

    ReceiptVerifier.Result result = ReceiptVerifier.verify(file, code);
    assertFalse(result.ok());
    assertTrue(
        result.summary().contains("chain link " + code.link() + " is not in the ledger"),
        result.summary());
  }

  @Test
  void aMistypedCodeIsNotTakenForAnotherPayment() throws Exception {
    Path file = Fixtures.populated(dir, 3);
    ReceiptCode.Parsed code = code(file, "demo-000001");
    String wrong = code.check().charAt(0) == '2' ? "3" : "2";
    ReceiptVerifier.Result result =
        ReceiptVerifier.verify(
            file, new ReceiptCode.Parsed(code.link(), wrong + code.check().substring(1)));
    assertFalse(result.ok());
    assertTrue(result.summary().contains("or the code was mistyped"), result.summary());
  }

  /** The code printed on receipt {@code receiptNo}. */
  private static ReceiptCode.Parsed code(Path file, String receiptNo) {
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Payments payments = new Payments(ledger);
      long id = payments.paymentByReceipt(receiptNo).orElseThrow().paymentId();
      return ReceiptCode.read(payments.receiptLink(id).orElseThrow().verificationCode());
    }
  }
}
