package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;

/**
 * Properties every tariff and stay must keep, checked over random tariffs and stays. Each property
 * draws from its own fixed seed, so a failure names a case that reproduces every run.
 */
class FeePropertiesTest {

  /**
   * Runs {@code check} over {@code tries} random cases, with a random source for its other inputs.
   */
  private static void forCases(long seed, int tries, BiConsumer<RandomTariffs.Case, Random> check) {
    Random random = new Random(seed);
    for (int i = 0; i < tries; i++) {
      check.accept(RandomTariffs.random(random.nextLong()), random);
    }
  }

  private static int between(Random random, int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  private static List<String> voucherCodes(Random random) {
    List<String> codes = new ArrayList<>();
    for (int n = random.nextInt(4); n > 0; n--) {
      codes.add(RandomTariffs.VOUCHERS[random.nextInt(RandomTariffs.VOUCHERS.length)]);
    }
    return codes;
  }

  @Test
  void engineAgreesWithTheMinuteByMinuteOracle() {
    forCases(1, 400, (c, random) -> engineAgreesWithTheOracle(c));
  }

  private static void engineAgreesWithTheOracle(RandomTariffs.Case c) {
    long engine =
        FeeEngine.quote(c.tariff(), StayRequest.of("car", c.entry(), c.exit())).total().minor();
    long oracle = new MinuteOracle(c.tariff(), c.scheme()).fee(c.entry(), c.exit());
    assertEquals(oracle, engine, c::toString);
  }

  @Test
  void engineAgreesWithTheOracleOnStaysOfWeeks() {
    Random random = new Random(8);
    for (int i = 0; i < 40; i++) {
      engineAgreesWithTheOracle(RandomTariffs.random(random.nextLong(), 21 * 24 * 60));
    }
  }

  @Test
  void rememberedDaysChargeExactlyAsWalkedOnes() {
    Random random = new Random(9);
    for (int i = 0; i < 150; i++) {
      RandomTariffs.Case c = RandomTariffs.random(random.nextLong(), 40 * 24 * 60);
      long entry = c.entry().getEpochSecond();
      long exit = c.exit().getEpochSecond();
      FeeLines walked = new FeeLines();
      long expected = new StayMeter(c.tariff(), c.scheme(), entry, exit, walked, false).finish();
      // Twice: the first remembers days as it walks them, the second replays them.
      for (int pass = 0; pass < 2; pass++) {
        FeeLines replayed = new FeeLines();
        assertEquals(
            expected,
            new StayMeter(c.tariff(), c.scheme(), entry, exit, replayed).finish(),
            c::toString);
        assertEquals(walked, replayed, c::toString);
      }
    }
  }

  @Test
  void rememberedDaysChargeAsWalkedOnesAtEveryExampleTariffOverWeeksAndHolidays() throws Exception {
    try (var files = java.nio.file.Files.list(ExampleTariffsTest.DIR)) {
      for (java.nio.file.Path file : files.sorted().toList()) {
        Tariff t = TariffLoader.load(file);
        // From Christmas into February: weekends, New Year and the Spring Festival holidays.
        long start = Instant.parse("2026-12-20T23:13:00Z").getEpochSecond();
        for (int i = 0; i < 24; i++) {
          long entry = start + i * 9420L;
          long exit = entry + (20 + i) * 86_400L + 600L * i;
          for (String cls : t.versionAt(Instant.ofEpochSecond(entry)).vehicleClasses()) {
            Scheme scheme = t.versionAt(Instant.ofEpochSecond(entry)).scheme(cls);
            FeeLines walked = new FeeLines();
            long expected = new StayMeter(t, scheme, entry, exit, walked, false).finish();
            for (int pass = 0; pass < 2; pass++) {
              FeeLines replayed = new FeeLines();
              String what = file + " " + cls + " " + Instant.ofEpochSecond(entry) + " pass " + pass;
              assertEquals(
                  expected, new StayMeter(t, scheme, entry, exit, replayed).finish(), what);
              assertEquals(walked, replayed, what);
            }
          }
        }
      }
    }
  }

  @Test
  void weeksThatComeRoundAgainChargeAsWalkedOnesAcrossClockChangesAndHolidays() throws Exception {
    // Two to three months: weeks repeat (charged as the week before), broken by the Spring
    // Festival holidays and, in London, by the clocks going forward in March and back in October
    // in a night charged by the hour, so that a 23- or 25-hour day costs what it lasts.
    List<Tariff> tariffs = new ArrayList<>();
    try (var files = java.nio.file.Files.list(ExampleTariffsTest.DIR)) {
      for (java.nio.file.Path file : files.sorted().toList()) {
        tariffs.add(TariffLoader.load(file));
      }
    }
    tariffs.add(
        TariffLoader.parse(
            java.nio.file.Path.of("london-weeks.yaml"),
            """
        id: london-weeks
        currency: GBP
        zone: Europe/London
        rules:
          day: {unit: 1h, price: "2.00"}
          night: {unit: 1h, price: "0.50"}
          sunday: {flat: "6.00"}
        days:
          default:
            - {from: "00:00", rule: night}
            - {from: "08:00", rule: day}
            - {from: "19:00", rule: night}
          sunday:
            - {from: "00:00", rule: night}
            - {from: "08:00", rule: sunday}
            - {from: "19:00", rule: night}
        dailyMaximum: "40.00"
        dayStartsAt: "08:00"
        """));
    for (Tariff t : tariffs) {
      for (String from : List.of("2027-01-25T05:41:00Z", "2027-08-30T17:02:00Z")) {
        long start = Instant.parse(from).getEpochSecond();
        for (int i = 0; i < 8; i++) {
          long entry = start + i * 31_337L;
          long exit = entry + (60 + 3 * i) * 86_400L + 7_000L * i;
          TariffVersion version = t.versionAt(Instant.ofEpochSecond(entry));
          for (String cls : version.vehicleClasses()) {
            Scheme scheme = version.scheme(cls);
            FeeLines walked = new FeeLines();
            long expected = new StayMeter(t, scheme, entry, exit, walked, false).finish();
            for (int pass = 0; pass < 2; pass++) {
              FeeLines replayed = new FeeLines();
              String what = t.id() + " " + cls + " " + Instant.ofEpochSecond(entry) + " " + pass;
              assertEquals(
                  expected, new StayMeter(t, scheme, entry, exit, replayed).finish(), what);
              assertEquals(walked, replayed, what);
            }
          }
        }
      }
    }
  }

  @Test
  void daysThatFollowOneAnotherAcrossAClockChangeAtTheDaysStartChargeAsWalkedOnes()
      throws Exception {
    // Days that begin exactly when the clocks change (a day from 01:00 in London; a rolling day
    // from an entry a whole number of days before the change): the day after such a start begins
    // at another local time than the day before it did, so the remembered day that followed it
    // there must not be taken for the one that follows it on an ordinary night. One memo for all
    // the stays, in an order where the clock change is met first (at - 2 days) and the same day
    // then comes round in a stay that ends before the change (at - 30 days).
    for (String window : List.of("dayStartsAt: \"01:00\"", "dayWindow: rolling-24h")) {
      Tariff t =
          TariffLoader.parse(
              java.nio.file.Path.of("london-change.yaml"),
              """
          id: london-change
          currency: GBP
          zone: Europe/London
          rules:
            day: {unit: 1h, price: "2.00"}
            night: {unit: 30min, price: "0.50"}
          days:
            default:
              - {from: "00:00", rule: night}
              - {from: "07:30", rule: day}
              - {from: "18:45", rule: night}
          dailyMaximum: "45.00"
          """
                  + window
                  + "\n");
      Scheme scheme = t.versionAt(Instant.EPOCH).scheme("car");
      for (String change : List.of("2027-03-28T01:00:00Z", "2027-10-31T01:00:00Z")) {
        long at = Instant.parse(change).getEpochSecond();
        for (long entry :
            new long[] {
              at - 2 * 86_400L, at - 30 * 86_400L, at - 9 * 86_400L, at - 86_400L - 1, at + 3
            }) {
          for (long days : new long[] {25, 12, 40}) {
            long exit = entry + days * 86_400L + 5_555;
            FeeLines walked = new FeeLines();
            long expected = new StayMeter(t, scheme, entry, exit, walked, false).finish();
            FeeLines remembered = new FeeLines();
            String what = window + " " + Instant.ofEpochSecond(entry) + " " + days + " days";
            assertEquals(
                expected, new StayMeter(t, scheme, entry, exit, remembered).finish(), what);
            assertEquals(walked, remembered, what);
          }
        }
      }
    }
  }

  @Test
  void aRunOfAlikeDaysEndsWhereTheKindOfDayChanges() throws Exception {
    // Weekday days from 08:00 reach the maximum only through the next early morning; the one into
    // Saturday, whose early morning is free, does not and must be charged its own lines.
    Tariff t =
        TariffLoader.parse(
            java.nio.file.Path.of("run.yaml"),
            """
        id: run
        currency: CNY
        zone: Asia/Shanghai
        rules:
          day: {unit: 1h, price: "1.00"}
          early: {unit: 1h, price: "2.00"}
          free: {free: true}
        days:
          default:
            - {from: "00:00", rule: early}
            - {from: "08:00", rule: day}
          weekend:
            - {from: "00:00", rule: free}
            - {from: "08:00", rule: day}
        dailyMaximum: "20.00"
        dayStartsAt: "08:00"
        """);
    Scheme scheme = t.versionAt(Instant.EPOCH).scheme("car");
    long monday = Instant.parse("2027-01-04T00:00:00Z").getEpochSecond(); // 08:00 in Shanghai
    long exit = monday + 12 * 86_400L + 3600;
    FeeLines walked = new FeeLines();
    long expected = new StayMeter(t, scheme, monday, exit, walked, false).finish();
    for (int pass = 0; pass < 2; pass++) {
      FeeLines replayed = new FeeLines();
      assertEquals(expected, new StayMeter(t, scheme, monday, exit, replayed).finish());
      assertEquals(walked, replayed);
    }
    assertTrue(
        walked.stream().anyMatch(l -> l.period().startsWith("2027-01-08 08:00")), "" + walked);
  }

  @Test
  void totalNeverDecreasesAsTheExitMovesLater() {
    forCases(
        2,
        200,
        (c, random) ->
            totalNeverDecreases(
                c, between(random, 1, 600), random.nextBoolean(), voucherCodes(random)));
  }

  private static void totalNeverDecreases(
      RandomTariffs.Case c, int laterMinutes, boolean lost, List<String> vouchers) {
    StayRequest earlier = StayRequest.of("car", c.entry(), c.exit()).withVouchers(vouchers);
    if (lost) {
      earlier = earlier.withLostCard();
    }
    StayRequest later = earlier.withExit(c.exit().plusSeconds(60L * laterMinutes));
    long a = FeeEngine.quote(c.tariff(), earlier).total().minor();
    long b = FeeEngine.quote(c.tariff(), later).total().minor();
    assertTrue(a <= b, () -> a + " then " + b + " for " + c);
  }

  @Test
  void afterPayingAtAPayStationWhatIsOwedNeverDecreasesAsTheExitMovesLater() {
    forCases(
        3,
        200,
        (c, random) -> owedNeverDecreases(c, between(random, 0, 3000), between(random, 1, 120)));
  }

  private static void owedNeverDecreases(RandomTariffs.Case c, int paid, int laterMinutes) {
    Prepayment payment = new Prepayment(c.exit(), Money.of(paid, "CNY"));
    StayRequest atPayStation = StayRequest.of("car", c.entry(), c.exit()).withPrepaid(payment);
    long previous = FeeEngine.quote(c.tariff(), atPayStation).total().minor();
    for (int m = 1; m <= laterMinutes; m += 7) {
      long owed =
          FeeEngine.quote(c.tariff(), atPayStation.withExit(c.exit().plusSeconds(60L * m)))
              .total()
              .minor();
      long before = previous;
      assertTrue(before <= owed, () -> before + " then " + owed + " for " + c);
      previous = owed;
    }
  }

  @Test
  void noDayEverCostsMoreThanTheDailyMaximum() {
    forCases(4, 200, (c, random) -> withinDailyMaximum(c));
  }

  private static void withinDailyMaximum(RandomTariffs.Case c) {
    DayWindow w = c.scheme().window;
    FeeQuote q = FeeEngine.quote(c.tariff(), StayRequest.of("car", c.entry(), c.exit()));
    if (w.maximum() == Long.MAX_VALUE) {
      return;
    }
    long days = Math.max(1, daysTouched(c, w));
    assertTrue(
        q.total().minor() <= days * w.maximum(),
        () -> q.total() + " over " + days + " day(s) for " + c);
  }

  @Test
  void linesAddUpToTheTotal() {
    forCases(5, 200, (c, random) -> linesAddUp(c, random.nextBoolean()));
  }

  private static void linesAddUp(RandomTariffs.Case c, boolean lost) {
    StayRequest r = StayRequest.of("car", c.entry(), c.exit());
    FeeQuote q = FeeEngine.quote(c.tariff(), lost ? r.withLostCard() : r);
    long sum = q.lines().stream().mapToLong(l -> l.amount().minor()).sum();
    assertEquals(q.total().minor(), sum, c::toString);
    assertTrue(q.total().minor() >= 0);
  }

  @Test
  void splittingTheEvaluationNeverChangesTheResult() {
    forCases(
        6,
        200,
        (c, random) -> {
          List<Integer> splits = new ArrayList<>();
          for (int n = random.nextInt(7); n > 0; n--) {
            splits.add(random.nextInt(1001));
          }
          splitNeverChanges(c, splits);
        });
  }

  private static void splitNeverChanges(RandomTariffs.Case c, List<Integer> splitsInPermille) {
    Scheme scheme = c.scheme();
    long entry = c.entry().getEpochSecond();
    long exit = c.exit().getEpochSecond();
    FeeLines wholeLines = new FeeLines();
    long expected = new StayMeter(c.tariff(), scheme, entry, exit, wholeLines).finish();
    FeeLines splitLines = new FeeLines();
    StayMeter split = new StayMeter(c.tariff(), scheme, entry, exit, splitLines);
    splitsInPermille.stream()
        .sorted()
        .forEach(p -> split.advanceTo(entry + (exit - entry) * p / 1000));
    assertEquals(expected, split.finish(), c::toString);
    assertEquals(wholeLines, splitLines, c::toString);
  }

  @Test
  void anyValidRequestGetsAQuote() {
    forCases(
        7,
        200,
        (c, random) ->
            getsAQuote(
                c,
                random.nextBoolean(),
                between(random, 0, 3000),
                between(random, -30, 60),
                between(random, 0, 59),
                between(random, 0, 59),
                voucherCodes(random)));
  }

  private static void getsAQuote(
      RandomTariffs.Case c,
      boolean lost,
      int paid,
      int paidMinutesBeforeExit,
      int entrySeconds,
      int exitSeconds,
      List<String> vouchers) {
    // Real lanes stamp seconds; the engine must take them too.
    Instant entry = c.entry().plusSeconds(entrySeconds);
    Instant exit = c.exit().plusSeconds(60 + exitSeconds);
    Instant paidAt = exit.minusSeconds(60L * paidMinutesBeforeExit);
    StayRequest r =
        new StayRequest(
            "car",
            entry,
            exit,
            lost,
            vouchers,
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
              .toEpochSecond()
          > s) {
        d = d.minusDays(1);
      }
      days.add(d);
    }
    return days.size();
  }
}
