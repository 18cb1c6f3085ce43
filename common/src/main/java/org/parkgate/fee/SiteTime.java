package org.parkgate.fee;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

/**
 * Times given as text at a site: a local date-time ({@code 2027-01-09T10:00}) read in the site's
 * zone, or one with an offset or Z taken as written. A local time that happens twice (the clocks
 * went back) or never (they went forward) is refused, never guessed: which of two instants a driver
 * entered changes the fee.
 */
public final class SiteTime {

  private SiteTime() {}

  /**
   * The instant {@code text} names at a site in {@code zone}.
   *
   * @throws FeeRefusal for an ambiguous or skipped local time
   * @throws IllegalArgumentException for text that is not a date-time
   */
  public static Instant instant(String text, ZoneId zone) {
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(text);
    } catch (DateTimeParseException notLocal) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a date-time; write e.g. 2027-01-09T10:00");
      }
    }
    return instant(local, zone);
  }

  /** As {@link #instant(String, ZoneId)} for a local date-time already parsed. */
  public static Instant instant(LocalDateTime local, ZoneId zone) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.size() == 1) {
      return local.toInstant(offsets.get(0));
    }
    ZoneOffsetTransition change = zone.getRules().getTransition(local);
    String at = local.toString();
    if (offsets.isEmpty()) {
      String before = change.getDateTimeBefore().toLocalTime().toString();
      String after = change.getDateTimeAfter().toLocalTime().toString();
      throw new FeeRefusal(
          FeeRefusal.Reason.NO_SUCH_LOCAL_TIME,
          at
              + "在"
              + zone
              + "不存在（时钟从"
              + before
              + "拨到"
              + after
              + "）；请写出偏移，如"
              + at
              + change.getOffsetAfter(),
          at
              + " does not exist in "
              + zone
              + " (the clocks jump from "
              + before
              + " to "
              + after
              + "); give the offset, e.g. "
              + at
              + change.getOffsetAfter());
    }
    String first = at + offsets.get(0);
    String second = at + offsets.get(1);
    throw new FeeRefusal(
        FeeRefusal.Reason.AMBIGUOUS_LOCAL_TIME,
        at + "在" + zone + "出现两次（时钟回拨）；请写出偏移：" + first + "或" + second,
        at
            + " happens twice in "
            + zone
            + " (the clocks go back); give the offset: "
            + first
            + " or "
            + second);
  }
}
