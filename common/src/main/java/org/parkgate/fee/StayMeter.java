package org.parkgate.fee;

import java.util.ArrayList;
import java.util.List;

/**
 * Charges a stay period by period. It moves from one boundary to the next (a change of rule, the
 * start of a new day for the daily maximum, the day-rate threshold, a daylight-saving change) and
 * counts each stretch's charges with arithmetic, so a month costs about thirty days' worth of
 * steps, never forty thousand minutes.
 *
 * <p>Every charge falls due at a moment of the stay: a started increment at its start, a completed
 * one at its last second, a band when the band is entered. A charge counts when that moment is
 * before the exit, and belongs to the day that moment is in. This is what makes the fee grow
 * monotonically with the exit and lets evaluation stop and resume anywhere ({@link #advanceTo})
 * without changing the result.
 */
final class StayMeter {

  private static final long DAY = 86_400;
  private static final long NONE = Long.MIN_VALUE;

  private final Tariff tariff;
  private final Scheme scheme;
  private final DayWindow window;
  private final long entry;
  private final long end;
  private final SiteClock clock;
  private final LineBook book;
  private long t;
  private long total;

  // The kind of day last looked up: each boundary asks about the same day twice.
  private long scheduleDay = Long.MIN_VALUE;
  private DaySchedule cachedSchedule;
  private long otherScheduleDay = Long.MIN_VALUE;
  private DaySchedule otherSchedule;

  // The rule in force and the part of the stay it is charging.
  private long firstEnd;

  /** Where stay time starts for prices by stay time: entry, or the day's start (firstPer: day). */
  private long origin;

  private Rule rule;
  private long chargeFrom;
  private long periodAmount;
  private long periodEnd;

  // The day (for the daily maximum and day rate) the meter is in.
  private long windowDay;
  private long windowFirst;
  private long windowEnd;
  private long windowSum;
  private long windowSumAtFreeze;
  private long freezeAt;
  private boolean frozen;

  /** Chargeable time (under rules that are not free) so far in this day, in seconds. */
  private long windowCharged;

  // A whole day being walked for the first time, to be remembered when it ends.
  private final boolean useMemo;
  private DayMemo.Key recording;
  private DayMemo.Entry lastDay;
  private long lastReplayEnds = NONE;
  private long recordingEnds;

  // The fee line being accumulated: one per rule period and day.
  private long lineFrom = NONE;
  private long lineTo;
  private long lineQuantity;
  private long lineAmount;

  StayMeter(Tariff tariff, Scheme scheme, long entry, long end) {
    this(tariff, scheme, entry, end, new ArrayList<>(4));
  }

  /** A meter that appends its lines to {@code lines}. */
  StayMeter(Tariff tariff, Scheme scheme, long entry, long end, List<FeeLine> lines) {
    this(tariff, scheme, entry, end, lines, true);
  }

  /** As above; {@code useMemo} false walks every day, for tests that compare both ways. */
  StayMeter(
      Tariff tariff, Scheme scheme, long entry, long end, List<FeeLine> lines, boolean useMemo) {
    if (end < entry) {
      throw new IllegalArgumentException("exit before entry");
    }
    this.tariff = tariff;
    this.scheme = scheme;
    this.window = scheme.window;
    this.entry = entry;
    this.end = end;
    this.t = entry;
    this.useMemo = useMemo && !scheme.window.isNone();
    this.clock = new SiteClock(tariff, entry);
    this.book = new LineBook(clock, tariff, lines);
    this.origin = entry;
    openWindow(entry, true);
    rule = ruleAt(entry);
    periodEnd = nextPeriodEnd(entry);
    long first = entry;
    if (rule.stayFirstLength > 0 && end > entry) {
      first = entry + rule.stayFirstLength;
      windowSum += rule.stayFirstPrice;
      book.add(entry, Math.min(first, end), rule.stayFirstDescription, 1, rule.stayFirstPrice);
    }
    firstEnd = first;
    chargeFrom = Math.max(entry, firstEnd);
  }

  /** Charges the stay up to {@code target}; calls may split the stay anywhere. */
  void advanceTo(long target) {
    if (target < t || target > end) {
      throw new IllegalArgumentException("cannot advance from " + t + " to " + target);
    }
    // Boundaries at the target are settled by the next call, never by this one: nothing that
    // falls due at the exit instant (a new increment, the day rate) belongs to the stay.
    while (t < target) {
      if (settle() && useMemo && windowEnd <= target && replayedDay(target)) {
        continue;
      }
      long stop = Math.min(Math.min(target, periodEnd), Math.min(windowEnd, clock.until()));
      if (!frozen && freezeAt > t) {
        stop = Math.min(stop, freezeAt);
      }
      boolean counted = window.rateCountsCharged() && !rule.free;
      if (counted && !frozen && windowCharged < window.rateAfter()) {
        stop = Math.min(stop, t + window.rateAfter() - windowCharged);
      }
      charge(t, stop);
      if (counted) {
        windowCharged += stop - t;
      }
      t = stop;
    }
  }

  /** Charges up to the exit and returns the fee in minor units; the lines are then complete. */
  long finish() {
    advanceTo(end);
    closeLine();
    closeWindow();
    book.flush();
    return total;
  }

  /**
   * Applies whatever boundaries fall at {@code t}, before anything due at {@code t} is charged;
   * true when a new day has begun.
   */
  private boolean settle() {
    boolean offsetChanged = false;
    if (t >= clock.until()) {
      clock.moveTo(t);
      offsetChanged = true;
    }
    if (!frozen && t >= freezeAt && freezeAt < windowEnd) {
      frozen = true;
      windowSumAtFreeze = windowSum;
    }
    boolean newDay = t >= windowEnd;
    if (newDay) {
      closeLine();
      if (recording != null && t == recordingEnds) {
        remember();
      }
      recording = null;
      closeWindow();
      openWindow(t, false);
    }
    if (t >= periodEnd || offsetChanged) {
      Rule next = ruleAt(t);
      if (next != rule) {
        closeLine();
        rule = next;
        chargeFrom = Math.max(t, firstEnd);
        periodAmount = 0;
      }
      periodEnd = nextPeriodEnd(t);
    }
    if (newDay && window.firstPerDay()) {
      origin = t;
      // A day that begins while the last first hour still runs has no first hour of its own.
      if (rule.stayFirstLength > 0 && t >= firstEnd) {
        firstEnd = t + rule.stayFirstLength;
        chargeFrom = firstEnd;
        windowSum += rule.stayFirstPrice;
        book.add(t, Math.min(firstEnd, end), rule.stayFirstDescription, 1, rule.stayFirstPrice);
      }
    }
    if (window.rateCountsCharged()
        && !frozen
        && window.rateAfter() > 0
        && windowCharged >= window.rateAfter()
        && !rule.free) {
      // More chargeable time than the day rate's threshold is about to be parked.
      frozen = true;
      windowSumAtFreeze = windowSum;
    }
    return newDay;
  }

  /**
   * At the start of a whole day: replays it from the memo and returns true, or returns false and
   * walks it, to be remembered at its end.
   */
  private boolean replayedDay(long target) {
    long length = windowEnd - t;
    if (length != DAY || clock.until() < windowEnd) {
      return false; // the clocks change today
    }
    if (scheme.tierHorizon > 0 && t - origin < scheme.tierHorizon) {
      return false; // prices by stay time still depend on where the day falls in the stay
    }
    Rule r = rule;
    long local = clock.local(t);
    long date = Math.floorDiv(local, DAY);
    long start = local - date * DAY;
    DaySchedule today = schedule(date);
    DaySchedule tomorrow = schedule(date + 1);
    long x = r.settled(t - chargeFrom);
    long pa = r.maxPerPeriod == Long.MAX_VALUE ? 0 : periodAmount;
    long firstLeft = Math.max(0, firstEnd - t);
    DayMemo.Entry day = lastDay;
    boolean again = false;
    // Runs of alike days (Monday to Thursday) are the common case: no look-up for those.
    if (day != null && day.key().matches(start, today, tomorrow, r, x, pa, firstLeft, windowSum)) {
      again = lastReplayEnds == t;
    } else {
      DayMemo.Key key = new DayMemo.Key(start, today, tomorrow, r, x, pa, firstLeft, windowSum);
      day = scheme.memo.get(key);
      if (day == null) {
        recording = key;
        recordingEnds = windowEnd;
        return false;
      }
      lastDay = day;
    }
    book.discardDay();
    for (int i = 0; i < day.lineFrom().length; i++) {
      book.add(
          t + day.lineFrom()[i],
          t + day.lineTo()[i],
          day.lineRule()[i],
          day.lineQuantity()[i],
          day.lineAmount()[i]);
    }
    t = windowEnd;
    rule = day.endRule();
    chargeFrom = t - day.endX();
    periodAmount = day.endPeriodAmount();
    firstEnd = day.endFirstLeft() > 0 ? t + day.endFirstLeft() : Math.min(firstEnd, t);
    windowSum = day.daySum();
    frozen = day.frozen();
    windowSumAtFreeze = day.daySumAtFreeze();
    periodEnd = t; // look the rule up again where the day ends
    lastReplayEnds = t;
    if (again && day.replaced()) {
      skipAlikeDays(day, date, target);
    }
    return true;
  }

  /**
   * The day just replayed came round twice running unchanged, so it hands the next day of the same
   * kinds the very state it started from: such days that follow are charged alike, a day at a time
   * only in the fee lines' run (a week of weekdays at their maximum).
   *
   * @param date the local date the day just replayed started on
   */
  private void skipAlikeDays(DayMemo.Entry day, long date, long target) {
    long n = 0;
    while (t + (n + 1) * DAY <= target
        && t + (n + 1) * DAY <= clock.until()
        && schedule(date + 1 + n) == day.key().date()
        && schedule(date + 2 + n) == day.key().nextDate()) {
      n++;
    }
    for (long j = 0; j < n; j++) {
      closeWindow(); // [windowFirst, t): a day charged exactly as the one replayed
      windowFirst = t;
      t += DAY;
    }
    windowEnd = t;
    windowDay += n;
    chargeFrom += n * DAY;
    firstEnd = day.endFirstLeft() > 0 ? firstEnd + n * DAY : Math.min(firstEnd, t);
    periodEnd = t;
    lastReplayEnds = t;
  }

  /** The whole day just walked, with its lines, into the memo. */
  private void remember() {
    PendingLines lines = book.pending();
    boolean replaced = dayReplacesLines();
    // A day charged its maximum or day rate shows that alone: its own lines need not be kept.
    int n = replaced ? 0 : lines.size();
    long[] from = new long[n];
    long[] to = new long[n];
    String[] rules = new String[n];
    long[] quantity = new long[n];
    long[] amount = new long[n];
    long start = t - DAY;
    for (int i = 0; i < n; i++) {
      from[i] = lines.from(i) - start;
      to[i] = lines.to(i) - start;
      rules[i] = lines.rule(i);
      quantity[i] = lines.quantity(i);
      amount[i] = lines.amount(i);
    }
    scheme.memo.put(
        new DayMemo.Entry(
            recording,
            from,
            to,
            rules,
            quantity,
            amount,
            rule,
            t - chargeFrom,
            periodAmount,
            Math.max(0, firstEnd - t),
            windowSum,
            frozen,
            windowSumAtFreeze,
            replaced));
  }

  /** Adds the charges due in [a, b), a stretch with one rule, one day and one zone offset. */
  private void charge(long a, long b) {
    long lo = Math.max(a, chargeFrom);
    if (lo >= b) {
      return;
    }
    if (lineFrom == NONE) {
      lineFrom = lo;
    }
    lineTo = b;
    Rule r = rule;
    long x0 = lo - chargeFrom;
    long x1 = b - chargeFrom;
    long amount = 0;
    long quantity = 0;
    long[] at = r.stepAt;
    if (r.stepCycle == 0) {
      for (int i = 0; i < at.length && at[i] < x1; i++) {
        if (at[i] >= x0) {
          amount += r.stepAdds[i];
          quantity++;
        }
      }
    } else {
      for (int i = 0; i < at.length; i++) {
        long n = occurrences(x1, at[i], r.stepCycle) - occurrences(x0, at[i], r.stepCycle);
        amount = Math.addExact(amount, Math.multiplyExact(n, r.stepAdds[i]));
        quantity += n;
      }
    }
    if (r.unit > 0 && x1 > r.unitsFrom) {
      long y0 = Math.max(x0, r.unitsFrom) - r.unitsFrom;
      long y1 = x1 - r.unitsFrom;
      // Increment k runs over [k, k + 1) units from unitsFrom; these fall due in [x0, x1).
      long k0 = r.roundUp ? ceilDiv(y0, r.unit) : y0 / r.unit;
      long k1 = r.roundUp ? ceilDiv(y1, r.unit) : y1 / r.unit;
      amount = Math.addExact(amount, units(r, k0, k1));
      quantity += k1 - k0;
    }
    long room = r.maxPerPeriod - periodAmount;
    if (amount > room) {
      amount = room;
    }
    periodAmount += amount;
    lineAmount += amount;
    lineQuantity += quantity;
    windowSum += amount;
  }

  /** What increments k0 (included) to k1 (excluded) of the period cost. */
  private long units(Rule r, long k0, long k1) {
    long[] until = r.tierUntil;
    if (until.length == 0) {
      return Math.multiplyExact(k1 - k0, r.unitPrice);
    }
    // An increment costs the price for the stay time at which it starts.
    long first = chargeFrom + r.unitsFrom;
    long amount = 0;
    long k = k0;
    for (int i = 0; i < until.length && k < k1; i++) {
      long below = Math.min(k1, ceilDiv(origin + until[i] - first, r.unit));
      if (below > k) {
        amount = Math.addExact(amount, Math.multiplyExact(below - k, r.tierPrice[i]));
        k = below;
      }
    }
    return Math.addExact(amount, Math.multiplyExact(k1 - k, r.unitPrice));
  }

  /** How many of the offsets {@code at}, {@code at + cycle}, ... are before {@code x}. */
  private static long occurrences(long x, long at, long cycle) {
    return x > at ? ceilDiv(x - at, cycle) : 0;
  }

  private void closeLine() {
    if (lineFrom == NONE) {
      return;
    }
    book.add(lineFrom, lineTo, rule.description, lineQuantity, lineAmount);
    lineFrom = NONE;
    lineQuantity = 0;
    lineAmount = 0;
  }

  private void openWindow(long at, boolean atEntry) {
    windowSum = 0;
    windowSumAtFreeze = 0;
    windowCharged = 0;
    frozen = false;
    windowFirst = at;
    if (window.isNone()) {
      windowEnd = Long.MAX_VALUE;
      freezeAt = Long.MAX_VALUE;
      return;
    }
    if (window.rolling()) {
      windowEnd = entry + ((at - entry) / DAY + 1) * DAY;
    } else {
      if (atEntry) {
        long d = Math.floorDiv(clock.local(at) - window.startsAt(), DAY);
        while (dayStart(d + 1) <= at) {
          d++;
        }
        while (dayStart(d) > at) {
          d--;
        }
        windowDay = d;
      } else {
        windowDay++;
      }
      windowEnd = dayStart(windowDay + 1);
    }
    freezeAt =
        window.rateAfter() > 0 && !window.rateCountsCharged()
            ? at + window.rateAfter()
            : Long.MAX_VALUE;
  }

  /** What the day being metered costs, held to the maximum or set by the day rate. */
  private long dayCharge() {
    return frozen
        ? Math.max(Math.min(windowSumAtFreeze, window.maximum()), window.ratePrice())
        : Math.min(windowSum, window.maximum());
  }

  /** True when the day's cost is one fact (its maximum or day rate) that replaces its lines. */
  private boolean dayReplacesLines() {
    long fin = dayCharge();
    return fin != windowSum && ((frozen && fin == window.ratePrice()) || fin == window.maximum());
  }

  private void closeWindow() {
    long fin = dayCharge();
    total = Math.addExact(total, fin);
    if (fin == windowSum) {
      book.keepDay();
    } else if (frozen && fin == window.ratePrice()) {
      book.replaceDay(window.rateText(), windowFirst, t, fin);
    } else if (fin == window.maximum()) {
      book.replaceDay(window.maximumText(), windowFirst, t, fin);
    } else {
      // Held by the day rate to less than the day's own charges: show both.
      book.adjustDay(windowLabel(), window.rateText(), fin - windowSum);
    }
  }

  private String windowLabel() {
    if (window.rolling()) {
      long k = (windowFirst - entry) / DAY;
      return tariff.wording().rollingDay(tariff.dateTime(entry + k * DAY));
    }
    StringBuilder date = new StringBuilder(10);
    LocalText.date(date, windowDay * DAY);
    if (window.startsAt() == 0) {
      return date.toString();
    }
    StringBuilder time = new StringBuilder(5);
    LocalText.time(time, window.startsAt());
    return tariff.wording().dayFrom(date.toString(), time.toString());
  }

  /** The instant the calendar day {@code d} (a local epoch day) starts for the daily maximum. */
  private long dayStart(long d) {
    return clock.instantOf(d * DAY + window.startsAt());
  }

  private Rule ruleAt(long at) {
    if (scheme.onlyRule != null) {
      return scheme.onlyRule;
    }
    long local = clock.local(at);
    long day = Math.floorDiv(local, DAY);
    return schedule(day).ruleAt((int) (local - day * DAY));
  }

  private long nextPeriodEnd(long at) {
    if (scheme.onlyRule != null) {
      return Long.MAX_VALUE;
    }
    long local = clock.local(at);
    long day = Math.floorDiv(local, DAY);
    int next = schedule(day).nextChangeAfter((int) (local - day * DAY));
    // Midnight changes nothing when the next day starts with the same rule: look on to its
    // first change instead of stopping there.
    for (int days = 0; next == DAY && days < 7 && schedule(day + 1).ruleAt(0) == rule; days++) {
      day++;
      next = schedule(day).nextChangeAfter(0);
    }
    return clock.nextInstantOf(day * DAY + next);
  }

  private DaySchedule schedule(long epochDay) {
    if (epochDay == scheduleDay) {
      return cachedSchedule;
    }
    if (epochDay == otherScheduleDay) {
      return otherSchedule;
    }
    // Two kept: a day and the next are asked about in turn at each new day.
    otherScheduleDay = scheduleDay;
    otherSchedule = cachedSchedule;
    scheduleDay = epochDay;
    cachedSchedule =
        tariff.isHoliday(epochDay)
            ? scheme.days[7]
            : scheme.days[(int) Math.floorMod(epochDay + 3, 7L)];
    return cachedSchedule;
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}
