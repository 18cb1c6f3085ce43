package org.parkgate.fee;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.money.Money;

/**
 * What typical stays cost under the tariff in force and under a proposed one, side by side: the
 * table an operator reads before changing the tariff ({@code parking tariff preview}). Pure: the
 * same tariffs and date always give the same table.
 *
 * <p>Each stay enters at {@link #ENTRY_TIME} local time (in the zone of the tariff in force, the
 * site's) on a weekday and on a Saturday: the first of each on or after the date given that is no
 * public holiday under either tariff. Every vehicle class either tariff prices gets a row per stay
 * and day, and a lost-card row: the charge for a lost card whose entry cannot be matched (the exit
 * passed as the entry, so the tariff's lost-card rule alone decides).
 */
public final class TariffPreview {

  /** When each stay enters: a typical morning arrival, clear of any daylight-saving change. */
  public static final LocalTime ENTRY_TIME = LocalTime.of(9, 0);

  /** The typical stays, shortest first. */
  public static final List<Stay> STAYS =
      List.of(
          new Stay("15 min", Duration.ofMinutes(15)),
          new Stay("30 min", Duration.ofMinutes(30)),
          new Stay("1 h", Duration.ofHours(1)),
          new Stay("2 h", Duration.ofHours(2)),
          new Stay("3 h", Duration.ofHours(3)),
          new Stay("4 h", Duration.ofHours(4)),
          new Stay("8 h", Duration.ofHours(8)),
          new Stay("12 h", Duration.ofHours(12)),
          new Stay("24 h", Duration.ofHours(24)),
          new Stay("2 days", Duration.ofDays(2)),
          new Stay("7 days", Duration.ofDays(7)));

  /** A lost card's row names this as its stay. */
  public static final String LOST_CARD = "lost card";

  private static final int LOOK_AHEAD_DAYS = 366;

  private TariffPreview() {}

  /** A typical stay: its label and its length in real time. */
  public record Stay(String label, Duration length) {}

  /** The kind of day a stay enters on. */
  public enum DayKind {
    WEEKDAY,
    /** A Saturday. */
    WEEKEND;

    public String label() {
      return this == WEEKDAY ? "weekday" : "weekend";
    }
  }

  /** What one tariff says about one stay: a fee, or the reason it will not price it. */
  public sealed interface Cell permits Fee, Refused {}

  /** The stay's fee. */
  public record Fee(Money amount) implements Cell {}

  /** The tariff will not price the stay; {@code reason} is the refusal's line ("中文 · English"). */
  public record Refused(FeeRefusal.Reason why, String reason) implements Cell {}

  /**
   * One stay under both tariffs.
   *
   * @param stay a label from {@link #STAYS}, or {@link #LOST_CARD}
   * @param entry when the stay enters
   */
  public record Row(
      String stay, String vehicleClass, DayKind day, Instant entry, Cell inForce, Cell proposed) {

    /** The new fee less the one in force, when both tariffs price the stay. */
    public Optional<Money> difference() {
      if (inForce instanceof Fee was && proposed instanceof Fee now) {
        return Optional.of(now.amount().minus(was.amount()));
      }
      return Optional.empty();
    }
  }

  /**
   * The whole table.
   *
   * @param zone the zone the entry times are local to
   * @param weekday the weekday the stays enter on
   * @param weekend the Saturday the stays enter on
   */
  public record Table(
      Tariff inForce,
      Tariff proposed,
      ZoneId zone,
      LocalDate weekday,
      LocalDate weekend,
      List<String> vehicleClasses,
      List<Row> rows) {}

  /**
   * The table of typical stays entering on the first weekday and Saturday on or after {@code from}.
   *
   * @throws IllegalArgumentException when the tariffs charge in different currencies: a site
   *     charges in one, so their fees cannot be compared
   */
  public static Table table(Tariff inForce, Tariff proposed, LocalDate from) {
    if (!inForce.currency().equals(proposed.currency())) {
      throw new IllegalArgumentException(
          "the tariffs charge in different currencies ("
              + inForce.currency()
              + " in force, "
              + proposed.currency()
              + " proposed); a site charges in one");
    }
    ZoneId zone = inForce.zone();
    LocalDate weekday = next(from, DayKind.WEEKDAY, inForce, proposed);
    LocalDate weekend = next(from, DayKind.WEEKEND, inForce, proposed);
    Instant weekdayEntry = weekday.atTime(ENTRY_TIME).atZone(zone).toInstant();
    Instant weekendEntry = weekend.atTime(ENTRY_TIME).atZone(zone).toInstant();
    Set<String> named = new TreeSet<>();
    for (Instant at : List.of(weekdayEntry, weekendEntry)) {
      named.addAll(classes(inForce, at));
      named.addAll(classes(proposed, at));
    }
    List<Row> rows = new ArrayList<>();
    for (String vehicleClass : named) {
      for (DayKind day : DayKind.values()) {
        Instant entry = day == DayKind.WEEKDAY ? weekdayEntry : weekendEntry;
        for (Stay stay : STAYS) {
          StayRequest request = StayRequest.of(vehicleClass, entry, entry.plus(stay.length()));
          rows.add(row(stay.label(), vehicleClass, day, inForce, proposed, request));
        }
        StayRequest lost = StayRequest.of(vehicleClass, entry, entry).withLostCard();
        rows.add(row(LOST_CARD, vehicleClass, day, inForce, proposed, lost));
      }
    }
    return new Table(
        inForce, proposed, zone, weekday, weekend, List.copyOf(named), List.copyOf(rows));
  }

  private static Row row(
      String stay,
      String vehicleClass,
      DayKind day,
      Tariff inForce,
      Tariff proposed,
      StayRequest request) {
    return new Row(
        stay, vehicleClass, day, request.entry(), cell(inForce, request), cell(proposed, request));
  }

  private static Cell cell(Tariff tariff, StayRequest request) {
    try {
      return new Fee(FeeEngine.quote(tariff, request).total());
    } catch (FeeRefusal e) {
      return new Refused(e.reason(), e.getMessage());
    }
  }

  /** The classes the version in force at {@code at} prices; none when no version is. */
  private static Set<String> classes(Tariff tariff, Instant at) {
    try {
      return tariff.versionAt(at).vehicleClasses();
    } catch (FeeRefusal e) {
      return Set.of();
    }
  }

  /**
   * The first day of this kind on or after {@code from} that neither tariff calls a holiday (the
   * first of its kind at all in the unlikely year that is all holidays).
   */
  private static LocalDate next(LocalDate from, DayKind kind, Tariff a, Tariff b) {
    LocalDate first = null;
    for (int i = 0; i < LOOK_AHEAD_DAYS; i++) {
      LocalDate d = from.plusDays(i);
      if (kindOf(d) != kind) {
        continue;
      }
      if (!a.isHoliday(d.toEpochDay()) && !b.isHoliday(d.toEpochDay())) {
        return d;
      }
      first = first == null ? d : first;
    }
    return first;
  }

  /** Monday to Friday a weekday, Saturday the weekend, Sunday neither. */
  private static DayKind kindOf(LocalDate d) {
    return switch (d.getDayOfWeek()) {
      case SATURDAY -> DayKind.WEEKEND;
      case SUNDAY -> null;
      default -> DayKind.WEEKDAY;
    };
  }
}
