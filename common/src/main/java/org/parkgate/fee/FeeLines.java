package org.parkgate.fee;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A quote's fee lines as the engine writes them, and then, once handed to its {@link FeeQuote}, an
 * immutable list. The lines of a day charged from memory ({@link DayMemo.Entry}), and of a stretch
 * of such days, are kept as the days and where they start and made when the list is first read: a
 * month's quote has a dozen such lines (each Sunday's periods, say), and most quotes are asked for
 * their total alone (a pay station, a tariff preview), as {@link FeeLine} writes its period text
 * only when asked.
 *
 * <p>The sum of the lines' amounts is kept as they are added, so a quote checks that its lines add
 * up to its total without making them.
 */
final class FeeLines extends AbstractList<FeeLine> implements RandomAccess {

  private static final long DAY = 86_400;

  /** A remembered day's lines, starting at {@code start}, not yet made. */
  private record Day(Tariff tariff, DayMemo.Entry entry, long start) {}

  /**
   * The lines of the remembered whole days {@code days[from..to)}, one after another from {@code
   * start}, closed as {@link LineBook} closes them, from no open run of days to none; not yet made.
   */
  private record Days(Tariff tariff, DayMemo.Entry[] days, int from, int to, long start) {}

  private Object[] items = new Object[8];
  private int count;
  // How many lines there are while every item is a line already made (none held back as days).
  private int size;
  private boolean held;
  private long sum;
  private boolean sealed;

  /** Every line, once made from items that hold days back. */
  private record Made(FeeLine[] lines) {}

  // Written at most once per thread that races to read it first, always to lines that are the
  // same: String.hashCode's idiom. The array is complete before the record's final field refers
  // to it, so a reader that sees the record sees the whole array.
  private Made made;

  void append(FeeLine line) {
    put(Objects.requireNonNull(line, "line"));
    size++;
    sum = Math.addExact(sum, line.minor());
  }

  /** The lines of the whole day {@code entry} remembers, for the day starting at {@code start}. */
  void appendDay(Tariff tariff, DayMemo.Entry entry, long start) {
    long[] amounts = entry.lineAmount();
    if (amounts.length == 0) {
      return;
    }
    put(new Day(tariff, entry, start));
    held = true;
    for (long amount : amounts) {
      sum = Math.addExact(sum, amount);
    }
  }

  /**
   * The lines of the whole days {@code days[from..to)}, one after another from {@code start}, that
   * begin and end with no run of days open (see {@link LineBook#closeRemembered(DayMemo.Entry[],
   * int, long)}); each day adds its maximum or day rate, or its own lines.
   */
  void appendDays(Tariff tariff, DayMemo.Entry[] days, int from, int to, long start) {
    put(new Days(tariff, days, from, to, start));
    held = true;
    for (int i = from; i < to; i++) {
      DayMemo.Entry e = days[i];
      if (e.replacement() != null) {
        sum = Math.addExact(sum, e.cost());
      } else {
        for (long amount : e.lineAmount()) {
          sum = Math.addExact(sum, amount);
        }
      }
    }
  }

  /** What the lines add up to, in minor units. */
  long sumMinor() {
    return sum;
  }

  /** No more lines: the list is a quote's from now on. */
  FeeLines seal() {
    sealed = true;
    return this;
  }

  @Override
  public FeeLine get(int index) {
    if (held) {
      FeeLine[] all = made().lines;
      Objects.checkIndex(index, all.length);
      return all[index];
    }
    Objects.checkIndex(index, size);
    return (FeeLine) items[index];
  }

  @Override
  public int size() {
    return held ? made().lines.length : size;
  }

  private void put(Object item) {
    if (sealed) {
      throw new IllegalStateException("the lines of a quote cannot change");
    }
    if (count == items.length) {
      items = Arrays.copyOf(items, count * 2);
    }
    items[count++] = item;
    made = null; // read before this line was added (a test reading a meter's lines as it goes)
  }

  private Made made() {
    Made m = made;
    if (m == null) {
      FeeLine[] all = new FeeLine[count + 16];
      int n = 0;
      for (int i = 0; i < count; i++) {
        Object item = items[i];
        if (item instanceof Day d) {
          all = room(all, n, d.entry.lineFrom().length);
          n = write(all, n, d.tariff, d.entry, d.start);
        } else if (item instanceof Days d) {
          DayRun run = new DayRun();
          for (int k = d.from; k < d.to; k++) {
            DayMemo.Entry e = d.days[k];
            long start = d.start + (k - d.from) * DAY;
            all = room(all, n, e.lineFrom().length + 1);
            if (e.replacement() != null) {
              if (!run.extend(e.replacement(), start, start + DAY, e.cost())) {
                if (run.isOpen()) {
                  all[n++] = run.end(d.tariff);
                }
                run.start(e.replacement(), start, start + DAY, e.cost());
              }
            } else if (e.lineFrom().length > 0) {
              if (run.isOpen()) {
                all[n++] = run.end(d.tariff);
              }
              n = write(all, n, d.tariff, e, start);
            }
          }
        } else {
          all = room(all, n, 1);
          all[n++] = (FeeLine) item;
        }
      }
      m = new Made(Arrays.copyOf(all, n));
      made = m;
    }
    return m;
  }

  /** {@code all}, or a longer copy, with room for {@code more} lines after the first {@code n}. */
  private static FeeLine[] room(FeeLine[] all, int n, int more) {
    return n + more <= all.length ? all : Arrays.copyOf(all, Math.max(2 * all.length, n + more));
  }

  /** Writes the lines of {@code day}, starting at {@code start}, from {@code all[n]} on. */
  private static int write(FeeLine[] all, int n, Tariff tariff, DayMemo.Entry day, long start) {
    for (int k = 0; k < day.lineFrom().length; k++) {
      all[n++] =
          FeeLine.over(
              tariff,
              start + day.lineFrom()[k],
              start + day.lineTo()[k],
              day.lineRule()[k],
              day.lineQuantity()[k],
              day.lineAmount()[k]);
    }
    return n;
  }
}
