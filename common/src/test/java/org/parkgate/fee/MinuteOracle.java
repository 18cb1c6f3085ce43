package org.parkgate.fee;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The fee standard applied the slow, obvious way: minute by minute, looking up the local time of
 * every minute afresh. It shares nothing with {@link StayMeter} except the parsed rules, and serves
 * as the oracle the engine is checked against. Requires minute-aligned stays, rule boundaries and
 * increments, which the random tariffs guarantee.
 */
final class MinuteOracle {

  private final Tariff tariff;
  private final Scheme scheme;
  private final ZoneId zone;

  MinuteOracle(Tariff tariff, Scheme scheme) {
    this.tariff = tariff;
    this.scheme = scheme;
    this.zone = tariff.zone();
  }

  /** The parking fee for the stay in minor units. */
  long fee(Instant entryAt, Instant exitAt) {
    long entry = entryAt.getEpochSecond();
    long exit = exitAt.getEpochSecond();
    if (exit - entry <= scheme.grace) {
      return 0;
    }
    if (scheme.graceDeducted) {
      entry += scheme.grace;
    }
    DayWindow w = scheme.window;
    long total = 0;
    long firstEnd = entry;
    long origin = entry;
    Rule rule = null;
    long chargeFrom = 0;
    long periodAmount = 0;
    Long window = null;
    long windowSum = 0;
    long sumAtFreeze = 0;
    long charged = 0;
    boolean frozen = false;
    long freezeAt = Long.MAX_VALUE;
    for (long s = entry; s < exit; s += 60) {
      ZonedDateTime local = Instant.ofEpochSecond(s).atZone(zone);
      long win = windowOf(s, entry, local);
      boolean newDay = false;
      if (window == null || win != window) {
        if (window != null) {
          total += close(windowSum, sumAtFreeze, frozen);
          newDay = true;
        }
        window = win;
        windowSum = 0;
        charged = 0;
        frozen = false;
        freezeAt = w.rateAfter() > 0 && !w.rateCountsCharged() ? s + w.rateAfter() : Long.MAX_VALUE;
      } else if (!frozen && s == freezeAt) {
        frozen = true;
        sumAtFreeze = windowSum;
      }
      Rule now = ruleAt(local);
      if (s == entry && now.stayFirstLength > 0) {
        firstEnd = entry + now.stayFirstLength;
        windowSum += now.stayFirstPrice;
      }
      if (now != rule) {
        rule = now;
        chargeFrom = Math.max(s, firstEnd);
        periodAmount = 0;
      }
      if (newDay && w.firstPerDay()) {
        origin = s;
        if (now.stayFirstLength > 0 && s >= firstEnd) {
          firstEnd = s + now.stayFirstLength;
          chargeFrom = firstEnd;
          windowSum += now.stayFirstPrice;
        }
      }
      if (w.rateCountsCharged() && !frozen && charged >= w.rateAfter() && !now.free) {
        frozen = true;
        sumAtFreeze = windowSum;
      }
      if (!now.free) {
        charged += 60;
      }
      if (s < chargeFrom) {
        continue;
      }
      long x = s - chargeFrom;
      long due = 0;
      for (int i = 0; i < rule.stepAt.length; i++) {
        long at = rule.stepAt[i];
        boolean dueNow = rule.stepCycle == 0 ? at == x : x >= at && (x - at) % rule.stepCycle == 0;
        if (dueNow) {
          due += rule.stepAdds[i];
        }
      }
      if (rule.unit > 0 && x >= rule.unitsFrom) {
        long y = x - rule.unitsFrom;
        boolean dueNow = rule.roundUp ? y % rule.unit == 0 : (y + 60) % rule.unit == 0;
        if (dueNow) {
          // Priced by the stay time at which the increment started.
          long started = rule.roundUp ? s : s + 60 - rule.unit;
          due += priceAt(rule, started - origin);
        }
      }
      due = Math.min(due, rule.maxPerPeriod - periodAmount);
      periodAmount += due;
      windowSum += due;
    }
    return total + close(windowSum, sumAtFreeze, frozen);
  }

  private static long priceAt(Rule rule, long stayTime) {
    for (int i = 0; i < rule.tierUntil.length; i++) {
      if (stayTime < rule.tierUntil[i]) {
        return rule.tierPrice[i];
      }
    }
    return rule.unitPrice;
  }

  private long close(long sum, long sumAtFreeze, boolean frozen) {
    DayWindow w = scheme.window;
    return frozen
        ? Math.max(Math.min(sumAtFreeze, w.maximum()), w.ratePrice())
        : Math.min(sum, w.maximum());
  }

  private long windowOf(long s, long entry, ZonedDateTime local) {
    DayWindow w = scheme.window;
    if (w.isNone()) {
      return 0;
    }
    if (w.rolling()) {
      return (s - entry) / 86_400;
    }
    LocalDate d = local.toLocalDate().plusDays(1);
    while (dayStart(d) > s) {
      d = d.minusDays(1);
    }
    return d.toEpochDay();
  }

  private long dayStart(LocalDate d) {
    return ZonedDateTime.of(d.atStartOfDay().plusSeconds(scheme.window.startsAt()), zone)
        .toEpochSecond();
  }

  private Rule ruleAt(ZonedDateTime local) {
    LocalDate date = local.toLocalDate();
    DaySchedule day =
        tariff.isHoliday(date.toEpochDay())
            ? scheme.days[7]
            : scheme.days[date.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()];
    int sod = local.toLocalTime().toSecondOfDay();
    Rule found = day.rules[day.rules.length - 1];
    for (int i = 0; i < day.from.length; i++) {
      if (day.from[i] <= sod) {
        found = day.rules[i];
      }
    }
    return found;
  }
}
