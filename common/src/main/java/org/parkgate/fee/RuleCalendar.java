package org.parkgate.fee;

/**
 * Which rule of a scheme is in force at an instant and when that changes, by the kind of day
 * (weekday or holiday) the site's local date is.
 */
final class RuleCalendar {

  private static final long DAY = 86_400;

  private final Tariff tariff;
  private final Scheme scheme;
  private final SiteClock clock;

  // The kind of day last looked up: each boundary asks about the same day twice.
  private long scheduleDay = Long.MIN_VALUE;
  private DaySchedule cachedSchedule;
  private long otherScheduleDay = Long.MIN_VALUE;
  private DaySchedule otherSchedule;

  RuleCalendar(Tariff tariff, Scheme scheme, SiteClock clock) {
    this.tariff = tariff;
    this.scheme = scheme;
    this.clock = clock;
  }

  Rule ruleAt(long at) {
    if (scheme.onlyRule != null) {
      return scheme.onlyRule;
    }
    long local = clock.local(at);
    long day = Math.floorDiv(local, DAY);
    return schedule(day).ruleAt((int) (local - day * DAY));
  }

  /** The next instant after {@code at} where the rule may change from {@code current}. */
  long nextChange(long at, Rule current) {
    if (scheme.onlyRule != null) {
      return Long.MAX_VALUE;
    }
    long local = clock.local(at);
    long day = Math.floorDiv(local, DAY);
    int next = schedule(day).nextChangeAfter((int) (local - day * DAY));
    // Midnight changes nothing when the next day starts with the same rule: look on to its
    // first change instead of stopping there.
    for (int days = 0; next == DAY && days < 7 && schedule(day + 1).ruleAt(0) == current; days++) {
      day++;
      next = schedule(day).nextChangeAfter(0);
    }
    return clock.nextInstantOf(day * DAY + next);
  }

  /** The rules of the local epoch day {@code epochDay}. */
  DaySchedule schedule(long epochDay) {
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
    cachedSchedule = tariff.isHoliday(epochDay) ? scheme.days[7] : scheme.days[weekday(epochDay)];
    return cachedSchedule;
  }

  /** The first public holiday on or after the local epoch day {@code epochDay}, or MAX_VALUE. */
  long holidayOnOrAfter(long epochDay) {
    return tariff.holidayOnOrAfter(epochDay);
  }

  /** 0 for Monday to 6 for Sunday. */
  static int weekday(long epochDay) {
    // In int arithmetic where it fits: a 64-bit division is several times dearer, and this is
    // asked for every day of a stay.
    if (epochDay > -1_000_000_000L && epochDay < 1_000_000_000L) {
      int w = ((int) epochDay + 3) % 7;
      return w < 0 ? w + 7 : w;
    }
    return (int) Math.floorMod(epochDay + 3, 7L);
  }
}
