package org.parkgate.fee;

import java.util.Arrays;

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

  private final Scheme scheme;
  private final DayWindow window;
  private final long end;
  private final SiteClock clock;
  private final LineBook book;
  private final RuleCalendar calendar;
  private final MeterDay day;
  private final StretchCharge stretch = new StretchCharge();
  private long t;
  private long total;

  // The rule in force and the part of the stay it is charging.
  private long firstEnd;

  /** Where stay time starts for prices by stay time: entry, or the day's start (firstPer: day). */
  private long origin;

  private Rule rule;
  private long chargeFrom;
  private long periodAmount;
  private long periodEnd;

  private final boolean useMemo;
  private final DayReplay replay;

  // The fee line being accumulated: one per rule period and day.
  private long lineFrom = NONE;
  private long lineTo;
  private long lineQuantity;
  private long lineAmount;

  StayMeter(Tariff tariff, Scheme scheme, long entry, long end) {
    this(tariff, scheme, entry, end, new FeeLines());
  }

  /** A meter that appends its lines to {@code lines}. */
  StayMeter(Tariff tariff, Scheme scheme, long entry, long end, FeeLines lines) {
    this(tariff, scheme, entry, end, lines, true);
  }

  /** As above; {@code useMemo} false walks every day, for tests that compare both ways. */
  StayMeter(Tariff tariff, Scheme scheme, long entry, long end, FeeLines lines, boolean useMemo) {
    if (end < entry) {
      throw new IllegalArgumentException("exit before entry");
    }
    this.scheme = scheme;
    this.window = scheme.window;
    this.end = end;
    this.t = entry;
    this.useMemo = useMemo && !scheme.window.isNone();
    this.replay = new DayReplay(scheme.memo);
    this.clock = new SiteClock(tariff, entry);
    this.book = new LineBook(tariff, lines);
    this.calendar = new RuleCalendar(tariff, scheme, clock);
    this.day = new MeterDay(tariff, window, clock, book, entry);
    this.origin = entry;
    day.open(entry, true);
    rule = calendar.ruleAt(entry);
    periodEnd = calendar.nextChange(entry, rule);
    long first = entry;
    if (rule.stayFirstLength > 0 && end > entry) {
      first = entry + rule.stayFirstLength;
      day.sum += rule.stayFirstPrice;
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
      if (settle() && useMemo && day.end <= target && replayedDay(target)) {
        continue;
      }
      long stop = Math.min(Math.min(target, periodEnd), Math.min(day.end, clock.until()));
      if (!day.frozen && day.freezeAt > t) {
        stop = Math.min(stop, day.freezeAt);
      }
      boolean counted = window.rateCountsCharged() && !rule.free;
      if (counted && !day.frozen && day.charged < window.rateAfter()) {
        stop = Math.min(stop, t + window.rateAfter() - day.charged);
      }
      charge(t, stop);
      if (counted) {
        day.charged += stop - t;
      }
      t = stop;
    }
  }

  /** Charges up to the exit and returns the fee in minor units; the lines are then complete. */
  long finish() {
    advanceTo(end);
    closeLine();
    closeDay();
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
    if (!day.frozen && t >= day.freezeAt && day.freezeAt < day.end) {
      day.freeze();
    }
    boolean newDay = t >= day.end;
    if (newDay) {
      closeLine();
      if (replay.recordingEndsAt(t)) {
        remember();
      }
      replay.stopRecording();
      closeDay();
      day.open(t, false);
    }
    if (t >= periodEnd || offsetChanged) {
      Rule next = calendar.ruleAt(t);
      if (next != rule) {
        closeLine();
        rule = next;
        chargeFrom = Math.max(t, firstEnd);
        periodAmount = 0;
      }
      periodEnd = calendar.nextChange(t, rule);
    }
    if (newDay && window.firstPerDay()) {
      origin = t;
      // A day that begins while the last first hour still runs has no first hour of its own.
      if (rule.stayFirstLength > 0 && t >= firstEnd) {
        firstEnd = t + rule.stayFirstLength;
        chargeFrom = firstEnd;
        day.sum += rule.stayFirstPrice;
        book.add(t, Math.min(firstEnd, end), rule.stayFirstDescription, 1, rule.stayFirstPrice);
      }
    }
    if (window.rateCountsCharged()
        && !day.frozen
        && window.rateAfter() > 0
        && day.charged >= window.rateAfter()
        && !rule.free) {
      // More chargeable time than the day rate's threshold is about to be parked.
      day.freeze();
    }
    return newDay;
  }

  /**
   * At the start of a whole day: replays it from the memo and returns true, or returns false and
   * walks it, to be remembered at its end.
   */
  private boolean replayedDay(long target) {
    long length = day.end - t;
    if (length != DAY || clock.until() < day.end) {
      return false; // the clocks change today
    }
    if (scheme.tierHorizon > 0 && t - origin < scheme.tierHorizon) {
      return false; // prices by stay time still depend on where the day falls in the stay
    }
    long local = clock.local(t);
    long date = Math.floorDiv(local, DAY);
    DayMemo.Entry remembered =
        replay.recall(
            t,
            day.end,
            local - date * DAY,
            calendar.schedule(date),
            calendar.schedule(date + 1),
            rule,
            rule.settled(t - chargeFrom),
            rule.maxPerPeriod == Long.MAX_VALUE ? 0 : periodAmount,
            Math.max(0, firstEnd - t),
            day.sum);
    if (remembered == null) {
      return false;
    }
    chargeAs(remembered);
    chargeFollowingDays(remembered, date, target);
    periodEnd = t; // look the rule up again where the day ends
    return true;
  }

  /**
   * The whole days after the one just charged as {@code charged} (of local date {@code date}) that
   * follow it in the memo ({@link DayMemo.Following}) are charged at once: each closed as it was
   * remembered, into the total and the fee lines, without its periods, its rules or a look-up; the
   * last is left open as {@link #chargeAs} leaves a day. Once a day is the one charged a week
   * before and the kinds of date since are the same (no holiday), the day after it is the one that
   * came after that day a week before: a month at a car park is mostly weeks like these.
   */
  private void chargeFollowingDays(DayMemo.Entry charged, long date, long target) {
    // A following day must end by `last`: within the target, before the clocks next change; and
    // prices by stay time must no longer depend on where it falls in the stay (they never will
    // again once they do not for the next day).
    long last = Math.min(target, clock.until() - 1);
    if (t + DAY > last
        || (scheme.tierHorizon > 0 && (window.firstPerDay() || t - origin < scheme.tierHorizon))) {
      return;
    }
    DaySchedule[] kinds = scheme.days;
    // The kind of the date after a day's next picks the day that follows it.
    long afterNext = date + 2;
    int weekday = RuleCalendar.weekday(afterNext);
    long holiday = calendar.holidayOnOrAfter(afterNext);
    long lastHoliday = afterNext == holiday ? afterNext : Long.MIN_VALUE;
    DayMemo.Entry e = charged.after(afterNext == holiday ? kinds[7] : kinds[weekday]);
    if (e == null) {
      return;
    }
    closeDay(); // the day just charged, its lines as replayed
    // The days charged over the last week, by the day's number (charged is day 0) modulo 7.
    DayMemo.Entry[] week = new DayMemo.Entry[7];
    week[0] = charged;
    long start = t;
    long days = 1;
    int slot = 1;
    // The days closed here, at most one for each whole day before `last` but the one left open.
    DayMemo.Entry[] closed = new DayMemo.Entry[(int) Math.min((last - t) / DAY, 64)];
    int n = 0;
    while (!e.adjusted() && start + 2 * DAY <= last) {
      afterNext++;
      weekday = weekday == 6 ? 0 : weekday + 1;
      if (afterNext > holiday) {
        holiday = calendar.holidayOnOrAfter(afterNext);
      }
      int nextSlot = slot == 6 ? 0 : slot + 1;
      DayMemo.Entry next;
      if (afterNext == holiday) {
        lastHoliday = afterNext;
        next = e.after(kinds[7]);
      } else if (days >= 7 && week[slot] == e && afterNext - 7 > lastHoliday) {
        next = week[nextSlot]; // as the week before
      } else {
        next = e.after(kinds[weekday]);
      }
      if (next == null) {
        break;
      }
      week[slot] = e;
      total = Math.addExact(total, e.cost());
      if (n == closed.length) {
        closed = Arrays.copyOf(closed, 2 * n);
      }
      closed[n++] = e;
      start += DAY;
      days++;
      slot = nextSlot;
      e = next;
    }
    book.closeRemembered(closed, n, t);
    day.openWhole(start, days);
    if (window.firstPerDay()) {
      origin = start;
    }
    t = start;
    chargeAs(e);
  }

  /** Charges the whole day that starts at {@code t} as {@code remembered}, up to its end. */
  private void chargeAs(DayMemo.Entry remembered) {
    replay.replay(remembered, t, book);
    t = day.end;
    rule = remembered.endRule();
    chargeFrom = t - remembered.endX();
    periodAmount = remembered.endPeriodAmount();
    firstEnd =
        remembered.endFirstLeft() > 0 ? t + remembered.endFirstLeft() : Math.min(firstEnd, t);
    day.sum = remembered.daySum();
    day.frozen = remembered.frozen();
    day.sumAtFreeze = remembered.daySumAtFreeze();
    replay.replayed(remembered, t);
  }

  /** The whole day just walked, with its lines, into the memo. */
  private void remember() {
    replay.remember(
        book.pending(),
        t - DAY,
        day.cost(),
        day.replacement(),
        day.adjusts(),
        rule,
        t - chargeFrom,
        periodAmount,
        Math.max(0, firstEnd - t),
        day.sum,
        day.frozen,
        day.sumAtFreeze);
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
    stretch.count(r, lo - chargeFrom, b - chargeFrom, chargeFrom, origin);
    long amount = stretch.amount;
    long room = r.maxPerPeriod - periodAmount;
    if (amount > room) {
      amount = room;
    }
    periodAmount += amount;
    lineAmount += amount;
    lineQuantity += stretch.quantity;
    day.sum += amount;
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

  private void closeDay() {
    total = Math.addExact(total, day.close(t));
  }
}
