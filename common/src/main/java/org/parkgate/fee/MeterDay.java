package org.parkgate.fee;

/**
 * The day a {@link StayMeter} is in, for the daily maximum and the day rate: where it starts and
 * ends, what has been charged in it, and whether the day rate has taken over. When the day closes
 * its fee lines are kept, or replaced by the maximum or day rate that sets its cost.
 */
final class MeterDay {

  private static final long DAY = 86_400;

  private final Tariff tariff;
  private final DayWindow window;
  private final SiteClock clock;
  private final LineBook book;
  private final long entry;

  /** The local epoch day of a calendar day (not a rolling one). */
  long date;

  long first;
  long end;

  /** What the stay's charges in this day add up to, before the maximum or day rate. */
  long sum;

  long sumAtFreeze;
  long freezeAt;

  /** True once the day rate's threshold has passed: later charges no longer count. */
  boolean frozen;

  /** Chargeable time (under rules that are not free) so far in this day, in seconds. */
  long charged;

  MeterDay(Tariff tariff, DayWindow window, SiteClock clock, LineBook book, long entry) {
    this.tariff = tariff;
    this.window = window;
    this.clock = clock;
    this.book = book;
    this.entry = entry;
  }

  /** Starts the day that {@code at} begins, or at entry the day that {@code at} is in. */
  void open(long at, boolean atEntry) {
    sum = 0;
    sumAtFreeze = 0;
    charged = 0;
    frozen = false;
    first = at;
    if (window.isNone()) {
      end = Long.MAX_VALUE;
      freezeAt = Long.MAX_VALUE;
      return;
    }
    if (window.rolling()) {
      end = entry + ((at - entry) / DAY + 1) * DAY;
    } else {
      if (atEntry) {
        long d = Math.floorDiv(clock.local(at) - window.startsAt(), DAY);
        while (dayStart(d + 1) <= at) {
          d++;
        }
        while (dayStart(d) > at) {
          d--;
        }
        date = d;
      } else {
        date++;
      }
      end = dayStart(date + 1);
    }
    freezeAt =
        window.rateAfter() > 0 && !window.rateCountsCharged()
            ? at + window.rateAfter()
            : Long.MAX_VALUE;
  }

  /** From now on the day's charges are held where they are, for the day rate. */
  void freeze() {
    frozen = true;
    sumAtFreeze = sum;
  }

  /** What the day costs, held to the maximum or set by the day rate. */
  long cost() {
    return frozen
        ? Math.max(Math.min(sumAtFreeze, window.maximum()), window.ratePrice())
        : Math.min(sum, window.maximum());
  }

  /** True when the day's cost is one fact (its maximum or day rate) that replaces its lines. */
  boolean replacesLines() {
    long fin = cost();
    return fin != sum && ((frozen && fin == window.ratePrice()) || fin == window.maximum());
  }

  /** Ends the day at {@code at}, settling its fee lines, and returns what it costs. */
  long close(long at) {
    long fin = cost();
    if (fin == sum) {
      book.keepDay();
    } else if (frozen && fin == window.ratePrice()) {
      book.replaceDay(window.rateText(), first, at, fin);
    } else if (fin == window.maximum()) {
      book.replaceDay(window.maximumText(), first, at, fin);
    } else {
      // Held by the day rate to less than the day's own charges: show both.
      book.adjustDay(label(), window.rateText(), fin - sum);
    }
    return fin;
  }

  private String label() {
    if (window.rolling()) {
      long k = (first - entry) / DAY;
      return tariff.wording().rollingDay(tariff.dateTime(entry + k * DAY));
    }
    StringBuilder text = new StringBuilder(10);
    LocalText.date(text, date * DAY);
    if (window.startsAt() == 0) {
      return text.toString();
    }
    StringBuilder time = new StringBuilder(5);
    LocalText.time(time, window.startsAt());
    return tariff.wording().dayFrom(text.toString(), time.toString());
  }

  /** The instant the calendar day {@code d} (a local epoch day) starts for the daily maximum. */
  private long dayStart(long d) {
    return clock.instantOf(d * DAY + window.startsAt());
  }
}
