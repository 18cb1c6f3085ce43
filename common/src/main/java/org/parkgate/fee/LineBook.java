package org.parkgate.fee;

import org.parkgate.money.Money;

/**
 * Writes a stay's fee lines. A day's period lines are held as numbers until the day closes: a day
 * held to its maximum (or charged its day rate) is explained by that one fact instead, and
 * consecutive such days share one line ("3 x daily maximum 40.00"), so a month's receipt stays
 * short and a long stay stays cheap to quote.
 */
final class LineBook {

  private static final long DAY = 86_400;

  private final Tariff tariff;
  private final FeeLines lines;
  private final PendingLines pending = new PendingLines();

  // Days each charged the same maximum or day rate, not yet written.
  private final DayRun run = new DayRun();

  LineBook(Tariff tariff, FeeLines lines) {
    this.tariff = tariff;
    this.lines = lines;
  }

  /** A line of the current day: what one rule charged over [from, to). */
  void add(long from, long to, String rule, long quantity, long amount) {
    pending.add(from, to, rule, quantity, amount);
  }

  /** The current day's lines so far, to be remembered with the day. */
  PendingLines pending() {
    return pending;
  }

  /** Forgets the current day's lines so far: the day is replayed from memory instead. */
  void discardDay() {
    pending.clear();
  }

  /** The day is charged what its lines say: write them. */
  void keepDay() {
    if (pending.size() == 0) {
      return;
    }
    flush();
    for (int i = 0; i < pending.size(); i++) {
      lines.append(
          FeeLine.over(
              tariff,
              pending.from(i),
              pending.to(i),
              pending.rule(i),
              pending.quantity(i),
              pending.amount(i)));
    }
    pending.clear();
  }

  /**
   * The day over [from, to) is charged {@code amount} by {@code rule} alone, whatever its lines.
   */
  void replaceDay(String rule, long from, long to, long amount) {
    pending.clear();
    if (!run.extend(rule, from, to, amount)) {
      flush();
      run.start(rule, from, to, amount);
    }
  }

  /**
   * Closes the whole day that starts at {@code start}, charged as the remembered {@code day}, as
   * {@link MeterDay#close} would: its maximum or day rate in a run of such days, or its lines.
   */
  void closeRemembered(DayMemo.Entry day, long start) {
    if (day.replacement() != null) {
      replaceDay(day.replacement(), start, start + DAY, day.cost());
      return;
    }
    if (day.lineFrom().length == 0) {
      return;
    }
    flush();
    lines.appendDay(tariff, day, start);
  }

  /**
   * Closes {@code n} whole days one after another from {@code start}, charged as the remembered
   * {@code days}, as {@link #closeRemembered(DayMemo.Entry, long)} would close each. The days
   * between the first and the last that show lines of their own begin and end with no run of days
   * open, so their lines depend on nothing else: they are written when the quote's lines are first
   * read (a month's quote is most often asked for its total alone).
   */
  void closeRemembered(DayMemo.Entry[] days, int n, long start) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      if (days[i].replacement() == null && days[i].lineFrom().length > 0) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    int i = 0;
    if (first >= 0 && first < last) {
      for (; i <= first; i++) {
        closeRemembered(days[i], start + i * DAY);
      }
      lines.appendDays(tariff, days, i, last + 1, start + i * DAY);
      i = last + 1;
    }
    for (; i < n; i++) {
      closeRemembered(days[i], start + i * DAY);
    }
  }

  /** The day's lines stand, corrected by {@code amount}. */
  void adjustDay(String period, String rule, long amount) {
    keepDay();
    flush();
    lines.append(new FeeLine(period, rule, 1, money(amount)));
  }

  /** Writes anything still held; call once at the end of the stay. */
  void flush() {
    if (run.isOpen()) {
      lines.append(run.end(tariff));
    }
  }

  private Money money(long minor) {
    return new Money(minor, tariff.currency());
  }
}
