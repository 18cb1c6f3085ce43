package org.parkgate.controller.command;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportSink;
import org.parkgate.report.ReportWriter;
import org.parkgate.report.Row;

/**
 * The finance page's download of one report, controller and console in one JVM of its own (run with
 * a small {@code -Xmx}, as {@code ExportHeap}): the controller's {@link ExportDesk} gives the
 * export's pages as the pipeline would (here in this package, since handlers are the package's
 * own), each page goes through the wire's JSON both ways as over the console link, and the console
 * side writes its rows through the shared sink to a file, as the console writes the HTTP response.
 * Prints the pages, rows, bytes, time and the heap most in use just after any collection. With
 * {@code whole}, the download as it was before the pages, for comparison: the whole report in one
 * answer, read back, then written.
 *
 * <pre>
 *   ExportPagesHeap LEDGER ZONE KIND FROM TO csv|xlsx OUT [whole]
 * </pre>
 */
public final class ExportPagesHeap {
  private ExportPagesHeap() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    ZoneId zone = ZoneId.of(args[1]);
    ReportKind kind = ReportKind.of(args[2]).orElseThrow();
    ReportRequest request =
        ReportRequest.of(kind, LocalDate.parse(args[3]), LocalDate.parse(args[4]));
    ReportFormat format = ReportFormat.of(args[5]).orElseThrow();
    Path out = Path.of(args[6]);
    System.gc();
    long before = heapUsed();
    long[] afterGc = {0};
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((javax.management.NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (n.getType()
                    .equals(
                        com.sun.management.GarbageCollectionNotificationInfo
                            .GARBAGE_COLLECTION_NOTIFICATION)) {
                  long used =
                      com.sun.management.GarbageCollectionNotificationInfo.from(
                              (javax.management.openmbean.CompositeData) n.getUserData())
                          .getGcInfo()
                          .getMemoryUsageAfterGc()
                          .values()
                          .stream()
                          .mapToLong(MemoryUsage::getUsed)
                          .sum();
                  synchronized (afterGc) {
                    afterGc[0] = Math.max(afterGc[0], used);
                  }
                }
              },
              null,
              null);
    }
    Instant now = Instant.now();
    Session finance =
        new Session("bench", "finance1", "Finance", Role.FINANCE, 1, "bench", now, now);
    int pages = 0;
    long rows = 0;
    long jsonMax = 0;
    long t;
    try (Ledger ledger = Ledger.open(file, "bench");
        OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
      ExportDesk desk =
          new ExportDesk(
              ledger, zone, Currency.getInstance("CNY"), Clock.systemUTC(), List.of(), null);
      ReportSink sink = ReportWriter.sink(format, StandardCharsets.UTF_8, o);
      t = System.nanoTime();
      if (args.length > 7 && args[7].equals("whole")) {
        // As the console downloaded before the pages: the whole report in one answer.
        try (Ledger reader = ledger.reader()) {
          String json =
              ApiJson.write(
                  CommandResult.ok(
                      "whole",
                      new Answer.ReportShown(
                          new org.parkgate.controller.report.Reports(
                                  reader, zone, Currency.getInstance("CNY"), Clock.systemUTC())
                              .compute(request))));
          jsonMax = json.length();
          CommandResult got = (CommandResult) ApiJson.read(json, Integer.MAX_VALUE);
          org.parkgate.report.Report whole = ((Answer.ReportShown) got.answer()).report();
          ReportWriter.write(whole, format, StandardCharsets.UTF_8, o);
          rows = whole.rows().size();
          pages = 1;
        }
      }
      String cursor = null;
      while (pages == 0 || cursor != null) {
        CommandResult sent =
            desk.read(
                new ConsoleCommand.ExportReportPage("p" + pages, "bench", request, cursor),
                finance,
                now);
        String json = ApiJson.write(sent);
        jsonMax = Math.max(jsonMax, json.length());
        CommandResult got = (CommandResult) ApiJson.read(json, ApiJson.MAX_ANSWER_BYTES);
        if (!(got.answer() instanceof Answer.ReportPage page)) {
          throw new IllegalStateException("page " + pages + ": " + got.error());
        }
        if (pages++ == 0) {
          sink.begin(page.head());
        }
        for (Row row : page.rows()) {
          sink.row(row);
          rows++;
        }
        cursor = page.next();
        if (cursor == null) {
          sink.end(page.totals(), page.notes());
          break;
        }
      }
    }
    long ms = (System.nanoTime() - t) / 1_000_000;
    System.gc();
    Thread.sleep(200); // GC notifications arrive on a thread of their own
    System.out.printf(
        "%s %s %s: %d pages, %,d rows, %,d bytes, largest page %,d characters of JSON,"
            + " %d ms; heap before %.1f MB, most live after a GC %.1f MB (max %d MB)%n",
        kind.code(),
        args[5],
        args.length > 7 ? args[7] : "in pages",
        pages,
        rows,
        Files.size(out),
        jsonMax,
        ms,
        before / 1048576.0,
        afterGc[0] / 1048576.0,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long heapUsed() {
    long used = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }
}
