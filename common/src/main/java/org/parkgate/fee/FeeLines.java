package org.parkgate.fee;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A quote's fee lines as the engine writes them, and then, once handed to its {@link FeeQuote}, an
 * immutable list. The lines of a day charged from memory ({@link DayMemo.Entry}) are kept as the
 * day and its start and made when the list is first read: a month's quote has a dozen such lines
 * (each Sunday's periods, say), and most quotes are asked for their total alone (a pay station, a
 * tariff preview), as {@link FeeLine} writes its period text only when asked.
 *
 * <p>The sum of the lines' amounts is kept as they are added, so a quote checks that its lines add
 * up to its total without making them.
 */
final class FeeLines extends AbstractList<FeeLine> implements RandomAccess {

  private static final long DAY = 86_400;

  /** A remembered day's lines, starting at {@code start}, not yet made. */
  private record Day(Tariff tariff, DayMemo.Entry entry, long start) {}

  /**
   * The lines of remembered whole days {@code days[from..to)}, one after another from {@code
   * start}, closed as {@link LineBook} closes them from no open run to none, not yet made.
   */
  private record Days(Tariff tariff, DayMemo.Entry[] days, int from, int to, long start) {}

  private Object[] items = new Object[8];
  private int count;
  // How many lines there are while every item is a line already made (none held back as days).
  private int size;
  private boolean held;
  private long sum;
  private boolean sealed;

  // The lines made from items once a day is among them; written at most once per thread that
  // races to read them first, always an immutable list: String.hashCode's idiom.
  private List<FeeLine> made;

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
    if (!held) {
      Objects.checkIndex(index, size);
      return (FeeLine) items[index];
    }
    return lines().get(index);
  }

  @Override
  public int size() {
    return held ? lines().size() : size;
  }

  private void put(Object item) {
    if (sealed) {
      throw new IllegalStateException("the lines of a quote cannot change");
    }
    if (count == items.length) {
      items = Arrays.copyOf(items, count * 2);
    }
    items[count++] = item;
  }

  private List<FeeLine> lines() {
    List<FeeLine> lines = made;
    if (lines == null) {
      List<FeeLine> all = new ArrayList<>(count + 8);
      for (int i = 0; i < count; i++) {
        Object item = items[i];
        if (item instanceof Day d) {
          DayMemo.Entry e = d.entry;
          for (int k = 0; k < e.lineFrom().length; k++) {
            all.add(
                FeeLine.over(
                    d.tariff,
                    d.start + e.lineFrom()[k],
                    d.start + e.lineTo()[k],
                    e.lineRule()[k],
                    e.lineQuantity()[k],
                    e.lineAmount()[k]));
          }
        } else if (item instanceof Days d) {
          FeeLines written = new FeeLines();
          LineBook book = new LineBook(d.tariff, written);
          for (int k = d.from; k < d.to; k++) {
            book.closeRemembered(d.days[k], d.start + (k - d.from) * DAY);
          }
          book.flush();
          all.addAll(written);
        } else {
          all.add((FeeLine) item);
        }
      }
      lines = List.copyOf(all);
      made = lines;
    }
    return lines;
  }
}
