package org.parkgate.controller.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.controller.command.Desk.answer;
import static org.parkgate.controller.command.Desk.refusal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.controller.report.MonthOfTraffic;
import org.parkgate.controller.report.Reports;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.report.Report;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;

/**
 * Reports through the real pipeline, on October 2026's traffic: finance and supervisors get the
 * table the command line computes; cashiers and admins are refused by the controller; a request the
 * report cannot be computed for is refused as invalid with its reason; and the month's reports are
 * read off the ledger thread, which stays free for the lanes while they are computed.
 */
class ReportDeskTest {
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

  private static ConsoleCommand.ShowReport show(String who, ReportRequest request) {
    return new ConsoleCommand.ShowReport(desk.id("report"), desk.session(who), request);
  }

  private static ReportRequest october(ReportKind kind) {
    return ReportRequest.of(kind, MonthOfTraffic.FIRST, MonthOfTraffic.LAST);
  }

  @Test
  void financeAndSupervisorsGetTheReportTheLedgerHolds() {
    Report direct =
        new Reports(demo.ledger, SHANGHAI, Currency.getInstance("CNY"), clock)
            .compute(october(ReportKind.REVENUE_BY_DAY));
    for (String who : List.of("finance1", "supervisor1")) {
      Report r =
          answer(desk.run(show(who, october(ReportKind.REVENUE_BY_DAY))), Answer.ReportShown.class)
              .report();
      assertEquals(ReportKind.REVENUE_BY_DAY, r.kind());
      assertEquals(SHANGHAI, r.zone(), "the site's zone");
      assertEquals("CNY", r.currency());
      assertEquals(31, r.rows().size(), "a row a day");
      assertEquals(direct.rows(), r.rows());
      assertEquals(direct.totals(), r.totals());
      assertTrue(r.sum("net") > 0, "October took money: " + r.totals());
      assertEquals(direct.chainLink(), r.chainLink(), "the chain head it was read at");
      assertEquals(direct.chainHash(), r.chainHash());
    }
    Report exit1 =
        answer(
                desk.run(show("finance1", october(ReportKind.PAYMENTS_BY_LANE).withLane("exit-1"))),
                Answer.ReportShown.class)
            .report();
    assertEquals(1, exit1.rows().size(), "only exit-1: " + exit1.rows());
  }

  @Test
  void theJournalFollowsTheLayoutTheSiteNames() {
    // controller.journalLayout in the site file: the console's journal in Yonyou's columns.
    ReportDesk yonyou =
        new ReportDesk(
            demo.ledger,
            SHANGHAI,
            Currency.getInstance("CNY"),
            clock,
            demo.site.site().lanes(),
            DemoSite.ROOT.resolve("config/accounting-yonyou.yaml"));
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
    Report journal =
        answer(
                yonyou.read(
                    show("finance1", october(ReportKind.JOURNAL)), finance, clock.instant()),
                Answer.ReportShown.class)
            .report();
    assertEquals(
        List.of("制单日期", "凭证类别", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"),
        journal.columns().stream().map(org.parkgate.report.Column::zh).toList());
    Report standard =
        answer(desk.run(show("finance1", october(ReportKind.JOURNAL))), Answer.ReportShown.class)
            .report();
    assertTrue(!standard.columns().get(0).zh().equals("制单日期"), "the demo site names no layout");
    assertEquals(standard.rows().size(), journal.rows().size(), "the same entries");
  }

  @Test
  void cashiersAndAdminsAreRefusedByTheController() {
    for (String who : List.of("cashier1", "admin1")) {
      String why = refusal(desk.run(show(who, october(ReportKind.Z_REPORTS))), Refusal.FORBIDDEN);
      assertTrue(why.contains("may not"), why);
    }
  }

  @Test
  void aRequestTheReportCannotBeComputedForIsInvalidWithItsReason() {
    LocalDate d = MonthOfTraffic.FIRST;
    String backwards =
        refusal(
            desk.run(show("finance1", ReportRequest.of(ReportKind.SHIFTS, d, d.minusDays(1)))),
            Refusal.INVALID);
    assertTrue(backwards.contains("before"), backwards);
    String tooLong =
        refusal(
            desk.run(show("finance1", ReportRequest.of(ReportKind.SHIFTS, d, d.plusDays(366)))),
            Refusal.INVALID);
    assertTrue(tooLong.contains("367 days, at most 366"), tooLong);
    String noLane =
        refusal(
            desk.run(show("finance1", october(ReportKind.DWELL).withLane("exit-9"))),
            Refusal.INVALID);
    assertTrue(noLane.contains("no lane 'exit-9'"), noLane);
    String notFiltered =
        refusal(
            desk.run(show("finance1", october(ReportKind.OCCUPANCY).withLane("exit-1"))),
            Refusal.INVALID);
    assertTrue(notFiltered.contains("cannot be filtered by lane"), notFiltered);
    String missing = refusal(desk.run(show("finance1", null)), Refusal.INVALID);
    assertTrue(missing.contains("missing"), missing);
  }

  @Test
  void aReportTravelsOverTheApiAsJson() throws Exception {
    CommandResult r = desk.run(show("finance1", october(ReportKind.REVENUE_BY_HOUR)));
    String json = ApiJson.write(r);
    CommandResult back = (CommandResult) ApiJson.read(json, ApiJson.MAX_ANSWER_BYTES);
    assertEquals(r, back);
  }

  /**
   * Every kind of report over the month, one after another, while the ledger thread is probed with
   * empty tasks: the probes wait only for the reports' admissions, never for their reading.
   */
  @Test
  void theMonthsReportsAreReadOffTheLedgerThread() throws Exception {
    String session = desk.session("finance1");
    List<long[]> took = new ArrayList<>();
    CompletableFuture<Void> all =
        CompletableFuture.runAsync(
            () -> {
              for (ReportKind kind : ReportKind.values()) {
                long t0 = System.nanoTime();
                CommandResult r =
                    desk.run(
                        new ConsoleCommand.ShowReport(desk.id("month"), session, october(kind)));
                if (kind.headOffice()) {
                  // Head office's reports are not a site's: refused, one line saying why.
                  assertTrue(!r.ok() && r.error().contains("head-office report"), kind + ": " + r);
                  continue;
                }
                assertTrue(r.ok(), kind + ": " + r);
                took.add(new long[] {kind.ordinal(), (System.nanoTime() - t0) / 1_000_000});
              }
            });
    long worstProbe = 0;
    int probes = 0;
    while (!all.isDone()) {
      long t0 = System.nanoTime();
      demo.ledgerThread.submit(() -> null).get(5, TimeUnit.SECONDS);
      worstProbe = Math.max(worstProbe, (System.nanoTime() - t0) / 1_000_000);
      probes++;
      Thread.sleep(2);
    }
    all.get();
    long total = took.stream().mapToLong(t -> t[1]).sum();
    StringBuilder times = new StringBuilder();
    for (long[] t : took) {
      times.append(ReportKind.values()[(int) t[0]].code()).append(' ').append(t[1]).append("ms ");
    }
    System.out.printf(
        "month of traffic: every report in %d ms (%s); ledger thread probed %d times, worst wait %d"
            + " ms%n",
        total, times, probes, worstProbe);
    assertTrue(
        worstProbe < 200,
        "the ledger thread waited " + worstProbe + " ms while reports were read: " + times);
  }
}
