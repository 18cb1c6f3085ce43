package org.parkgate.fee;

/**
 * A meter's use of its scheme's {@link DayMemo}: a whole day already priced is replayed into the
 * fee lines; one that is not is recorded while it is walked and remembered when it ends.
 */
final class DayReplay {

  private static final long NONE = Long.MIN_VALUE;

  private final DayMemo memo;

  // A whole day being walked for the first time, to be remembered when it ends.
  private DayMemo.Key recording;
  private long recordingEnds;

  // The remembered day charged last, and where it ended.
  private DayMemo.Entry lastDay;
  private long lastDayEnds = NONE;

  DayReplay(DayMemo memo) {
    this.memo = memo;
  }

  /**
   * The day remembered for the state a whole day starts with at {@code t}, or null: that day is
   * then recorded, to be remembered if it is walked to {@code dayEnd}. See {@link DayMemo.Key}.
   */
  DayMemo.Entry recall(
      long t,
      long dayEnd,
      long localStart,
      DaySchedule today,
      DaySchedule tomorrow,
      Rule rule,
      long x,
      long periodAmount,
      long firstLeft,
      long daySum) {
    DayMemo.Entry day = lastDay;
    // Runs of alike days (Monday to Thursday) are the common case: no look-up for those.
    if (day == null
        || !day.key()
            .matches(localStart, today, tomorrow, rule, x, periodAmount, firstLeft, daySum)) {
      day = memo.get(localStart, today, tomorrow, rule, x, periodAmount, firstLeft, daySum);
    }
    if (day == null) {
      recording =
          new DayMemo.Key(localStart, today, tomorrow, rule, x, periodAmount, firstLeft, daySum);
      recordingEnds = dayEnd;
      return null;
    }
    follows(t, day);
    return day;
  }

  /**
   * {@code day} starts at {@code t}: the day before it, if remembered and ending there at the same
   * local time of day (no change of offset between them), links it.
   */
  private void follows(long t, DayMemo.Entry day) {
    if (lastDay != null
        && lastDayEnds == t
        && lastDay.key().localStart() == day.key().localStart()) {
      lastDay.following().add(day);
    }
    lastDay = day;
  }

  /** Puts the lines of {@code day}, starting at {@code start}, in place of the day's own. */
  void replay(DayMemo.Entry day, long start, LineBook book) {
    book.discardDay();
    for (int i = 0; i < day.lineFrom().length; i++) {
      book.add(
          start + day.lineFrom()[i],
          start + day.lineTo()[i],
          day.lineRule()[i],
          day.lineQuantity()[i],
          day.lineAmount()[i]);
    }
  }

  /** Notes that the day last replayed, {@code day}, ends at {@code at}. */
  void replayed(DayMemo.Entry day, long at) {
    lastDay = day;
    lastDayEnds = at;
  }

  /** True when the day being recorded has been walked whole, to {@code at}. */
  boolean recordingEndsAt(long at) {
    return recording != null && at == recordingEnds;
  }

  void stopRecording() {
    recording = null;
  }

  /**
   * Remembers the day just recorded, which started at {@code start}, with the lines it left, what
   * it costs and the state it hands on.
   *
   * @param replacement the rule text shown for the whole day in place of its lines, or null
   * @param adjusted the day's lines stand, corrected to its day rate by a line of its own
   */
  void remember(
      PendingLines lines,
      long start,
      long cost,
      String replacement,
      boolean adjusted,
      Rule endRule,
      long endX,
      long endPeriodAmount,
      long endFirstLeft,
      long daySum,
      boolean frozen,
      long daySumAtFreeze) {
    // A day charged its maximum or day rate shows that alone: its own lines need not be kept.
    int n = replacement != null ? 0 : lines.size();
    long[] from = new long[n];
    long[] to = new long[n];
    String[] rules = new String[n];
    long[] quantity = new long[n];
    long[] amount = new long[n];
    for (int i = 0; i < n; i++) {
      from[i] = lines.from(i) - start;
      to[i] = lines.to(i) - start;
      rules[i] = lines.rule(i);
      quantity[i] = lines.quantity(i);
      amount[i] = lines.amount(i);
    }
    DayMemo.Entry day =
        new DayMemo.Entry(
            recording,
            from,
            to,
            rules,
            quantity,
            amount,
            endRule,
            endX,
            endPeriodAmount,
            endFirstLeft,
            daySum,
            frozen,
            daySumAtFreeze,
            cost,
            replacement,
            adjusted,
            new DayMemo.Following());
    memo.put(day);
    follows(start, day);
    lastDayEnds = recordingEnds;
  }
}
