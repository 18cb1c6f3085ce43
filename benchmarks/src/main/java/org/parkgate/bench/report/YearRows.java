package org.parkgate.bench.report;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A writer of some of the bench year's rows: the stays it reads, the calendar, the lanes and the
 * shared random, with the names and times every table spells the same way.
 */
abstract class YearRows {
  static final String[] TENDERS = {"mobile", "card", "cash"};

  final Connection db;
  final SplittableRandom random;
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

  YearRows(YearStays s) {
    this.db = s.db;
    this.random = s.random;
    this.first = s.first;
    this.zone = s.zone;
    this.stays = s.stays;
    this.exitLanes = s.exitLanes;
    this.entryLanes = s.entryLanes;
    this.yearStart = s.yearStart;
    this.yearEnd = s.yearEnd;
    this.days = s.days;
    this.entered = s.entered;
    this.exited = s.exited;
    this.entryLane = s.entryLane;
    this.exitLane = s.exitLane;
    this.fee = s.fee;
    this.plate = s.plate;
  }

  LocalDate first() {
    return first;
  }

  String plateText(int p) {
    return p < 20_000 ? String.format("粤B%05d", p) : String.format("粤A%06d", p - 20_000);
  }

  String at(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }

  String entryLane(int i) {
    return "entry-" + (entryLane[i] + 1);
  }

  String exitLane(int i) {
    return "exit-" + (exitLane[i] + 1);
  }

  int shiftIndex(int i, long at) {
    int day = (int) ((at - yearStart) / 86400);
    int third = (int) ((at - yearStart) % 86400 / (8 * 3600));
    return (day * exitLanes + exitLane[i]) * 3 + third;
  }

  String cashier(int shift) {
    return String.format("cashier%02d", shift % 40 + 1);
  }

  int firstEnteredAfter(long at) {
    int i = Arrays.binarySearch(entered, at);
    return i < 0 ? -i - 1 : i;
  }
}
