package org.parkgate.bench.report;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.report.Reports;
import org.parkgate.report.Report;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportWriter;

/**
 * One export in a JVM of its own (started by {@link ReportBench} with a small {@code -Xmx}), so its
 * heap figure is the export's alone: computes the report as the console's finance page gets it,
 * writes it to a file, and prints one line with the peak heap used meanwhile (every heap pool's
 * peak, summed: an upper bound), the heap in use before, the rows and the file's size.
 *
 * <pre>
 *   ExportHeap LEDGER ZONE KIND FROM TO csv|xlsx OUT
 * </pre>
 */
public final class ExportHeap {
  private ExportHeap() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    ZoneId zone = ZoneId.of(args[1]);
    ReportKind kind = ReportKind.of(args[2]).orElseThrow();
    ReportRequest request =
        ReportRequest.of(kind, LocalDate.parse(args[3]), LocalDate.parse(args[4]));
    ReportFormat format = ReportFormat.of(args[5]).orElseThrow();
    Path out = Path.of(args[6]);
    System.gc();
    long before = used();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long t = System.nanoTime();
    int rows;
    try (Ledger ledger = Ledger.open(file, "bench");
        Ledger reader = ledger.reader();
        OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
      Report report =
          new Reports(reader, zone, Currency.getInstance(YearLedger.CURRENCY), Clock.systemUTC())
              .compute(request);
      rows = report.rows().size();
      ReportWriter.write(report, format, StandardCharsets.UTF_8, o);
    }
    long ms = (System.nanoTime() - t) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "%s %s: %,d rows, %,d bytes, %d ms, heap before %.1f MB, peak %.1f MB (max %d MB)%n",
        kind.code(),
        args[5],
        rows,
        Files.size(out),
        ms,
        before / 1048576.0,
        peak / 1048576.0,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long used() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }
}
