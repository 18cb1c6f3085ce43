package org.parkgate.console.booth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.parkgate.money.Money;

/** How the booth writes times, durations and money: in the site's zone, from exact minor units. */
public final class BoothFormat {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private final ZoneId zone;

  public BoothFormat(ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  public String dateTime(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(zone));
  }

  /**
   * "2 天 3 小时 5 分 12 秒 · 2 d 3 h 5 min 12 s": the seconds are shown whenever there are any, so a
   * stay charged just past a free period (15 min 46 s after "15 minutes free") never reads as
   * within it.
   */
  public static String duration(Duration d) {
    if (d == null || d.isNegative()) {
      return "";
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    StringBuilder zh = new StringBuilder();
    StringBuilder en = new StringBuilder();
    if (days > 0) {
      zh.append(days).append(" 天 ");
      en.append(days).append(" d ");
    }
    if (days > 0 || hours > 0) {
      zh.append(hours).append(" 小时 ");
      en.append(hours).append(" h ");
    }
    zh.append(minutes).append(" 分");
    en.append(minutes).append(" min");
    if (seconds > 0) {
      zh.append(' ').append(seconds).append(" 秒");
      en.append(' ').append(seconds).append(" s");
    }
    return zh + " · " + en;
  }

  /** "11.00": the exact decimal of the minor units, never via floating point. */
  public static String money(Money money) {
    return money == null ? "" : money.toDecimalString();
  }

  /** The ISO code of the money's currency ("CNY"); null for no money. */
  public static String currency(Money money) {
    return money == null ? null : money.currency().getCurrencyCode();
  }

  /** A day as the page shows it, 2027-01-09; null for none. */
  public static String day(java.time.LocalDate day) {
    return day == null ? null : day.toString();
  }

  /** The sign cashiers know for the currency ("¥" for CNY), else its ISO code. */
  public static String symbol(java.util.Currency currency) {
    String s = currency.getSymbol(Locale.CHINA);
    return s.equals(currency.getCurrencyCode()) ? currency.getCurrencyCode() + " " : s;
  }
}
