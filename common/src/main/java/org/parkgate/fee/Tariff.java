package org.parkgate.fee;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Currency;
import java.util.List;

/** A site's fee standard (收费标准) as loaded from its tariff file; immutable. */
public final class Tariff {

  private final String id;
  private final String name;
  private final ZoneId zone;
  private final ZoneRules zoneRules;
  private final Currency currency;

  /** Public holidays as local epoch days, ascending. */
  private final long[] holidays;

  private final long holidayFrom;
  private final boolean[] holidayTable;

  private final List<TariffVersion> versions;

  /** From this epoch second on the zone's offset never changes again (Long.MAX_VALUE: never). */
  private final long fixedFrom;

  private final int fixedOffset;
  private final Wording wording;

  Tariff(
      String id,
      String name,
      ZoneId zone,
      Currency currency,
      long[] holidays,
      List<TariffVersion> versions,
      Wording wording) {
    this.wording = wording;
    this.id = id;
    this.name = name;
    this.zone = zone;
    this.zoneRules = zone.getRules();
    this.currency = currency;
    this.holidays = holidays.clone();
    // Asked about at every period boundary: a table over the years the holidays span.
    long span = holidays.length == 0 ? 0 : holidays[holidays.length - 1] - holidays[0] + 1;
    if (span > 0 && span <= 40_000) {
      holidayFrom = holidays[0];
      holidayTable = new boolean[(int) span];
      for (long h : holidays) {
        holidayTable[(int) (h - holidayFrom)] = true;
      }
    } else {
      holidayFrom = 0;
      holidayTable = new boolean[0];
    }
    this.versions = List.copyOf(versions);
    List<java.time.zone.ZoneOffsetTransition> past = zoneRules.getTransitions();
    if (!zoneRules.getTransitionRules().isEmpty()) {
      fixedFrom = Long.MAX_VALUE;
      fixedOffset = 0;
    } else if (past.isEmpty()) {
      fixedFrom = Long.MIN_VALUE / 2;
      fixedOffset = zoneRules.getOffset(Instant.EPOCH).getTotalSeconds();
    } else {
      java.time.zone.ZoneOffsetTransition last = past.get(past.size() - 1);
      fixedFrom = last.toEpochSecond();
      fixedOffset = last.getOffsetAfter().getTotalSeconds();
    }
  }

  /** The epoch second after which the zone keeps one offset for good, as in China since 1991. */
  long fixedFrom() {
    return fixedFrom;
  }

  int fixedOffset() {
    return fixedOffset;
  }

  /** The language of fee lines under this tariff. */
  Wording wording() {
    return wording;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** The first public holiday on or after the local epoch day {@code epochDay}, or MAX_VALUE. */
  long holidayOnOrAfter(long epochDay) {
    int i = java.util.Arrays.binarySearch(holidays, epochDay);
    if (i < 0) {
      i = -i - 1;
    }
    return i < holidays.length ? holidays[i] : Long.MAX_VALUE;
  }

  /** The site's time zone: it decides day and night, calendar days and holidays. */
  public ZoneId zone() {
    return zone;
  }

  public Currency currency() {
    return currency;
  }

  public List<TariffVersion> versions() {
    return versions;
  }

  ZoneRules zoneRules() {
    return zoneRules;
  }

  boolean isHoliday(long epochDay) {
    long i = epochDay - holidayFrom;
    if (i < 0 || i >= holidayTable.length) {
      return holidayTable.length == 0 && java.util.Arrays.binarySearch(holidays, epochDay) >= 0;
    }
    return holidayTable[(int) i];
  }

  /**
   * A fee line's period [from, to) as local times, each followed by its offset where the local time
   * alone would name two instants (in the hour the clocks go back).
   */
  String span(long from, long to) {
    long localFrom = from + offsetAt(from);
    long localTo = to == from ? localFrom : to - 1 + offsetAt(to - 1) + 1;
    boolean fromTwice = happensTwice(from, localFrom);
    boolean toTwice = to > from && happensTwice(to - 1, localTo - 1);
    if (!fromTwice && !toTwice) {
      return LocalText.span(localFrom, localTo);
    }
    return LocalText.dateTime(localFrom)
        + (fromTwice ? offsetText(from) : "")
        + " - "
        + LocalText.dateTime(localTo)
        + (toTwice ? offsetText(to - 1) : "");
  }

  /** A local date-time, with its offset when it happens twice. */
  String dateTime(long at) {
    long local = at + offsetAt(at);
    return LocalText.dateTime(local) + (happensTwice(at, local) ? offsetText(at) : "");
  }

  private int offsetAt(long at) {
    return at >= fixedFrom
        ? fixedOffset
        : zoneRules.getOffset(Instant.ofEpochSecond(at)).getTotalSeconds();
  }

  private boolean happensTwice(long at, long local) {
    if (at >= fixedFrom) {
      return false;
    }
    return zoneRules
            .getValidOffsets(LocalDateTime.ofEpochSecond(local, 0, java.time.ZoneOffset.UTC))
            .size()
        > 1;
  }

  private String offsetText(long at) {
    return zoneRules.getOffset(Instant.ofEpochSecond(at)).getId();
  }

  /** The version in force at this instant; entry decides for the whole stay. */
  public TariffVersion versionAt(Instant instant) {
    if (versions.size() == 1
        && versions.get(0).validFrom() == null
        && versions.get(0).validUntil() == null) {
      return versions.get(0);
    }
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    for (TariffVersion v : versions) {
      if (v.covers(local)) {
        return v;
      }
    }
    throw new FeeRefusal(
        FeeRefusal.Reason.NO_VERSION,
        "收费标准" + id + "在" + local + "没有生效的版本",
        "tariff " + id + " has no version in force at " + local);
  }

  @Override
  public String toString() {
    return "Tariff[" + id + ", " + currency + ", " + zone + "]";
  }
}
