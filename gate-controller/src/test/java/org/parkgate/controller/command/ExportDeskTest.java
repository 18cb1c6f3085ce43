package org.parkgate.controller.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.command.Desk.answer;
import static org.parkgate.controller.command.Desk.refusal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.controller.report.MonthOfTraffic;
import org.parkgate.controller.report.Reports;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportSink;
import org.parkgate.report.ReportWriter;
import org.parkgate.report.Row;

/**
 * A report's export in pages through the real pipeline, on October 2026's traffic: the pages,
 * written through the shared sink as a console writes them, are the command line's file byte for
 * byte; each page is bounded; the role is checked on every page; an export is its starter's alone
 * and its pages are read in order.
 */
class ExportDeskTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @TempDir static Path dir;
  private static DemoSite demo;
  private static Desk desk;
  private static final MutableClock clock = new MutableClock(MonthOfTraffic.NOW);

  @BeforeAll
  static void start() throws Exception {
    MonthOfTraffic.build(dir);
    demo = DemoSite.open(dir, clock);
    desk = new Desk(demo.site, clock);
  }

  @AfterAll
  static void stop() throws Exception {
    desk.close();
    demo.close();
  }

  private static ReportRequest october(ReportKind kind) {
    return ReportRequest.of(kind, MonthOfTraffic.FIRST, MonthOfTraffic.LAST);
  }

  private static ConsoleCommand.ExportReportPage page(
      String who, ReportRequest request, String cursor) {
    return new ConsoleCommand.ExportReportPage(
        desk.id("export"), desk.session(who), request, cursor);
  }

  /** The file a console writes from the pages as they come, and how many pages there were. */
  private record Download(byte[] file, int pages) {}

  private static Download download(String who, ReportRequest request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportSink sink = ReportWriter.sink(ReportFormat.CSV, StandardCharsets.UTF_8, out);
    String cursor = null;
    int pages = 0;
    do {
      Answer.ReportPage p = answer(desk.run(page(who, request, cursor)), Answer.ReportPage.class);
      if (pages++ == 0) {
        assertNotNull(p.head(), "the first page carries the columns");
        sink.begin(p.head());
      } else {
        assertNull(p.head(), "only the first page carries the columns");
      }
      assertTrue(p.rows().size() <= ExportDesk.PAGE_ROWS, p.rows().size() + " rows in a page");
      for (Row row : p.rows()) {
        sink.row(row);
      }
      cursor = p.next();
      if (cursor == null) {
        sink.end(p.totals(), p.notes());
      } else {
        assertNull(p.totals(), "the totals come with the last page");
      }
    } while (cursor != null);
    return new Download(out.toByteArray(), pages);
  }

  /** What {@code ./parking report --format csv --out} writes: the same export into a file sink. */
  private static byte[] commandLine(ReportRequest request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Reports(demo.ledger, SHANGHAI, Currency.getInstance("CNY"), clock)
        .export(request, ReportWriter.sink(ReportFormat.CSV, StandardCharsets.UTF_8, out));
    return out.toByteArray();
  }

  @Test
  void aDownloadInPagesIsTheCommandLinesFileByteForByte() throws IOException {
    // 744 hours: three pages.
    ReportRequest hours = october(ReportKind.REVENUE_BY_HOUR);
    Download d = download("finance1", hours);
    assertEquals(3, d.pages());
    assertArrayEquals(commandLine(hours), d.file());
    // The shifts register, streamed from the ledger a row at a time: one page.
    ReportRequest shifts = october(ReportKind.SHIFTS);
    Download s = download("supervisor1", shifts);
    assertEquals(1, s.pages());
    assertArrayEquals(commandLine(shifts), s.file());
    assertTrue(new String(s.file(), StandardCharsets.UTF_8).lines().count() > 60);
  }

  /**
   * The shifts register (63 shifts in October) in pages of 16 rows, read straight from the handler
   * while the month's traffic goes on being written between the pages: the file is still the one of
   * the first page's snapshot, byte for byte what the command line wrote before.
   */
  @Test
  void aRegisterOverManyPagesIsOfOneSnapshot() throws IOException {
    ReportRequest shifts = october(ReportKind.SHIFTS);
    byte[] before = commandLine(shifts);
    ExportDesk small =
        new ExportDesk(
            demo.ledger,
            SHANGHAI,
            Currency.getInstance("CNY"),
            clock,
            demo.site.site().lanes(),
            null,
            16);
    org.parkgate.controller.auth.Session finance =
        new org.parkgate.controller.auth.Session(
            "t",
            "finance1",
            "Finance",
            org.parkgate.api.Role.FINANCE,
            1,
            "console-1",
            MonthOfTraffic.NOW,
            MonthOfTraffic.NOW);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportSink sink = ReportWriter.sink(ReportFormat.CSV, StandardCharsets.UTF_8, out);
    String cursor = null;
    int pages = 0;
    do {
      Answer.ReportPage p =
          answer(
              small.read(
                  new ConsoleCommand.ExportReportPage("x" + pages, "t", shifts, cursor),
                  finance,
                  MonthOfTraffic.NOW),
              Answer.ReportPage.class);
      if (pages++ == 0) {
        sink.begin(p.head());
        // A shift closed in October after the export began: not in this file.
        org.parkgate.controller.ledger.Shifts late =
            new org.parkgate.controller.ledger.Shifts(demo.ledger);
        late.open("late-open", "cashier9", java.time.Instant.parse("2026-10-31T09:00:00Z"));
        late.close("late-close", "cashier9", java.time.Instant.parse("2026-10-31T10:00:00Z"));
      }
      assertTrue(p.rows().size() <= 16);
      for (Row row : p.rows()) {
        sink.row(row);
      }
      cursor = p.next();
      if (cursor == null) {
        sink.end(p.totals(), p.notes());
      }
    } while (cursor != null);
    assertEquals(4, pages, "63 shifts in pages of 16");
    assertArrayEquals(before, out.toByteArray());
    assertFalse(
        java.util.Arrays.equals(before, commandLine(shifts)),
        "the shift closed meanwhile is in the register now");
  }

  @Test
  void everyPageIsCheckedAndAnExportIsItsStartersAlone() {
    ReportRequest hours = october(ReportKind.REVENUE_BY_HOUR);
    for (String who : List.of("cashier1", "admin1")) {
      refusal(desk.run(page(who, hours, null)), Refusal.FORBIDDEN);
    }
    Answer.ReportPage first =
        answer(desk.run(page("finance1", hours, null)), Answer.ReportPage.class);
    assertNotNull(first.next());
    String why = refusal(desk.run(page("supervisor1", hours, first.next())), Refusal.FORBIDDEN);
    assertTrue(why.contains("not this person's"), why);
    refusal(desk.run(page("cashier1", hours, first.next())), Refusal.FORBIDDEN);
    String order = refusal(desk.run(page("finance1", hours, first.next() + "9")), Refusal.INVALID);
    assertTrue(order.contains("in order"), order);
    Answer.ReportPage second =
        answer(desk.run(page("finance1", hours, first.next())), Answer.ReportPage.class);
    assertEquals(ExportDesk.PAGE_ROWS, second.rows().size());
    Answer.ReportPage last =
        answer(desk.run(page("finance1", hours, second.next())), Answer.ReportPage.class);
    assertNull(last.next());
    assertNotNull(last.totals());
    String gone = refusal(desk.run(page("finance1", hours, second.next())), Refusal.INVALID);
    assertTrue(gone.contains("start it again"), gone);
  }
}
