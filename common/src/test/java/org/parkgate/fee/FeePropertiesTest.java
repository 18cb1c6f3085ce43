package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.parkgate.money.Money;

/** Properties every tariff and stay must keep, checked over random tariffs and stays. */
class FeePropertiesTest {

  @Provide
  Arbitrary<RandomTariffs.Case> cases() {
    return Arbitraries.longs().map(RandomTariffs::random);
  }

  @Property(tries = 400)
  void engineAgreesWithTheMinuteByMinuteOracle(@ForAll("cases") RandomTariffs.Case c) {
    long engine = FeeEngine.quote(c.tariff(), StayRequest.of("car", c.entry(), c.exit()))
        .total().minor();
    long oracle = new MinuteOracle(c.tariff(), c.scheme()).fee(c.entry(), c.exit());
    assertEquals(oracle, engine, c::toString);
  }

  @Property(tries = 200)
  void totalNeverDecreasesAsTheExitMovesLater(
      @ForAll("cases") RandomTariffs.Case c,
      @ForAll @IntRange(min = 1, max = 600) int laterMinutes,
      @ForAll boolean lost) {
    StayRequest earlier = StayRequest.of("car", c.entry(), c.exit());
    if (lost) {
      earlier = earlier.withLostCard();
    }
    StayRequest later = earlier.withExit(c.exit().plusSeconds(60L * laterMinutes));
    long a = FeeEngine.quote(c.tariff(), earlier).total().minor();
    long b = FeeEngine.quote(c.tariff(), later).total().minor();
    assertTrue(a <= b, () -> a + " then " + b + " for " + c);
  }

  @Property(tries = 200)
  void noDayEverCostsMoreThanTheDailyMaximum(@ForAll("cases") RandomTariffs.Case c) {
    DayWindow w = c.scheme().window;
    FeeQuote q = FeeEngine.quote(c.tariff(), StayRequest.of("car", c.entry(), c.exit()));
    if (w.maximum() == Long.MAX_VALUE) {
      return;
    }
    long days = Math.max(1, daysTouched(c, w));
    assertTrue(q.total().minor() <= days * w.maximum(),
        () -> q.total() + " over " + days + " day(s) for " + c);
  }

  @Property(tries = 200)
  void linesAddUpToTheTotal(@ForAll("cases") RandomTariffs.Case c, @ForAll boolean lost) {
    StayRequest r = StayRequest.of("car", c.entry(), c.exit());
    FeeQuote q = FeeEngine.quote(c.tariff(), lost ? r.withLostCard() : r);
    long sum = q.lines().stream().mapToLong(l -> l.amount().minor()).sum();
    assertEquals(q.total().minor(), sum, c::toString);
    assertTrue(q.total().minor() >= 0);
  }

  @Property(tries = 200)
  void splittingTheEvaluationNeverChangesTheResult(
      @ForAll("cases") RandomTariffs.Case c,
      @ForAll("splits") List<Integer> splitsInPermille) {
    Scheme scheme = c.scheme();
    long entry = c.entry().getEpochSecond();
    long exit = c.exit().getEpochSecond();
    List<FeeLine> wholeLines = new ArrayList<>();
    long expected = new StayMeter(c.tariff(), scheme, entry, exit, wholeLines).finish();
    List<FeeLine> splitLines = new ArrayList<>();
    StayMeter split = new StayMeter(c.tariff(), scheme, entry, exit, splitLines);
    splitsInPermille.stream().sorted().forEach(p -> split.advanceTo(entry + (exit - entry) * p
        / 1000));
    assertEquals(expected, split.finish(), c::toString);
    assertEquals(wholeLines, splitLines, c::toString);
  }

  @Provide
  Arbitrary<List<Integer>> splits() {
    return Arbitraries.integers().between(0, 1000).list().ofMaxSize(6);
  }

  @Property(tries = 200)
  void anyValidRequestGetsAQuote(
      @ForAll("cases") RandomTariffs.Case c,
      @ForAll boolean lost,
      @ForAll @IntRange(min = 0, max = 3000) int paid,
      @ForAll @IntRange(min = -30, max = 60) int paidMinutesBeforeExit,
      @ForAll @IntRange(min = 0, max = 59) int entrySeconds,
      @ForAll @IntRange(min = 0, max = 59) int exitSeconds) {
    // Real lanes stamp seconds; the engine must take them too.
    Instant entry = c.entry().plusSeconds(entrySeconds);
    Instant exit = c.exit().plusSeconds(60 + exitSeconds);
    Instant paidAt = exit.minusSeconds(60L * paidMinutesBeforeExit);
    StayRequest r = new StayRequest("truck", entry, exit, lost, List.of(),
        paidAt.isBefore(entry) ? null : new Prepayment(paidAt, Money.of(paid, "CNY")));
    FeeQuote q = FeeEngine.quote(c.tariff(), r);
    assertTrue(q.total().minor() >= 0, c::toString);
    assertEquals(q.total().minor(), q.lines().stream().mapToLong(l -> l.amount().minor()).sum());
  }

  /** How many days (as the daily maximum counts them) the stay has charges in, at most. */
  private static long daysTouched(RandomTariffs.Case c, DayWindow w) {
    long entry = c.entry().getEpochSecond();
    long exit = c.exit().getEpochSecond();
    if (w.rolling()) {
      return (exit - entry - 1) / 86_400 + 1;
    }
    Set<java.time.LocalDate> days = new HashSet<>();
    for (long s = entry; s < exit; s += 60) {
      ZonedDateTime local = Instant.ofEpochSecond(s).atZone(c.tariff().zone());
      java.time.LocalDate d = local.toLocalDate().plusDays(1);
      while (ZonedDateTime.of(d.atStartOfDay().plusSeconds(w.startsAt()), local.getZone())
          .toEpochSecond() > s) {
        d = d.minusDays(1);
      }
      days.add(d);
    }
    return days.size();
  }
}
