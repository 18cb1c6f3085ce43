package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.MonthlyClose;
import org.parkgate.controller.ledger.MonthlyClosure;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.SiteKey;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.ledger.ZReport;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

class ClosureScheduleTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @TempDir Path dir;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private final AtomicInteger onLedgerThread = new AtomicInteger();

  /** A clock the test moves by hand. */
  private static final class FakeClock extends Clock {
    volatile Instant now;

    FakeClock(String instant) {
      now = Instant.parse(instant);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void open() {
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "ledger"));
  }

  @AfterEach
  void close() throws Exception {
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  private void paidAt(String card, String instant) {
    Instant at = Instant.parse(instant);
    Stay stay = new Stays(ledger).recordEntry("entry-1", card, at.minusSeconds(3600));
    new Payments(ledger)
        .recordPayment("pay-" + card, stay.stayId(), "exit-1", Money.of(500, "CNY"), "c1", at);
  }

  @Test
  void onStartEveryCompleteDayIsClosedOnTheLedgerThreadThenEachNewDayAfterMidnight()
      throws Exception {
    SiteConfig site = SiteConfigLoader.load(SiteServiceTest.ROOT.resolve("config/sites/demo.yaml"));
    paidAt("A", "2027-01-09T04:00:00Z"); // 12:00 on the 9th in Shanghai
    paidAt("B", "2027-01-11T04:00:00Z"); // the 11th; the 10th has no traffic
    // The controller starts at 09:00 on the 12th, site time.
    FakeClock clock = new FakeClock("2027-01-12T01:00:00Z");
    ClosureSchedule schedule =
        ClosureSchedule.start(
            ledger,
            site,
            clock,
            r -> {
              onLedgerThread.incrementAndGet();
              ledgerThread.execute(r);
            });
    try {
      List<ZReport> first = schedule.started().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(1L, 2L, 3L), first.stream().map(ZReport::zNo).toList());
      assertEquals(
          List.of(
              LocalDate.parse("2027-01-09"),
              LocalDate.parse("2027-01-10"),
              LocalDate.parse("2027-01-11")),
          first.stream().map(ZReport::businessDay).toList(),
          "the empty 10th gets its own number");
      assertEquals(0, first.get(1).payments());
      assertEquals(1, onLedgerThread.get(), "the closing ran on the ledger thread");

      // A check before midnight closes nothing; the next is due one hour on at the latest.
      clock.now = Instant.parse("2027-01-12T15:30:00Z"); // 23:30 on the 12th
      assertTrue(schedule.closeDue().get(10, TimeUnit.SECONDS).isEmpty());
      assertEquals(
          Instant.parse("2027-01-12T16:01:00Z"),
          ClosureSchedule.nextCheck(clock.now, SHANGHAI),
          "00:01 on the 13th, site time");

      paidAt("C", "2027-01-12T15:59:59.900Z"); // 23:59:59.9 on the 12th
      clock.now = Instant.parse("2027-01-12T16:01:00Z");
      List<ZReport> night = schedule.closeDue().get(10, TimeUnit.SECONDS);
      assertEquals(1, night.size());
      assertEquals(4, night.get(0).zNo());
      assertEquals(LocalDate.parse("2027-01-12"), night.get(0).businessDay());
      assertEquals(1, night.get(0).payments(), "the payment at 23:59:59.9 is on the 12th");
      assertTrue(schedule.closeDue().get(10, TimeUnit.SECONDS).isEmpty(), "closed once");

      // The manual command beside it finds nothing left to do, and does not renumber.
      DailyClosure manual = new DailyClosure(ledger, SHANGHAI, site.currency(), clock);
      assertTrue(manual.closeFinishedDays().isEmpty());
      assertEquals(4, manual.reports().size());
    } finally {
      schedule.close();
    }
  }

  @Test
  void eachMonthIsClosedBySignedMonthlyCloseOnceItsLastDayHasItsZReport() throws Exception {
    SiteConfig site = SiteConfigLoader.load(SiteServiceTest.ROOT.resolve("config/sites/demo.yaml"));
    SiteKey key = SiteKey.loadOrCreate(dir.resolve("keys"));
    ledger.signWith(key);
    MonthlyClosure months =
        new MonthlyClosure(ledger, SHANGHAI, site.currency(), Clock.systemUTC());
    paidAt("A", "2026-12-31T04:00:00Z"); // the ledger's first day, the 31st of December
    paidAt("B", "2027-01-30T04:00:00Z");
    paidAt("C", "2027-01-31T04:00:00Z");
    // The controller starts at 14:00 on 31 January, site time: December is over and its one day
    // closed, so December is closed; January is not over.
    FakeClock clock = new FakeClock("2027-01-31T06:00:00Z");
    ClosureSchedule schedule = ClosureSchedule.start(ledger, site, clock, ledgerThread);
    try {
      assertEquals(31, schedule.started().get(10, TimeUnit.SECONDS).size(), "31 Dec .. 30 Jan");
      List<MonthlyClose> closes = months.closes();
      assertEquals(1, closes.size());
      assertEquals("2026-12", closes.get(0).month().toString());
      assertEquals(ClosureSchedule.CLOSED_BY, closes.get(0).closedBy());

      // Just after midnight the 31st of January is closed, and with it the month.
      clock.now = Instant.parse("2027-01-31T16:01:00Z");
      assertEquals(1, schedule.closeDue().get(10, TimeUnit.SECONDS).size());
      closes = months.closes();
      assertEquals(2, closes.size());
      MonthlyClose january = closes.get(1);
      assertEquals("2027-01", january.month().toString());
      assertEquals(2, january.closeNo());
      assertEquals(31, january.days());
      assertEquals(2, january.payments());
      assertEquals(2, january.firstZ());
      assertEquals(32, january.lastZ());
      assertEquals(1000, january.net().minor());

      // Later checks in February, and the next day's closing, leave the month closed once.
      clock.now = Instant.parse("2027-02-01T05:00:00Z");
      assertTrue(schedule.closeDue().get(10, TimeUnit.SECONDS).isEmpty());
      clock.now = Instant.parse("2027-02-01T16:01:00Z");
      assertEquals(1, schedule.closeDue().get(10, TimeUnit.SECONDS).size());
      assertEquals(2, months.closes().size(), "closed once");
      // Finance asking for it by hand is refused as ./parking close-month refuses it.
      MonthlyClosure.Outcome again =
          new MonthlyClosure(ledger, SHANGHAI, site.currency(), clock)
              .close(java.time.YearMonth.of(2027, 1), "finance1");
      assertTrue(
          again instanceof MonthlyClosure.Refused r && r.reason().contains("is already closed"),
          again.toString());
    } finally {
      schedule.close();
    }
    // Each close is signed as an anchor with the site key, and the whole chain verifies with it.
    try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + ledger.file());
        var s = db.createStatement();
        var r = s.executeQuery("SELECT COUNT(*) FROM anchors WHERE reason = 'monthly-close'")) {
      assertEquals(2, r.getLong(1));
    }
    LedgerVerifier.Result verified =
        LedgerVerifier.verify(
            ledger.file(), java.util.Optional.empty(), SiteKey.publicKey(key.publicKeyText()));
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void aNewLedgerGetsNoReportForTheDayBeforeItExisted() throws Exception {
    SiteConfig site = SiteConfigLoader.load(SiteServiceTest.ROOT.resolve("config/sites/demo.yaml"));
    FakeClock clock = new FakeClock("2027-01-12T01:00:00Z");
    ClosureSchedule schedule = ClosureSchedule.start(ledger, site, clock, ledgerThread);
    try {
      assertTrue(schedule.started().get(10, TimeUnit.SECONDS).isEmpty());
      paidAt("A", "2027-01-12T04:00:00Z");
      clock.now = Instant.parse("2027-01-12T16:01:00Z");
      List<ZReport> first = schedule.closeDue().get(10, TimeUnit.SECONDS);
      assertEquals(1, first.size());
      assertEquals(1, first.get(0).zNo());
      assertEquals(LocalDate.parse("2027-01-12"), first.get(0).businessDay(), "its first day");
    } finally {
      schedule.close();
    }
  }

  @Test
  void theNextCheckIsJustAfterTheSiteMidnightAndNeverMoreThanAnHourAway() {
    // Mid-afternoon: check again within the hour, whatever the clock does meanwhile.
    assertEquals(
        Instant.parse("2027-01-12T08:00:00Z"),
        ClosureSchedule.nextCheck(Instant.parse("2027-01-12T07:00:00Z"), SHANGHAI));
    // Just after midnight but inside the minute's grace: today's 00:01.
    assertEquals(
        Instant.parse("2027-01-12T16:01:00Z"),
        ClosureSchedule.nextCheck(Instant.parse("2027-01-12T16:00:30Z"), SHANGHAI));

    // London, the night the clocks go back (25-hour day): midnight is 00:00 GMT on 1 November.
    ZoneId london = ZoneId.of("Europe/London");
    assertEquals(
        Instant.parse("2027-11-01T00:01:00Z"),
        ClosureSchedule.nextCheck(Instant.parse("2027-10-31T23:30:00Z"), london));
    // ... and the night they went forward: 00:00 GMT, then 02:00 BST follows 01:00 GMT.
    assertEquals(
        Instant.parse("2027-03-28T00:01:00Z"),
        ClosureSchedule.nextCheck(Instant.parse("2027-03-27T23:30:00Z"), london));

    // Havana skips midnight in spring (00:00 -> 01:00): the day starts at 01:00, 05:00 UTC.
    ZoneId havana = ZoneId.of("America/Havana");
    assertEquals(
        Instant.parse("2027-03-14T05:01:00Z"),
        ClosureSchedule.nextCheck(Instant.parse("2027-03-14T04:30:00Z"), havana));
  }
}
