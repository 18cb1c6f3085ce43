package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;

/** A fee line written by the engine is the same line, in every way, as one given its text. */
class FeeLineTest {

  private static FeeQuote month(Tariff t) {
    Instant entry = LocalDateTime.parse("2027-01-04T07:13").atZone(t.zone()).toInstant();
    return FeeEngine.quote(t, StayRequest.of("car", entry, entry.plusSeconds(30 * 86_400L)));
  }

  @Test
  void aQuotesLinesEqualLinesGivenTheirText() throws Exception {
    Tariff t = ExampleTariffsTest.tariff("day-night");
    List<FeeLine> lines = month(t).lines();
    assertEquals(18, lines.size());
    for (FeeLine l : lines) {
      FeeLine given = new FeeLine(l.period(), l.rule(), l.quantity(), l.amount());
      assertEquals(given, l);
      assertEquals(l, given);
      assertEquals(given.hashCode(), l.hashCode());
      assertEquals(given.toString(), l.toString());
    }
    // Two quotes of the same stay, compared before anyone has read their lines' periods.
    assertEquals(month(t).lines(), month(t).lines());
  }

  @Test
  void aLineReadsAsARecordOfItsFourValues() throws Exception {
    Tariff t = ExampleTariffsTest.tariff("day-night");
    FeeLine first = month(t).lines().get(0);
    assertEquals("2027-01-04 07:13-08:00", first.period());
    assertEquals(
        "FeeLine[period=2027-01-04 07:13-08:00, rule=early: free, quantity=0, amount=0.00 CNY]",
        first.toString());
    Money zero = Money.zero(t.currency());
    FeeLine line = new FeeLine("2027-01-04 07:13-08:00", "early: free", 0, zero);
    assertEquals(line, first);
    assertNotEquals(new FeeLine("2027-01-04 07:14-08:00", "early: free", 0, zero), first);
    assertNotEquals(new FeeLine("2027-01-04 07:13-08:00", "early: free", 1, zero), first);
  }
}
