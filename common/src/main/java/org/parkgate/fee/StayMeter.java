package org.parkgate.fee;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import org.parkgate.money.Money;

/**
 * Charges a stay period by period. It moves from one boundary to the next (a change of rule,
 * the start of a new day for the daily maximum, the day-rate threshold, a daylight-saving change)
 * and counts each stretch's charges with arithmetic, so a month costs about thirty days' worth
 * of steps, never forty thousand minutes.
 *
 * <p>Every charge falls due at a moment of the stay: a started increment at its start, a
 * completed one at its last second, a band when the band is entered. A charge counts when that
 * moment is before the exit, and belongs to the day that moment is in. This is what makes the fee
 * grow monotonically with the exit and lets evaluation stop and resume anywhere
 * ({@link #advanceTo}) without changing the result.
 */
final class StayMeter {

  private static final long DAY = 86_400;
  private static final long NONE = Long.MIN_VALUE;

  private final Tariff tariff;
  private final ZoneRules zoneRules;
  private final Scheme scheme;
  private final DayWindow window;
  private final long entry;
  private final long end;
  private final List<FeeLine> lines = new ArrayList<>(8);
  private long t;
  private long total;

  // The zone offset in force over [offsetFrom, offsetUntil).
  private int offset;
  private long offsetFrom;
  private long offsetUntil;

  // The rule in force and the part of the stay it is charging.
  private final long firstEnd;
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

  // The fee line being accumulated: one per rule period and day.
  private long lineFrom = NONE;
  private long lineTo;
  private long lineQuantity;
  private long lineAmount;

  StayMeter(Tariff tariff, Scheme scheme, long entry, long end) {
    if (end < entry) {
      throw new IllegalArgumentException("exit before entry");
    }
    this.tariff = tariff;
    this.zoneRules = tariff.zoneRules();
    this.scheme = scheme;
    this.window = scheme.window;
    this.entry = entry;
    this.end = end;
    this.t = entry;
    refreshOffset(entry);
    openWindow(entry, true);
    rule = ruleAt(entry);
    periodEnd = nextPeriodEnd(entry);
    long first = entry;
    if (rule.stayFirstLength > 0 && end > entry) {
      first = entry + rule.stayFirstLength;
      windowSum += rule.stayFirstPrice;
      lines.add(
          new FeeLine(
              LocalText.span(localOf(entry), localOf(Math.min(first, end) - 1) + 1),
              rule.stayFirstDescription,
              1,
              money(rule.stayFirstPrice)));
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
      settle();
      long stop = Math.min(Math.min(target, periodEnd), Math.min(windowEnd, offsetUntil));
      if (!frozen && freezeAt > t) {
        stop = Math.min(stop, freezeAt);
      }
      charge(t, stop);
      t = stop;
    }
  }

  /** Charges up to the exit and returns the fee in minor units; the lines are then complete. */
  long finish() {
    advanceTo(end);
    closeLine();
    closeWindow();
    return total;
  }

  List<FeeLine> lines() {
    return lines;
  }

  /** Applies whatever boundaries fall at {@code t}, before anything due at {@code t} is charged. */
  private void settle() {
    boolean offsetChanged = false;
    if (t >= offsetUntil) {
      refreshOffset(t);
      offsetChanged = true;
    }
    if (!frozen && t >= freezeAt && freezeAt < windowEnd) {
      frozen = true;
      windowSumAtFreeze = windowSum;
    }
    if (t >= windowEnd) {
      closeLine();
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
    for (int i = 0; i < at.length && at[i] < x1; i++) {
      if (at[i] >= x0) {
        amount += r.stepAdds[i];
        quantity++;
      }
    }
    if (r.unit > 0 && x1 > r.unitsFrom) {
      long y0 = Math.max(x0, r.unitsFrom) - r.unitsFrom;
      long y1 = x1 - r.unitsFrom;
      long n =
          r.roundUp
              ? ceilDiv(y1, r.unit) - ceilDiv(y0, r.unit)
              : y1 / r.unit - y0 / r.unit;
      amount = Math.addExact(amount, Math.multiplyExact(n, r.unitPrice));
      quantity += n;
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

  private void closeLine() {
    if (lineFrom == NONE) {
      return;
    }
    lines.add(
        new FeeLine(
            LocalText.span(localOf(lineFrom), localOf(lineTo - 1) + 1),
            rule.description,
            lineQuantity,
            money(lineAmount)));
    lineFrom = NONE;
    lineQuantity = 0;
    lineAmount = 0;
  }

  private void openWindow(long at, boolean atEntry) {
    windowSum = 0;
    windowSumAtFreeze = 0;
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
        long d = Math.floorDiv(at + offset - window.startsAt(), DAY);
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
    freezeAt = window.rateAfter() > 0 ? at + window.rateAfter() : Long.MAX_VALUE;
  }

  private void closeWindow() {
    long capped = Math.min(windowSum, window.maximum());
    long fin =
        frozen ? Math.max(Math.min(windowSumAtFreeze, window.maximum()), window.ratePrice()) : capped;
    if (fin != windowSum) {
      String what =
          frozen && fin > capped
              ? "day rate " + money(window.ratePrice()).toDecimalString()
                  + " when parked over " + LocalText.duration(window.rateAfter()) + " in a day"
              : "daily maximum " + money(window.maximum()).toDecimalString();
      lines.add(new FeeLine(windowLabel(), what, 1, money(fin - windowSum)));
    }
    total = Math.addExact(total, fin);
  }

  private String windowLabel() {
    if (window.rolling()) {
      long k = (windowFirst - entry) / DAY;
      return "24h from " + LocalText.dateTime(localOf(entry + k * DAY));
    }
    StringBuilder sb = new StringBuilder(24);
    LocalText.date(sb, windowDay * DAY);
    if (window.startsAt() != 0) {
      sb.append(" from ");
      LocalText.time(sb, window.startsAt());
    }
    return sb.toString();
  }

  /** The instant the calendar day {@code d} (as a local epoch day) starts for the daily maximum. */
  private long dayStart(long d) {
    long local = d * DAY + window.startsAt();
    long guess = local - offset;
    if (guess >= offsetFrom + DAY && guess < offsetUntil) {
      return guess;
    }
    // Near a daylight-saving change: in a repeated hour the earlier instant counts, in a skipped
    // hour the day starts once the clocks have moved on.
    return ZonedDateTime.ofLocal(
            LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC), tariff.zone(), null)
        .toEpochSecond();
  }

  private Rule ruleAt(long at) {
    if (scheme.onlyRule != null) {
      return scheme.onlyRule;
    }
    long local = at + offset;
    long day = Math.floorDiv(local, DAY);
    return schedule(day).ruleAt((int) (local - day * DAY));
  }

  private long nextPeriodEnd(long at) {
    if (scheme.onlyRule != null) {
      return Long.MAX_VALUE;
    }
    long local = at + offset;
    long day = Math.floorDiv(local, DAY);
    int next = schedule(day).nextChangeAfter((int) (local - day * DAY));
    return Math.min(day * DAY + next - offset, offsetUntil);
  }

  private DaySchedule schedule(long epochDay) {
    if (tariff.isHoliday(epochDay)) {
      return scheme.days[7];
    }
    return scheme.days[(int) Math.floorMod(epochDay + 3, 7L)];
  }

  private void refreshOffset(long at) {
    Instant instant = Instant.ofEpochSecond(at);
    offset = zoneRules.getOffset(instant).getTotalSeconds();
    ZoneOffsetTransition next = zoneRules.nextTransition(instant);
    offsetUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
    ZoneOffsetTransition previous = zoneRules.previousTransition(instant);
    offsetFrom =
        previous == null
            ? Long.MIN_VALUE / 2
            : previous.getOffsetAfter().getTotalSeconds() == offset
                ? previous.toEpochSecond()
                : at;
  }

  private long localOf(long at) {
    if (at >= offsetFrom && at < offsetUntil) {
      return at + offset;
    }
    return at + zoneRules.getOffset(Instant.ofEpochSecond(at)).getTotalSeconds();
  }

  private Money money(long minor) {
    return new Money(minor, tariff.currency());
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}
