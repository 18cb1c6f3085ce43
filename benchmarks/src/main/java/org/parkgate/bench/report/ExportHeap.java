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
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportWriter;

/**
 * One export in a JVM of its own (started by {@link ReportBench} with a small {@code -Xmx}), so its
 * heap figure is the export's alone: streams the report to a file as {@code ./parking report --out}
 * does ({@link Reports#export}), and prints one line with the heap it held: the most in use just
 * after any garbage collection meanwhile (what was live: the figure that shows whether memory grows
 * with the rows), every heap pool's peak summed (an upper bound that counts garbage not yet
 * collected), the heap in use before, the rows, the file's size and the time to compute and write
 * it (the ledger's opening and quick_check left out).
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
    long[] afterGc = {0};
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (n.getType()
                    .equals(
                        com.sun.management.GarbageCollectionNotificationInfo
                            .GARBAGE_COLLECTION_NOTIFICATION)) {
                  var info =
                      com.sun.management.GarbageCollectionNotificationInfo.from(
                          (javax.management.openmbean.CompositeData) n.getUserData());
                  long used =
                      info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                          .mapToLong(java.lang.management.MemoryUsage::getUsed)
                          .sum();
                  synchronized (afterGc) {
                    afterGc[0] = Math.max(afterGc[0], used);
                  }
                }
              },
              null,
              null);
    }
    int rows;
    long t;
    try (Ledger ledger = Ledger.open(file, "bench");
        Ledger reader = ledger.reader();
        OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
      t = System.nanoTime();
      // as ./parking report --out writes it: streamed from the ledger a row at a time
      rows =
          (int)
              new Reports(
                      reader, zone, Currency.getInstance(YearLedger.CURRENCY), Clock.systemUTC())
                  .export(request, ReportWriter.sink(format, StandardCharsets.UTF_8, o));
    }
    long ms = (System.nanoTime() - t) / 1_000_000;
    System.gc(); // the report itself is garbage now; this collection's figure is not the peak
    Thread.sleep(200); // GC notifications arrive on a thread of their own
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "%s %s: %,d rows, %,d bytes, %d ms; heap before %.1f MB, most live after a GC %.1f MB,"
            + " pools' peaks %.1f MB (max %d MB)%n",
        kind.code(),
        args[5],
        rows,
        Files.size(out),
        ms,
        before / 1048576.0,
        afterGc[0] / 1048576.0,
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
