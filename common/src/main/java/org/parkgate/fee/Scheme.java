package org.parkgate.fee;

/** Everything that decides what one vehicle class pays under one tariff version. */
final class Scheme {

  final long grace;
  final long exitGrace;

  /** Indexed Monday=0 .. Sunday=6, public holiday=7. */
  final DaySchedule[] days;

  /** Non-null when one rule applies at all times, which spares the engine all period lookups. */
  final Rule onlyRule;

  final DayWindow window;
  final LostCardRule lostCard;

  Scheme(long grace, long exitGrace, DaySchedule[] days, DayWindow window, LostCardRule lostCard) {
    this.grace = grace;
    this.exitGrace = exitGrace;
    this.days = days;
    this.window = window;
    this.lostCard = lostCard;
    Rule only = days[0].rules[0];
    for (DaySchedule day : days) {
      for (Rule rule : day.rules) {
        if (rule != only) {
          only = null;
        }
      }
    }
    this.onlyRule = only;
  }
}
