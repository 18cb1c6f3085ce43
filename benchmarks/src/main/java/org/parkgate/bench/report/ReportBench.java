package org.parkgate.bench.report;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.MonthlyClosure;
import org.parkgate.controller.report.Reports;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;

/**
 * Finance reports over a year of traffic at a 20-lane car park (about 3 million stays), for
 * docs/benchmarks.md, "Reports over a year":
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar org.parkgate.bench.report.ReportBench [options]
 * </pre>
 *
 * Builds the ledger once ({@link YearLedger}) and reuses it; times every report kind over a day, a
 * month and the whole year as the console's finance page computes them (a reader connection, {@link
 * Reports#compute}), several runs each, and prints p50, p95 and max per kind and range; times a
 * monthly close on a copy of the file; exports each kind over the year as CSV and XLSX in a JVM
 * with a small heap ({@link ExportHeap}) and prints its peak heap. {@code --help} lists the
 * options.
 */
public final class ReportBench {
  private static final String HELP =
      """
      ReportBench: finance reports over a year of traffic (docs/benchmarks.md, "Reports over a year")
        --dir DIR       where the generated ledger is kept and reused (default benchmarks/target/report-bench)
        --stays N       stays in the year (default 3000000)
        --lanes N       lanes, half entry, half exit with a booth each (default 20)
        --year YYYY     the year of traffic (default 2026)
        --zone ZONE     the site's zone (default Asia/Shanghai)
        --runs N        timed runs of each report and range, after one untimed (default 5)
        --kinds K,K     report kinds to time and export (default all)
        --ranges R,R    day, month, year (default all three)
        --xmx SIZE      heap of each export's JVM (default 256m; serial GC, 8 MB young generation)
        --no-export     skip the exports
        --no-close      skip the monthly close
        --build-only    build the ledger, then stop
        --help          this text
      """;

  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(HELP);
        return;
      }
      if (a.equals("--no-export") || a.equals("--no-close") || a.equals("--build-only")) {
        o.put(a, "");
      } else if (a.startsWith("--") && i + 1 < args.length && HELP.contains(a + " ")) {
        o.put(a, args[++i]);
      } else {
        System.err.println("ReportBench: unknown option " + a + "\n" + HELP);
        System.exit(2);
      }
    }
    Path dir = Path.of(o.getOrDefault("--dir", "benchmarks/target/report-bench"));
    int stays = Integer.parseInt(o.getOrDefault("--stays", "3000000"));
    int lanes = Integer.parseInt(o.getOrDefault("--lanes", "20"));
    int year = Integer.parseInt(o.getOrDefault("--year", "2026"));
    ZoneId zone = ZoneId.of(o.getOrDefault("--zone", "Asia/Shanghai"));
    int runs = Integer.parseInt(o.getOrDefault("--runs", "5"));
    List<ReportKind> kinds =
        o.containsKey("--kinds")
            ? Arrays.stream(o.get("--kinds").split(","))
                .map(k -> ReportKind.of(k).orElseThrow(() -> new IllegalArgumentException(k)))
                .toList()
            : Arrays.stream(ReportKind.values()).filter(k -> !k.headOffice()).toList();
    List<String> ranges = List.of(o.getOrDefault("--ranges", "day,month,year").split(","));
    Files.createDirectories(dir);
    YearLedger built =
        new YearLedger(
            dir.resolve("year-" + year + "-" + lanes + "-lanes-" + stays + ".db"),
            year,
            lanes,
            stays,
            zone);
    Path file = built.ensure();
    System.out.printf("report bench: %s, %,d MB, load %s%n", file, Files.size(file) >> 20, load());
    if (o.containsKey("--build-only")) {
      return;
    }
    time(file, zone, year, kinds, ranges, runs);
    if (!o.containsKey("--no-close")) {
      monthlyClose(dir, file, zone, year, Math.min(runs, 3));
    }
    if (!o.containsKey("--no-export")) {
      export(dir, file, zone, year, kinds, o.getOrDefault("--xmx", "256m"));
    }
    System.out.printf("report bench: done, load %s%n", load());
  }

  private static ReportRequest request(ReportKind kind, String range, int year) {
    return switch (range) {
      case "day" -> ReportRequest.of(kind, LocalDate.of(year, 6, 15), LocalDate.of(year, 6, 15));
      case "month" -> ReportRequest.of(kind, LocalDate.of(year, 6, 1), LocalDate.of(year, 6, 30));
      case "year" -> ReportRequest.of(kind, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
      default -> throw new IllegalArgumentException("range " + range);
    };
  }

  private static void time(
      Path file, ZoneId zone, int year, List<ReportKind> kinds, List<String> ranges, int runs) {
    Currency cny = Currency.getInstance(YearLedger.CURRENCY);
    System.out.printf(
        "%-20s %-6s %8s %9s %9s %9s%n", "kind", "range", "rows", "p50 ms", "p95 ms", "max ms");
    try (Ledger ledger = Ledger.open(file, "bench")) {
      for (ReportKind kind : kinds) {
        for (String range : ranges) {
          ReportRequest request = request(kind, range, year);
          long[] nanos = new long[runs];
          int rows = 0;
          for (int run = -1; run < runs; run++) {
            long t = System.nanoTime();
            // a reader connection per report, as the controller's ReportDesk opens one
            try (Ledger reader = ledger.reader()) {
              rows =
                  new Reports(reader, zone, cny, Clock.systemUTC()).compute(request).rows().size();
            }
            if (run >= 0) {
              nanos[run] = System.nanoTime() - t;
            }
          }
          Arrays.sort(nanos);
          System.out.printf(
              "%-20s %-6s %8d %9.0f %9.0f %9.0f%n",
              kind.code(),
              range,
              rows,
              nanos[(runs - 1) / 2] / 1e6,
              nanos[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)] / 1e6,
              nanos[runs - 1] / 1e6);
        }
      }
    }
  }

  /** Closing December, each run on a fresh copy of the file (a close cannot be undone). */
  private static void monthlyClose(Path dir, Path file, ZoneId zone, int year, int runs)
      throws Exception {
    Path copy = dir.resolve("close-scratch.db");
    Clock after =
        Clock.fixed(LocalDate.of(year + 1, 1, 1).atTime(12, 0).atZone(zone).toInstant(), zone);
    List<Long> nanos = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(copy + suffix));
      }
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      try (Ledger ledger = Ledger.open(copy, "bench")) {
        long t = System.nanoTime();
        var outcome =
            new MonthlyClosure(ledger, zone, Currency.getInstance(YearLedger.CURRENCY), after)
                .close(YearMonth.of(year, 12), "finance1");
        nanos.add(System.nanoTime() - t);
        if (!(outcome instanceof MonthlyClosure.Closed)) {
          throw new IllegalStateException("the close was refused: " + outcome);
        }
      }
    }
    Files.deleteIfExists(copy);
    nanos.sort(null);
    System.out.printf(
        "monthly close of %d-12 (%d runs, each on a fresh copy): p50 %.0f ms, max %.0f ms%n",
        year, runs, nanos.get((runs - 1) / 2) / 1e6, nanos.get(runs - 1) / 1e6);
  }

  /**
   * Each kind over the whole year as CSV and XLSX, each in a JVM of its own with a small heap (and
   * a small young generation, serial collector), printing what it held ({@link ExportHeap}).
   */
  private static void export(
      Path dir, Path file, ZoneId zone, int year, List<ReportKind> kinds, String xmx)
      throws Exception {
    Path out = Files.createDirectories(dir.resolve("exports"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (ReportKind kind : kinds) {
      for (String format : List.of("csv", "xlsx")) {
        Process p =
            new ProcessBuilder(
                    java,
                    "-Xmx" + xmx,
                    // a small young generation collects often, so the heap after each
                    // collection follows what the export holds live
                    "-XX:+UseSerialGC",
                    "-Xmn8m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ExportHeap.class.getName(),
                    file.toString(),
                    zone.getId(),
                    kind.code(),
                    year + "-01-01",
                    year + "-12-31",
                    format,
                    out.resolve(kind.code() + "." + format).toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (!line.contains("[main] INFO")) {
              System.out.println("export " + line);
            }
          }
        }
        if (p.waitFor() != 0) {
          System.out.println("export " + kind.code() + " " + format + " failed");
        }
      }
    }
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
