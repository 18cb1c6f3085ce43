package org.parkgate.fee;

import java.nio.charset.StandardCharsets;

/** Cheap formatting of local date-times for fee lines; the engine formats a few per quote. */
final class LocalText {

  // Dates of this century looked up rather than computed (1 ns against 10-12 ns): a date is on
  // every fee line. Filled by counting days, not with java.time, which took 30-40 ms of every
  // short-lived `parking fee` run; counting takes about 1 ms.
  private static final long TABLE_FROM = 10_957; // 2000-01-01
  private static final int[] TABLE = new int[36_525];

  static {
    int i = 0;
    for (int y = 2000; y < 2100; y++) {
      boolean leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
      for (int m = 1; m <= 12; m++) {
        int days = m == 2 ? (leap ? 29 : 28) : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
        for (int d = 1; d <= days; d++) {
          TABLE[i++] = y * 10_000 + m * 100 + d;
        }
      }
    }
  }

  private LocalText() {}

  /** "2027-01-09" for a local epoch second. */
  static void date(StringBuilder sb, long localSecond) {
    long ymd = civil(Math.floorDiv(localSecond, 86_400L));
    sb.append(Math.floorDiv(ymd, 10_000)).append('-');
    two(sb, Math.floorMod(ymd, 10_000) / 100);
    sb.append('-');
    two(sb, Math.floorMod(ymd, 100));
  }

  /**
   * The date as yyyymmdd (20270109) from days since 1970-01-01, as java.time.LocalDate.ofEpochDay
   * computes it, without allocating.
   */
  private static long civil(long epochDay) {
    long cached = epochDay - TABLE_FROM;
    if (cached >= 0 && cached < TABLE.length) {
      return TABLE[(int) cached];
    }
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return year * 10_000 + month * 100 + day;
  }

  /** "10:05", or "10:05:30" when there are seconds. */
  static void time(StringBuilder sb, long localSecond) {
    long sod = Math.floorMod(localSecond, 86_400L);
    two(sb, sod / 3600);
    sb.append(':');
    two(sb, sod / 60 % 60);
    if (sod % 60 != 0) {
      sb.append(':');
      two(sb, sod % 60);
    }
  }

  /** "2027-01-09 10:00-12:01", or "2027-01-09 19:00 - 2027-01-10 07:00" across midnight. */
  static String span(long localFrom, long localTo) {
    // Written straight into Latin-1 bytes with int arithmetic: a long quote has dozens of lines.
    byte[] c = new byte[44];
    long dayFrom = Math.floorDiv(localFrom, 86_400L);
    long dayTo = Math.floorDiv(localTo - 1, 86_400L);
    int n = date(c, 0, dayFrom);
    c[n++] = ' ';
    n = time(c, n, (int) (localFrom - dayFrom * 86_400L));
    if (dayFrom == dayTo) {
      c[n++] = '-';
      // The end of a day is written 24:00, not 00:00 of the next.
      n = time(c, n, (int) (localTo - dayTo * 86_400L));
    } else {
      c[n++] = ' ';
      c[n++] = '-';
      c[n++] = ' ';
      long endDay = Math.floorDiv(localTo, 86_400L);
      n = date(c, n, endDay);
      c[n++] = ' ';
      n = time(c, n, (int) (localTo - endDay * 86_400L));
    }
    return new String(c, 0, n, StandardCharsets.ISO_8859_1);
  }

  private static int date(byte[] c, int n, long epochDay) {
    if (epochDay < -719_162 || epochDay > 2_932_896) {
      // Outside years 0001-9999: rare enough to take the slow road.
      StringBuilder sb = new StringBuilder();
      date(sb, epochDay * 86_400L);
      for (int i = 0; i < sb.length(); i++) {
        c[n++] = (byte) sb.charAt(i);
      }
      return n;
    }
    int ymd = (int) civil(epochDay);
    int y = ymd / 10_000;
    n = two(c, n, y / 100);
    n = two(c, n, y % 100);
    c[n++] = '-';
    n = two(c, n, ymd / 100 % 100);
    c[n++] = '-';
    return two(c, n, ymd % 100);
  }

  /** "10:05", "10:05:30" with seconds, for a second of the day 0..86400 (24:00). */
  private static int time(byte[] c, int n, int sod) {
    n = two(c, n, sod / 3600);
    c[n++] = ':';
    int minutes = sod / 60;
    n = two(c, n, minutes % 60);
    int seconds = sod - minutes * 60;
    if (seconds != 0) {
      c[n++] = ':';
      n = two(c, n, seconds);
    }
    return n;
  }

  private static int two(byte[] c, int n, int v) {
    int tens = v / 10;
    c[n] = (byte) ('0' + tens);
    c[n + 1] = (byte) ('0' + v - tens * 10);
    return n + 2;
  }

  static String dateTime(long localSecond) {
    StringBuilder sb = new StringBuilder(20);
    date(sb, localSecond);
    sb.append(' ');
    time(sb, localSecond);
    return sb.toString();
  }

  /** "1h30min", "30min", "45s", "2d". */
  static String duration(long seconds) {
    return duration(seconds, "d", "h", "min", "s");
  }

  /** A duration in whole days, hours, minutes and seconds, each unit named as given. */
  static String duration(long seconds, String day, String hour, String minute, String second) {
    StringBuilder sb = new StringBuilder();
    long d = seconds / 86_400;
    long h = seconds / 3600 % 24;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    if (d > 0) {
      sb.append(d).append(day);
    }
    if (h > 0) {
      sb.append(h).append(hour);
    }
    if (m > 0) {
      sb.append(m).append(minute);
    }
    if (s > 0 || sb.length() == 0) {
      sb.append(s).append(second);
    }
    return sb.toString();
  }

  private static void two(StringBuilder sb, long v) {
    if (v < 10) {
      sb.append('0');
    }
    sb.append(v);
  }
}
