package org.parkgate.fee;

/**
 * The "day" that a daily maximum and a day rate are counted over: a calendar day that starts at a
 * local time, or 24 hours of real time counted from entry.
 *
 * @param startsAt local second of the day at which a calendar day begins (calendar days only)
 * @param maximum most charged per day in minor units; Long.MAX_VALUE for none
 * @param rateAfter seconds parked in one day after which the day costs {@code ratePrice}; 0: none
 * @param rateCountsCharged the day rate counts only chargeable time (time under rules that are not
 *     free), not all time parked
 * @param firstPerDay each day of the stay starts with its own first hour (firstPer: day)
 * @param maximumText and {@code rateText}: how fee lines name them, e.g. "daily maximum 30.00"
 */
record DayWindow(
    boolean rolling,
    int startsAt,
    long maximum,
    long rateAfter,
    long ratePrice,
    boolean rateCountsCharged,
    boolean firstPerDay,
    String maximumText,
    String rateText) {

  static final DayWindow NONE = new DayWindow(false, 0, Long.MAX_VALUE, 0, 0, false, false, "", "");

  /** Days do not matter: nothing is counted or restarted per day. */
  boolean isNone() {
    return maximum == Long.MAX_VALUE && rateAfter == 0 && !firstPerDay;
  }
}
