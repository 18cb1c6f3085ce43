package org.parkgate.fee;

/** Everything that decides what one vehicle class pays under one tariff version. */
final class Scheme {

  final long grace;

  /** True: once a stay is over the grace period, the grace period is still not charged. */
  final boolean graceDeducted;

  final long exitGrace;

  /** The longest stay this scheme prices, in seconds; a longer one is refused. */
  final long maxStay;

  /** Indexed Monday=0 .. Sunday=6, public holiday=7. */
  final DaySchedule[] days;

  /** Non-null when one rule applies at all times, which spares the engine all period lookups. */
  final Rule onlyRule;

  final DayWindow window;
  final LostCardRule lostCard;

  Scheme(
      long grace,
      boolean graceDeducted,
      long exitGrace,
      long maxStay,
      DaySchedule[] days,
      DayWindow window,
      LostCardRule lostCard) {
    this.grace = grace;
    this.graceDeducted = graceDeducted;
    this.exitGrace = exitGrace;
    this.maxStay = maxStay;
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
