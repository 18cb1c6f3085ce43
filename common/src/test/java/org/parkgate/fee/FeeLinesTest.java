package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;

/**
 * A quote's lines, some of them made only when first read: the same lines, in the same order, as
 * walking every day writes, read by anyone, and never changed.
 */
class FeeLinesTest {

  private static final long DAY = 86_400;

  @Test
  void sixWeeksOfRememberedDaysReadAsTheWalkedDaysLines() throws Exception {
    Tariff t = ExampleTariffsTest.tariff("day-night");
    Instant monday = LocalDateTime.parse("2027-03-01T09:00").atZone(t.zone()).toInstant();
    Scheme scheme = t.versionAt(monday).scheme("car");
    long entry = monday.getEpochSecond();
    long exit = entry + 42 * DAY + 3_600;
    FeeLines walked = new FeeLines();
    long expected = new StayMeter(t, scheme, entry, exit, walked, false).finish();
    // Twice: the first stay fills the memo, the second is charged from it, its Sundays' lines
    // held back until read.
    for (int pass = 0; pass < 2; pass++) {
      FeeLines remembered = new FeeLines();
      assertEquals(expected, new StayMeter(t, scheme, entry, exit, remembered).finish());
      assertEquals(expected, remembered.sumMinor(), "the sum kept as the lines were added");
      assertEquals(walked.size(), remembered.size());
      assertEquals(new ArrayList<>(walked), new ArrayList<>(remembered));
    }
  }

  @Test
  void aQuotesLinesCannotBeChanged() throws Exception {
    Tariff t = ExampleTariffsTest.tariff("day-night");
    Instant entry = LocalDateTime.parse("2027-03-01T09:00").atZone(t.zone()).toInstant();
    List<FeeLine> lines =
        FeeEngine.quote(t, StayRequest.of("car", entry, entry.plusSeconds(30 * DAY))).lines();
    FeeLine any = new FeeLine("2027-03-01", "extra", 1, Money.zero(t.currency()));
    assertThrows(UnsupportedOperationException.class, () -> lines.add(any));
    assertThrows(UnsupportedOperationException.class, () -> lines.set(0, any));
    assertThrows(UnsupportedOperationException.class, () -> lines.remove(0));
    assertThrows(IndexOutOfBoundsException.class, () -> lines.get(lines.size()));
    FeeLines made = new FeeLines();
    made.append(any);
    new FeeQuote(Money.zero(t.currency()), made);
    assertThrows(IllegalStateException.class, () -> made.append(any), "sealed by its quote");
  }

  @Test
  void threadsReadingAMonthsLinesAtOnceAllSeeTheSameLines() throws Exception {
    Tariff t = ExampleTariffsTest.tariff("day-night");
    Instant entry = LocalDateTime.parse("2027-03-01T09:00").atZone(t.zone()).toInstant();
    StayRequest month = StayRequest.of("car", entry, entry.plusSeconds(30 * DAY));
    List<FeeLine> expected = new ArrayList<>(FeeEngine.quote(t, month).lines());
    for (int round = 0; round < 50; round++) {
      FeeQuote quote = FeeEngine.quote(t, month);
      CyclicBarrier together = new CyclicBarrier(4);
      List<CompletableFuture<List<FeeLine>>> readers = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        readers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    together.await();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  return new ArrayList<>(quote.lines());
                },
                command -> new Thread(command).start()));
      }
      for (CompletableFuture<List<FeeLine>> reader : readers) {
        assertEquals(expected, reader.get());
      }
    }
  }
}
