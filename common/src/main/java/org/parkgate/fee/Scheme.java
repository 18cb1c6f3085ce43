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

  /**
   * Prices by stay time ({@code byStayTime}) no longer matter once this much of the stay (or of the
   * day, with firstPer: day) has passed; 0 when no rule has any.
   */
  final long tierHorizon;

  /** Whole days already priced under this scheme: a cache, it never changes a fee. */
  final DayMemo memo = new DayMemo();

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
    long horizon = 0;
    for (DaySchedule day : days) {
      for (Rule rule : day.rules) {
        if (rule.tierUntil.length > 0) {
          horizon = Math.max(horizon, rule.tierUntil[rule.tierUntil.length - 1] + rule.unit);
        }
      }
    }
    this.tierHorizon = horizon;
  }
}
