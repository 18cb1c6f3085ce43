package org.parkgate.controller.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monthly close: in order, once, only over closed days, and held by verify. */
class MonthlyClosureTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Currency CNY = Currency.getInstance("CNY");
  private static final Clock APRIL =
      Clock.fixed(Instant.parse("2027-04-05T04:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private Path closedJanuary() {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Fixtures.drive(ledger, 3);
      new DailyClosure(
              ledger,
              SHANGHAI,
              CNY,
              Clock.fixed(Instant.parse("2027-02-01T04:00:00Z"), ZoneOffset.UTC))
          .closeFinishedDays();
      MonthlyClosure monthly = new MonthlyClosure(ledger, SHANGHAI, CNY, APRIL);
      MonthlyClosure.Outcome jan = monthly.close(YearMonth.of(2027, 1), "finance1");
      MonthlyClose m = ((MonthlyClosure.Closed) jan).close();
      assertEquals(1, m.closeNo());
      assertEquals(23, m.days(), "the ledger's first month starts on its first day, the 9th");
      assertEquals(3, m.payments());
      assertEquals(600 - 200, m.net().minor(), "100 + 200 + 300 less the reversed 200");
      MonthlyClosure.Refused march =
          (MonthlyClosure.Refused) monthly.close(YearMonth.of(2027, 3), "finance1");
      assertTrue(march.reason().contains("close 2027-02 first"), march.reason());
      MonthlyClosure.Refused feb =
          (MonthlyClosure.Refused) monthly.close(YearMonth.of(2027, 2), "finance1");
      assertTrue(feb.reason().contains("2027-02-01 has no Z-report"), feb.reason());
      assertEquals(1, monthly.closes().size(), "refusals write nothing");
    }
    return file;
  }

  @Test
  void aClosedMonthVerifiesAndAChangedOneIsNamed() throws Exception {
    Path file = closedJanuary();
    assertTrue(Fixtures.verify(file).ok(), Fixtures.verify(file).summary());
    Fixtures.tamper(file, "UPDATE monthly_closes SET net_minor = net_minor + 100");
    Fixtures.restoreTriggers(file);
    LedgerVerifier.Result r = Fixtures.verify(file);
    assertFalse(r.ok());
    assertTrue(
        r.summary().contains("monthly_closes row 1 (monthly close 1, 2027-01)"), r.summary());
  }

  @Test
  void aDeletedCloseIsFound() throws Exception {
    Path file = closedJanuary();
    Fixtures.tamper(file, "DELETE FROM monthly_closes");
    Fixtures.restoreTriggers(file);
    LedgerVerifier.Result r = Fixtures.verify(file);
    assertFalse(r.ok());
    assertTrue(r.summary().contains("monthly_closes row 1"), r.summary());
  }
}
