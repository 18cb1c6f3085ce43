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
    begin(at);
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
    freezeAt = freezeAt(at);
  }

  /**
   * Starts the day that begins at {@code at}, {@code days} days after the one open now, known to be
   * a whole day long: no change of offset falls in it.
   */
  void openWhole(long at, long days) {
    begin(at);
    date += days;
    end = at + DAY;
    freezeAt = freezeAt(at);
  }

  private void begin(long at) {
    sum = 0;
    sumAtFreeze = 0;
    charged = 0;
    frozen = false;
    first = at;
  }

  private long freezeAt(long at) {
    return window.rateAfter() > 0 && !window.rateCountsCharged()
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

  /**
   * The rule text that stands for the whole day in place of its lines (its maximum or day rate), or
   * null when the day's own lines are shown.
   */
  String replacement() {
    long fin = cost();
    if (fin == sum) {
      return null;
    }
    if (frozen && fin == window.ratePrice()) {
      return window.rateText();
    }
    return fin == window.maximum() ? window.maximumText() : null;
  }

  /** True when the day's lines stand with a line correcting them to its day rate. */
  boolean adjusts() {
    return cost() != sum && replacement() == null;
  }

  /** Ends the day at {@code at}, settling its fee lines, and returns what it costs. */
  long close(long at) {
    long fin = cost();
    String replacement = replacement();
    if (fin == sum) {
      book.keepDay();
    } else if (replacement != null) {
      book.replaceDay(replacement, first, at, fin);
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
