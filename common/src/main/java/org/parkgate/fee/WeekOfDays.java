package org.parkgate.fee;

/**
 * The whole days a meter charged from memory over the last week, by local date: when a day starts
 * in the state the same weekday did and the seven days before it were all remembered ones, the week
 * is coming round again.
 */
final class WeekOfDays {

  private final DayMemo.Entry[] days = new DayMemo.Entry[7];

  // The dates charged from memory one after another, up to lastDate.
  private long lastDate = Long.MIN_VALUE;
  private long running;

  /** The whole day of local date {@code date} was charged as {@code day}. */
  void charged(long date, DayMemo.Entry day) {
    running = date == lastDate + 1 ? running + 1 : 1;
    lastDate = date;
    days[RuleCalendar.weekday(date)] = day;
  }

  /**
   * True when each of the seven dates before {@code date} was charged from memory, the first of
   * them as {@code day}.
   */
  boolean sameAsWeekBefore(long date, DayMemo.Entry day) {
    return date == lastDate + 1 && running >= 7 && days[RuleCalendar.weekday(date)] == day;
  }

  /** How the date a week before {@code date} was charged; call only once it is known to be. */
  DayMemo.Entry weekBefore(long date) {
    return days[RuleCalendar.weekday(date)];
  }
}
