package org.parkgate.bench.report;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The bench year's stays, drawn once: when each vehicle entered and left, by which lanes, what it
 * owed and its plate. Every writer of the year's rows reads them, and draws from the one random
 * after them, so the file is the same on every run.
 */
final class YearStays {
  /** Entries per hour of the day, relative: quiet nights, morning and evening peaks. */
  private static final int[] HOURLY = {
    1, 1, 1, 1, 1, 2, 4, 8, 12, 12, 10, 9, 9, 9, 9, 9, 10, 12, 12, 9, 6, 4, 3, 2
  };

  final Connection db;
  final SplittableRandom random = new SplittableRandom(2026);
  final LocalDate first;
  final ZoneId zone;
  final int stays;
  final int exitLanes;
  final int entryLanes;
  final long yearStart;
  final long yearEnd;
  final int days;

  // per stay, by stay_id - 1
  final long[] entered;
  final long[] exited; // 0: still inside
  final byte[] entryLane;
  final byte[] exitLane;
  final long[] fee; // 0: nothing owed (grace or season)
  final int[] plate;

  YearStays(Connection db, LocalDate first, LocalDate last, ZoneId zone, int lanes, int stays) {
    this.db = db;
    this.first = first;
    this.zone = zone;
    this.stays = stays;
    this.exitLanes = lanes / 2;
    this.entryLanes = lanes - exitLanes;
    this.yearStart = first.atStartOfDay(zone).toEpochSecond();
    this.yearEnd = last.plusDays(1).atStartOfDay(zone).toEpochSecond();
    this.days = (int) (last.toEpochDay() - first.toEpochDay() + 1);
    entered = new long[stays];
    exited = new long[stays];
    entryLane = new byte[stays];
    exitLane = new byte[stays];
    fee = new long[stays];
    plate = new int[stays];
    draw();
  }

  LocalDate first() {
    return first;
  }

  private void draw() {
    int hourWeight = Arrays.stream(HOURLY).sum();
    double[] dayWeight = new double[days];
    double sum = 0;
    for (int d = 0; d < days; d++) {
      int dow = first().plusDays(d).getDayOfWeek().getValue();
      dayWeight[d] = (dow >= 6 ? 1.25 : 1.0) * (0.9 + 0.2 * random.nextDouble());
      sum += dayWeight[d];
    }
    int i = 0;
    for (int d = 0; d < days && i < stays; d++) {
      int today = d == days - 1 ? stays - i : (int) Math.round(stays * dayWeight[d] / sum);
      today = Math.min(today, stays - i);
      long dayStart = first().plusDays(d).atStartOfDay(zone).toEpochSecond();
      long[] times = new long[today];
      for (int k = 0; k < today; k++) {
        int pick = random.nextInt(hourWeight);
        int h = 0;
        while (pick >= HOURLY[h]) {
          pick -= HOURLY[h++];
        }
        times[k] = dayStart + h * 3600L + random.nextInt(3600);
      }
      Arrays.sort(times);
      for (long at : times) {
        entered[i] = at;
        entryLane[i] = (byte) random.nextInt(entryLanes);
        exitLane[i] = (byte) random.nextInt(exitLanes);
        long dwell = dwell();
        boolean season = random.nextInt(10) == 0;
        exited[i] = at + dwell < yearEnd ? at + dwell : 0;
        fee[i] = season || dwell <= 15 * 60 ? 0 : fee(dwell);
        plate[i] = random.nextInt(10) < 3 ? random.nextInt(20_000) : 20_000 + i;
        i++;
      }
    }
  }

  /** Seconds: 30% within the grace, 40% up to 2 h, 20% 2-8 h, 8% 8-24 h, 2% 1-5 days. */
  private long dwell() {
    int p = random.nextInt(100);
    if (p < 30) {
      return 60 + random.nextInt(14 * 60);
    } else if (p < 70) {
      return 15 * 60 + random.nextInt(105 * 60);
    } else if (p < 90) {
      return 2 * 3600 + random.nextInt(6 * 3600);
    } else if (p < 98) {
      return 8 * 3600 + random.nextInt(16 * 3600);
    }
    return 24 * 3600 + random.nextInt(4 * 24 * 3600);
  }

  /** 5 yuan the first hour, 3 each later one, at most 60 a day. */
  private long fee(long dwell) {
    long hours = (dwell + 3599) / 3600;
    long days = hours / 24;
    long rest = hours % 24;
    return days * 6000 + Math.min(6000, rest == 0 ? 0 : 500 + (rest - 1) * 300);
  }

  /** Stay indexes of the stays that left, in the order they left. */
  long[] exitOrder() {
    long[] keys = new long[stays];
    int n = 0;
    for (int i = 0; i < stays; i++) {
      if (exited[i] != 0) {
        keys[n++] = ((exited[i] - yearStart) << 22) | i;
      }
    }
    keys = Arrays.copyOf(keys, n);
    Arrays.sort(keys);
    for (int k = 0; k < n; k++) {
      keys[k] &= (1 << 22) - 1;
    }
    return keys;
  }
}
