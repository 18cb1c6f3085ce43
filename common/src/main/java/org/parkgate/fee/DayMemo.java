package org.parkgate.fee;

/**
 * What whole days of a stay came to, remembered per scheme so that a long stay prices each of its
 * whole days without walking the day's periods again: a month at a car park is mostly the same few
 * kinds of day.
 *
 * <p>A whole day is fully decided by its {@link Key}: the local time it starts, the kinds of the
 * two dates it spans (which say which rule applies when), and the state the meter carries into it
 * (the rule in force, how far into the rule's counting it is, what the period has charged, a first
 * hour still running, what the day has charged already). Days in which the clocks change are not
 * remembered. A remembered day replays its charges, its fee lines (shifted to the day) and the
 * state it hands on, exactly as walking it would.
 *
 * <p>A bounded table with one entry per slot: a later day whose key lands on a taken slot replaces
 * it. Entries are immutable, so sharing the table between threads needs no lock.
 */
final class DayMemo {

  private static final int SLOTS = 1024;

  private final Entry[] slots = new Entry[SLOTS];

  /**
   * The state at the start of a whole day.
   *
   * @param x how far into its counting the rule in force is (normalised, see {@link Rule#settled})
   * @param periodAmount what the period has charged so far (0 when the rule has no maximum)
   * @param firstLeft how long a first hour still runs, 0 for none
   * @param daySum what the day has charged already (a first hour of the day)
   */
  record Key(
      long localStart,
      DaySchedule date,
      DaySchedule nextDate,
      Rule rule,
      long x,
      long periodAmount,
      long firstLeft,
      long daySum) {

    /** Field by field, schedules and rules by identity; cheaper than a record's own. */
    boolean matches(
        long localStart,
        DaySchedule date,
        DaySchedule nextDate,
        Rule rule,
        long x,
        long periodAmount,
        long firstLeft,
        long daySum) {
      return this.localStart == localStart
          && this.date == date
          && this.nextDate == nextDate
          && this.rule == rule
          && this.x == x
          && this.periodAmount == periodAmount
          && this.firstLeft == firstLeft
          && this.daySum == daySum;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.matches(localStart, date, nextDate, rule, x, periodAmount, firstLeft, daySum);
    }

    @Override
    public int hashCode() {
      return hash(localStart, date, nextDate, rule, x, periodAmount, firstLeft, daySum);
    }

    static int hash(
        long localStart,
        DaySchedule date,
        DaySchedule nextDate,
        Rule rule,
        long x,
        long periodAmount,
        long firstLeft,
        long daySum) {
      long h = localStart * 31 + x;
      h = h * 31 + periodAmount;
      h = h * 31 + firstLeft;
      h = h * 31 + daySum;
      return Long.hashCode(h)
          ^ System.identityHashCode(rule)
          ^ 31 * System.identityHashCode(date)
          ^ 961 * System.identityHashCode(nextDate);
    }
  }

  /**
   * A day as walked: its lines relative to the day's start (none when {@code replacement} is set:
   * the day is shown as its maximum or day rate alone), what it costs and how its lines close, and
   * the state at its end, relative to the day's end.
   *
   * @param cost what the day costs, held to its maximum or set by its day rate
   * @param replacement the rule text that stands for the whole day (its maximum or day rate), or
   *     null when the day's own lines are shown
   * @param adjusted the day's lines stand, with a line correcting them to its day rate: one that
   *     names the day's date, so such a day is only ever closed as the meter closes a day
   * @param following the remembered days seen to follow this one, see {@link Following}
   */
  record Entry(
      Key key,
      long[] lineFrom,
      long[] lineTo,
      String[] lineRule,
      long[] lineQuantity,
      long[] lineAmount,
      Rule endRule,
      long endX,
      long endPeriodAmount,
      long endFirstLeft,
      long daySum,
      boolean frozen,
      long daySumAtFreeze,
      long cost,
      String replacement,
      boolean adjusted,
      Following following) {

    /** The remembered day seen to follow this one when the date after next is {@code kind}. */
    Entry after(DaySchedule kind) {
      return following.after(kind);
    }
  }

  /**
   * The remembered days that followed a day. The state a whole day hands on, with the kind of the
   * date after next, decides the next day's {@link Key} (its start, its two dates, the rule then in
   * force and where its counting stands are all the day's end state, or follow from it by the
   * tariff's calendar), so the day that once followed this one with a date of that kind after it
   * always will, as long as the next day is whole, has no change of offset and prices nothing by
   * stay time: the meter checks those. One link per kind of date, set once and never changed, so a
   * day has at most eight; reading needs no lock.
   */
  static final class Following {
    private volatile Link first;

    private record Link(DaySchedule kind, Entry day, Link next) {}

    Entry after(DaySchedule kind) {
      for (Link l = first; l != null; l = l.next) {
        if (l.kind == kind) {
          return l.day;
        }
      }
      return null;
    }

    /** Notes that {@code day} followed, unless a day is noted already for its kind of date. */
    synchronized void add(Entry day) {
      DaySchedule kind = day.key().nextDate();
      if (after(kind) == null) {
        first = new Link(kind, day, first);
      }
    }
  }

  /** The day remembered for the state a {@link Key} of these values names, or null. */
  Entry get(
      long localStart,
      DaySchedule date,
      DaySchedule nextDate,
      Rule rule,
      long x,
      long periodAmount,
      long firstLeft,
      long daySum) {
    // Asked at most whole days of a long stay: no Key is made for a look-up.
    Entry e =
        slots[slot(Key.hash(localStart, date, nextDate, rule, x, periodAmount, firstLeft, daySum))];
    return e != null
            && e.key().matches(localStart, date, nextDate, rule, x, periodAmount, firstLeft, daySum)
        ? e
        : null;
  }

  void put(Entry entry) {
    slots[slot(entry.key().hashCode())] = entry;
  }

  private static int slot(int h) {
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }
}
