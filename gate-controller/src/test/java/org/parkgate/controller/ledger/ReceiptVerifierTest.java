package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
    Fixtures.tamper(file, "UPDATE payments SET amount_minor = 1 WHERE receipt_no = 'demo-000003'");
    rechain(file);
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

  /** Recomputes every link's hash over the rows as they now stand, as an insider would. */
  private static void rechain(Path file) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      db.setAutoCommit(false);
      List<Object[]> links = new ArrayList<>();
      try (ResultSet r =
          db.createStatement().executeQuery("SELECT link, tbl, row_id FROM chain ORDER BY link")) {
        while (r.next()) {
          links.add(new Object[] {r.getLong(1), r.getString(2), r.getLong(3)});
        }
      }
      String previous = java.util.HexFormat.of().formatHex(HashChain.GENESIS);
      for (Object[] l : links) {
        ChainedTable table = ChainedTable.of((String) l[1]).orElseThrow();
        String canonical;
        try (PreparedStatement p = db.prepareStatement(table.selectOne())) {
          p.setLong(1, (Long) l[2]);
          try (ResultSet r = p.executeQuery()) {
            r.next();
            canonical = HashChain.canonical((Long) l[0], table, r);
          }
        }
        previous = HashChain.hash(previous, canonical);
        try (PreparedStatement u =
            db.prepareStatement("UPDATE chain SET hash = ? WHERE link = ?")) {
          u.setString(1, previous);
          u.setLong(2, (Long) l[0]);
          u.executeUpdate();
        }
      }
      db.commit();
    }
  }
}
