package org.parkgate.fee;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The fee engine against the issues' targets: a three-hour, a one-day and a 30-day stay on a tariff
 * with day and night periods and a daily maximum (config/tariffs/day-night.yaml), and the
 * minute-by-minute reference evaluator on the one-day and 30-day stays for the ratio.
 *
 * <p>Entries rotate through a week of start times so neither the JIT nor a lucky alignment with
 * period boundaries flatters the result.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeeEngineBenchmark {

  private static final int STARTS = 64;

  private Tariff tariff;
  private Tariff typical;
  private Scheme scheme;
  private MinuteOracle oracle;
  private final StayRequest[] threeHours = new StayRequest[STARTS];
  private final StayRequest[] oneDay = new StayRequest[STARTS];
  private final StayRequest[] thirtyDays = new StayRequest[STARTS];
  private final StayRequest[] twoHours = new StayRequest[STARTS];
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws TariffException {
    Path dir = Path.of(System.getProperty("parkgate.tariffs", "config/tariffs"));
    tariff = TariffLoader.load(dir.resolve("day-night.yaml"));
    typical = TariffLoader.load(dir.resolve("china-typical.yaml"));
    Instant first = LocalDateTime.parse("2027-01-04T07:13").atZone(tariff.zone()).toInstant();
    scheme = tariff.versionAt(first).scheme("car");
    oracle = new MinuteOracle(tariff, scheme);
    for (int i = 0; i < STARTS; i++) {
      // Start times spread over a week in steps of 2 h 37 min.
      Instant entry = first.plusSeconds(i * 9420L);
      threeHours[i] = StayRequest.of("car", entry, entry.plusSeconds(3 * 3600 - 60 * (i % 30)));
      oneDay[i] = StayRequest.of("car", entry, entry.plusSeconds(86_400 - 60 * (i % 50)));
      thirtyDays[i] = StayRequest.of("car", entry, entry.plusSeconds(30 * 86_400 - 60 * i));
      twoHours[i] = StayRequest.of("car", entry, entry.plusSeconds(7200 + 60 * i));
    }
  }

  private int pick() {
    next = (next + 1) & (STARTS - 1);
    return next;
  }

  @Benchmark
  public FeeQuote engineThreeHours() {
    return FeeEngine.quote(tariff, threeHours[pick()]);
  }

  @Benchmark
  public FeeQuote engineOneDay() {
    return FeeEngine.quote(tariff, oneDay[pick()]);
  }

  @Benchmark
  public FeeQuote engineThirtyDays() {
    return FeeEngine.quote(tariff, thirtyDays[pick()]);
  }

  /**
   * The one-day quote with every line read as a receipt prints it: fee lines write their period
   * text when first read, so the benchmarks above do not pay for it.
   */
  @Benchmark
  public int engineOneDayPrinted() {
    return printed(FeeEngine.quote(tariff, oneDay[pick()]));
  }

  /** The 30-day quote with every line read, as {@link #engineOneDayPrinted}. */
  @Benchmark
  public int engineThirtyDaysPrinted() {
    return printed(FeeEngine.quote(tariff, thirtyDays[pick()]));
  }

  private static int printed(FeeQuote quote) {
    int chars = 0;
    for (FeeLine line : quote.lines()) {
      chars += line.period().length() + line.rule().length();
    }
    return chars;
  }

  /** The everyday case at a booth, for scale: about two hours at china-typical. */
  @Benchmark
  public FeeQuote engineTwoHoursChinaTypical() {
    return FeeEngine.quote(typical, twoHours[pick()]);
  }

  @Benchmark
  public long oracleOneDay() {
    StayRequest r = oneDay[pick()];
    return oracle.fee(r.entry(), r.exit());
  }

  @Benchmark
  public long oracleThirtyDays() {
    StayRequest r = thirtyDays[pick()];
    return oracle.fee(r.entry(), r.exit());
  }
}
