package org.parkgate.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.MonthlyClose;
import org.parkgate.controller.ledger.MonthlyClosure;
import org.parkgate.controller.ledger.ShiftReports;
import org.parkgate.controller.ledger.ZReport;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.SiteConfig;
import org.parkgate.time.SharedClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller closes its own business days: once at start (every complete day not yet closed,
 * empty days included), then shortly after each midnight in the site's zone. The closing runs on
 * the ledger thread like every other write. Midnight is found from the site's zone on each run (a
 * day of 23 or 25 hours, or one with no 00:00, is handled by {@link
 * LocalDate#atStartOfDay(ZoneId)}), and no wait is longer than an hour, so a clock that jumps or a
 * machine that slept closes what is due at the next check; a {@link SharedClock} (a scenario's,
 * which jumps over hours at a time) is looked at again as soon as it jumps. Closing is idempotent:
 * a day is never closed twice, so the {@code ./parking zreport} command can still be run beside it.
 * After days are closed the whole ledger is verified (the daily check).
 *
 * <p>Once the last day of a month has its Z-report, the same run closes the month (月结) as {@code
 * ./parking close-month} does ({@link MonthlyClosure#close}, by {@value #CLOSED_BY}): numbered,
 * chained and signed, once. A month it may not close (a month before it still open, a day without a
 * Z-report) is left to finance, with the reason logged once; one finance closed first is left
 * alone.
 */
public final class ClosureSchedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClosureSchedule.class);

  /** How long after midnight the day is closed: late writes stamped before midnight are in. */
  static final Duration AFTER_MIDNIGHT = Duration.ofMinutes(1);

  /** Who the monthly closes this schedule makes are recorded as closed by. */
  static final String CLOSED_BY = "controller";

  /** The longest wait between two checks. */
  static final Duration LONGEST_WAIT = Duration.ofHours(1);

  private final Ledger ledger;
  private final DailyClosure closure;
  private final MonthlyClosure months;
  private final ShiftReports shifts;
  private final ZoneId zone;
  private final Clock clock;
  private final Executor ledgerThread;
  private final ScheduledExecutorService timer;
  private final Executor checker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ledger check");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
          });
  private volatile Instant nextCheck;
  private ScheduledFuture<?> pending; // guarded by this
  private YearMonth refusedMonth; // on the ledger thread only
  private volatile boolean closed;
  private CompletableFuture<List<ZReport>> started = CompletableFuture.completedFuture(List.of());

  ClosureSchedule(
      Ledger ledger,
      DailyClosure closure,
      MonthlyClosure months,
      ShiftReports shifts,
      ZoneId zone,
      Clock clock,
      Executor ledgerThread,
      ScheduledExecutorService timer) {
    this.ledger = ledger;
    this.closure = closure;
    this.months = months;
    this.shifts = shifts;
    this.zone = zone;
    this.clock = clock;
    this.ledgerThread = ledgerThread;
    this.timer = timer;
  }

  /**
   * Closes every complete day now and keeps closing each new one after midnight. The returned
   * schedule's {@link #started()} completes with the reports the first run made.
   */
  static ClosureSchedule start(Ledger ledger, SiteConfig site, Clock clock, Executor ledgerThread) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "z-report timer");
              t.setDaemon(true);
              return t;
            });
    ClosureSchedule schedule =
        new ClosureSchedule(
            ledger,
            new DailyClosure(ledger, site.zone(), site.currency(), clock),
            new MonthlyClosure(ledger, site.zone(), site.currency(), clock),
            new ShiftReports(ledger),
            site.zone(),
            clock,
            ledgerThread,
            timer);
    schedule.started = schedule.run();
    if (clock instanceof SharedClock shared) {
      // A scenario's clock jumps over hours at a time: look again at once, not within the hour.
      shared.onJump(() -> schedule.timer.execute(schedule::afterJump));
    }
    return schedule;
  }

  /** On the timer thread: the clock jumped; closes what became due now rather than later. */
  private void afterJump() {
    Instant due = nextCheck;
    if (closed || due == null || clock.instant().isBefore(due)) {
      return;
    }
    synchronized (this) {
      if (pending != null && !pending.cancel(false)) {
        return; // that run has begun; it schedules the next itself
      }
      pending = null;
    }
    run();
  }

  /** The first run's reports, once it is done. */
  CompletableFuture<List<ZReport>> started() {
    return started;
  }

  /** When the next check is due, as last scheduled. */
  Instant nextCheck() {
    return nextCheck;
  }

  /**
   * The next check after {@code now}: {@link #AFTER_MIDNIGHT} past the next midnight in the zone
   * (today's, if that moment is still ahead), but never more than {@link #LONGEST_WAIT} away.
   */
  static Instant nextCheck(Instant now, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    Instant todays = today.atStartOfDay(zone).toInstant().plus(AFTER_MIDNIGHT);
    Instant next =
        now.isBefore(todays)
            ? todays
            : today.plusDays(1).atStartOfDay(zone).toInstant().plus(AFTER_MIDNIGHT);
    Instant cap = now.plus(LONGEST_WAIT);
    return next.isBefore(cap) ? next : cap;
  }

  /** Closes every complete day not yet closed, on the ledger thread; returns the new reports. */
  CompletableFuture<List<ZReport>> closeDue() {
    return CompletableFuture.supplyAsync(
        () -> {
          if (new EventLog(ledger).lastSeq() == 0) {
            // A new ledger: its first day is the day of its first event, not the day before.
            return List.<ZReport>of();
          }
          List<ZReport> made = closure.closeFinishedDays();
          for (ZReport z : made) {
            log.info(
                "closed business day {} as Z-report no. {}:\n{}",
                z.businessDay(),
                z.zNo(),
                z.render(shifts.closedOn(z.businessDay(), zone)));
          }
          closeLastMonth();
          if (!made.isEmpty()) {
            checkWholeLedger();
          }
          return made;
        },
        ledgerThread);
  }

  /** Closes last month once its last day has a Z-report, unless it is closed already. */
  private void closeLastMonth() {
    YearMonth last = YearMonth.from(LocalDate.ofInstant(clock.instant(), zone)).minusMonths(1);
    if (last.equals(refusedMonth)) {
      return;
    }
    months
        .closeIfDue(last, CLOSED_BY)
        .ifPresent(
            outcome -> {
              if (outcome instanceof MonthlyClosure.Closed c) {
                MonthlyClose m = c.close();
                log.info(
                    "closed month {} as monthly close no. {}: Z-reports {}..{}, net {}; chain link {}",
                    m.month(),
                    m.closeNo(),
                    m.firstZ(),
                    m.lastZ(),
                    m.net(),
                    m.chainLink());
              } else if (outcome instanceof MonthlyClosure.Refused r) {
                refusedMonth = last;
                log.warn("monthly close of {} left to finance: {}", last, r.reason());
              }
            });
  }

  /**
   * The daily check: the whole ledger verified on a read-only connection of its own, off the ledger
   * thread (lanes keep writing meanwhile); a failure is recorded as a {@code LEDGER_CHECK_FAILED}
   * incident, on the ledger thread, naming the first bad entry.
   */
  private void checkWholeLedger() {
    CompletableFuture.runAsync(
        () -> {
          LedgerVerifier.Result result = LedgerVerifier.verify(ledger.file(), Optional.empty());
          if (result.ok()) {
            log.info("daily ledger check: {}", result.summary());
            return;
          }
          log.error("DAILY LEDGER CHECK FAILED: {}", result.summary());
          ledgerThread.execute(
              () ->
                  new Incidents(ledger)
                      .record(
                          LedgerStartCheck.LANE,
                          IncidentKind.LEDGER_CHECK_FAILED,
                          null,
                          null,
                          org.parkgate.api.Said.of(
                              "每日账本校验失败：" + String.join("; ", result.problems()),
                              "daily: " + String.join("; ", result.problems())),
                          clock.instant()));
        },
        checker);
  }

  private CompletableFuture<List<ZReport>> run() {
    if (closed) {
      return CompletableFuture.completedFuture(List.of());
    }
    CompletableFuture<List<ZReport>> made = closeDue();
    made.whenComplete(
        (reports, error) -> {
          if (error != null) {
            log.error("Z-report: closing the finished days failed; will try again", error);
          }
          scheduleNext();
        });
    return made;
  }

  private synchronized void scheduleNext() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    nextCheck = nextCheck(now, zone);
    // A shared clock may run faster than the machine's: wait its time, not the machine's.
    long rate = clock instanceof SharedClock shared ? shared.rate() : 1;
    long millis = Math.max(1_000 / rate, Duration.between(now, nextCheck).toMillis() / rate);
    try {
      pending = timer.schedule(this::run, millis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed while the last run finished
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
  }
}
