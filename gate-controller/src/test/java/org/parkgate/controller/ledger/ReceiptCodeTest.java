package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.money.Money;

class ReceiptCodeTest {
  @TempDir Path dir;

  @Test
  void aPaymentsCodeNamesItsChainLinkAndThatLinksHash() {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      Stay seen = stays.recordEntry("entry-1", "CARD1", Fixtures.T0);
      Sightings sightings = new Sightings(ledger);
      sightings.record(
          new Sightings.Seen(
              seen.stayId(),
              "entry-1",
              Sightings.Direction.ENTRY,
              "粤B12345",
              "car",
              null,
              Fixtures.T0));
      Stay unseen = stays.recordEntry("entry-1", "CARD2", Fixtures.T0.plusSeconds(5));
      Payments payments = new Payments(ledger);
      Payment paid =
          payments.recordPayment(
              "pay-1",
              seen.stayId(),
              "exit-1",
              Money.of(500, "CNY"),
              "cashier1",
              Fixtures.T0.plusSeconds(600));
      sightings.record(
          new Sightings.Seen(
              seen.stayId(),
              "exit-1",
              Sightings.Direction.EXIT,
              "粤B12346",
              "car",
              null,
              Fixtures.T0.plusSeconds(590)));

      ReceiptLink link = payments.receiptLink(paid.paymentId()).orElseThrow();
      HashChain.Head chained =
          ledger
              .first(
                  "SELECT link, hash FROM chain WHERE tbl = 'payments' AND row_id = ?",
                  r -> new HashChain.Head(r.getLong(1), r.getString(2)),
                  paid.paymentId())
              .orElseThrow();
      assertEquals(chained.link(), link.link());
      assertEquals(ReceiptCode.of(chained.link(), chained.hash()), link.verificationCode());
      assertTrue(
          link.verificationCode().matches(chained.link() + "-[2-9A-Y]{4}-[2-9A-Y]{4}"),
          link.verificationCode());
      assertEquals("粤B12346", link.plate(), "the exit camera's read comes first");

      Payment other =
          payments.recordPayment(
              "pay-2",
              unseen.stayId(),
              "exit-1",
              Money.of(500, "CNY"),
              "cashier1",
              Fixtures.T0.plusSeconds(700));
      ReceiptLink second = payments.receiptLink(other.paymentId()).orElseThrow();
      assertNull(second.plate(), "no camera read it");
      assertNotEquals(
          link.verificationCode().substring(link.verificationCode().indexOf('-')),
          second.verificationCode().substring(second.verificationCode().indexOf('-')),
          "the same amount at another link has another code");
    }
  }

  @Test
  void aCodeIsReadBackInAnyCaseWithOrWithoutDashes() {
    String code = ReceiptCode.of(1234, "ab".repeat(32));
    ReceiptCode.Parsed parsed = ReceiptCode.read(code);
    assertEquals(1234, parsed.link());
    assertEquals(code, parsed.printed());
    assertEquals(parsed, ReceiptCode.read(" " + code.toLowerCase().replace("-", "") + " "));
    assertEquals(parsed, ReceiptCode.read(code.replace("-", " ")));
  }

  @Test
  void somethingElseIsNamedAsNotACode() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReceiptCode.read("1234-ABCD-EF0H"));
    assertTrue(e.getMessage().contains("'1234-ABCD-EF0H' is not a receipt's verification code"));
    assertThrows(IllegalArgumentException.class, () -> ReceiptCode.read("0-ABCD-EFGH"));
    assertThrows(IllegalArgumentException.class, () -> ReceiptCode.read(""));
    assertThrows(IllegalArgumentException.class, () -> ReceiptCode.read("ABCD-EFGH"));
  }
}
