package org.parkgate.fee;

/**
 * Which rule applies at each local time of one kind of day. Like a clock face: the last entry of
 * the day continues from midnight until the first entry starts, so "07:00 day, 19:00 night" is a
 * complete schedule.
 */
final class DaySchedule {

  /** Local second of the day at which each entry starts, ascending. */
  final int[] from;

  final Rule[] rules;

  DaySchedule(int[] from, Rule[] rules) {
    this.from = from;
    this.rules = rules;
  }

  int indexAt(int secondOfDay) {
    int i = from.length - 1;
    while (i >= 0 && from[i] > secondOfDay) {
      i--;
    }
    return i < 0 ? from.length - 1 : i;
  }

  Rule ruleAt(int secondOfDay) {
    return rules[indexAt(secondOfDay)];
  }

  /** The next second of this day after {@code secondOfDay} at which an entry starts, or 86400. */
  int nextChangeAfter(int secondOfDay) {
    for (int f : from) {
      if (f > secondOfDay) {
        return f;
      }
    }
    return 86_400;
  }
}
