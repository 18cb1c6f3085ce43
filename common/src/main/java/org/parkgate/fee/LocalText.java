package org.parkgate.fee;

/** Cheap formatting of local date-times for fee lines; the engine formats a few per quote. */
final class LocalText {

  private LocalText() {}

  /** "2027-01-09" for a local epoch second. */
  static void date(StringBuilder sb, long localSecond) {
    long epochDay = Math.floorDiv(localSecond, 86_400L);
    // Civil date from days since 1970-01-01 (the algorithm behind java.time.LocalDate.ofEpochDay).
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    sb.append(year).append('-');
    two(sb, month);
    sb.append('-');
    two(sb, day);
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
    StringBuilder sb = new StringBuilder(40);
    date(sb, localFrom);
    sb.append(' ');
    time(sb, localFrom);
    if (Math.floorDiv(localFrom, 86_400L) == Math.floorDiv(localTo - 1, 86_400L)) {
      sb.append('-');
      if (Math.floorMod(localTo, 86_400L) == 0) {
        sb.append("24:00");
      } else {
        time(sb, localTo);
      }
    } else {
      sb.append(" - ");
      date(sb, localTo);
      sb.append(' ');
      time(sb, localTo);
    }
    return sb.toString();
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
    StringBuilder sb = new StringBuilder();
    long d = seconds / 86_400;
    long h = seconds / 3600 % 24;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    if (d > 0) {
      sb.append(d).append('d');
    }
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append("min");
    }
    if (s > 0 || sb.length() == 0) {
      sb.append(s).append('s');
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
