package org.parkgate.fee;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The one-day and 30-day quotes of {@link FeeEngineBenchmark}, and the 30-day one with every line
 * read as an exit lane reads it, timed by a plain loop that keeps the fastest of twelve rounds of
 * two million quotes each, by the processor time of the thread that quotes: on a machine shared
 * with other work, the least disturbed round says more about the ratio of the two than an average
 * does, and time spent waiting for a core is not counted.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.parkgate.fee.FeeLoop</pre>
 */
public final class FeeLoop {
  private static final int STARTS = 64;
  private static final int QUOTES = 2_000_000;

  private FeeLoop() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(System.getProperty("parkgate.tariffs", "config/tariffs"));
    Tariff tariff = TariffLoader.load(dir.resolve("day-night.yaml"));
    // The same stays as FeeEngineBenchmark: starts over a week in steps of 2 h 37 min.
    Instant first = LocalDateTime.parse("2027-01-04T07:13").atZone(tariff.zone()).toInstant();
    StayRequest[] month = new StayRequest[STARTS];
    StayRequest[] day = new StayRequest[STARTS];
    for (int i = 0; i < STARTS; i++) {
      Instant entry = first.plusSeconds(i * 9420L);
      month[i] = StayRequest.of("car", entry, entry.plusSeconds(30 * 86_400 - 60 * i));
      day[i] = StayRequest.of("car", entry, entry.plusSeconds(86_400 - 60 * (i % 50)));
    }
    double bestMonth = Double.MAX_VALUE;
    double bestDay = Double.MAX_VALUE;
    double bestMonthRead = Double.MAX_VALUE;
    long sink = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 12; round++) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (int k = 0; k < QUOTES; k++) {
        sink += FeeEngine.quote(tariff, month[k & (STARTS - 1)]).total().minor();
      }
      long t1 = threads.getCurrentThreadCpuTime();
      for (int k = 0; k < QUOTES; k++) {
        sink += FeeEngine.quote(tariff, day[k & (STARTS - 1)]).total().minor();
      }
      long t2 = threads.getCurrentThreadCpuTime();
      // As an exit lane uses a quote: every line read (here its quantity; the booth also shows
      // each line's period text, which JMH's ...Printed benchmarks include).
      for (int k = 0; k < QUOTES / 4; k++) {
        for (FeeLine line : FeeEngine.quote(tariff, month[k & (STARTS - 1)]).lines()) {
          sink += line.quantity();
        }
      }
      long t3 = threads.getCurrentThreadCpuTime();
      bestMonth = Math.min(bestMonth, (t1 - t0) / (double) QUOTES);
      bestDay = Math.min(bestDay, (t2 - t1) / (double) QUOTES);
      bestMonthRead = Math.min(bestMonthRead, (t3 - t2) / (double) (QUOTES / 4));
    }
    System.out.printf(
        "fastest round (thread CPU): 30 days %.0f ns, 1 day %.0f ns, ratio %.2f;"
            + " 30 days with every line read %.0f ns (checksum %d)%n",
        bestMonth, bestDay, bestMonth / bestDay, bestMonthRead, sink);
  }
}
