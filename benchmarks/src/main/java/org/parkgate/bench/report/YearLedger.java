package org.parkgate.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.SplittableRandom;
import org.parkgate.controller.ledger.ChainedTable;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.HashChain;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.MonthlyClosure;
import org.parkgate.site.IncidentKind;

/**
 * Builds a ledger file holding a year of traffic at a car park of {@code lanes / 2} entry and
 * {@code lanes / 2} exit lanes, in the real schema (the file is first opened with {@link
 * Ledger#open}, so every migration is applied), with bulk SQL in one transaction per table group.
 *
 * <p>What a year holds, per stay unless said: an entry with its credentials (class, plate; one in
 * ten is a season card and owes nothing, and the credentials' season flag is set on a third of the
 * stays that owe nothing), an exit unless the vehicle is still inside when the year ends, and for a
 * stay over the 15-minute grace that is not a season card a payment at the exit booth 30 s before
 * the exit, with its tender (mobile 55%, card 25%, cash 20%) in the shift of that booth's cashier.
 * Three shifts a day at each exit booth, closed with totals and a counted drawer. One payment in a
 * thousand is reversed by a supervisor within two hours; one paying stay in 250 drives off owing
 * (an unpaid balance against its plate, of which three in five are settled by a later payment).
 * Vouchers: six issuer/kind pairs, a batch of 200 each a week, 70% redeemed at exits, 2% voided.
 * Each day: about 15 free passes (90% approved, 5% refused, 5% awaiting), 2 manual lifts, 3 lost
 * cards (decided by finance), 40 incidents (80% resolved). Plates: three stays in ten are one of
 * 20,000 regulars'. Then every day is closed into its Z-report and January to November into monthly
 * closes by the controller's own code ({@link DailyClosure}, {@link MonthlyClosure}), which chain
 * those rows. The hash chain otherwise holds only the shifts (the shifts report reads closed shifts
 * through their chain links); the bulk rows are left unchained, so {@code ./parking verify} fails
 * on this file while {@code ./parking report} reads it as any ledger.
 */
final class YearLedger {
  static final String CURRENCY = "CNY";
  private static final String[] TENDERS = {"mobile", "card", "cash"};
  private static final String[] CLASSES = {"car", "suv", "truck"};
  private static final String[] ISSUERS = {"万达商场", "星巴克", "和平医院"};
  private static final String[] VOUCHER_KINDS = {"SHOP2H", "FREE"};
  private static final String[] PASS_REASONS = {"救护车 · ambulance", "警车 · police", "消防车 · fire"};
  private static final IncidentKind[] INCIDENT_KINDS = {
    IncidentKind.TAILGATING,
    IncidentKind.CLASS_MISMATCH,
    IncidentKind.PLATE_MISMATCH,
    IncidentKind.PASSBACK_VIOLATION,
    IncidentKind.BARRIER_STUCK,
    IncidentKind.CARD_NOT_TAKEN,
    IncidentKind.LEFT_UNPAID,
    IncidentKind.LOST_CARD
  };

  /** Entries per hour of the day, relative: quiet nights, morning and evening peaks. */
  private static final int[] HOURLY = {
    1, 1, 1, 1, 1, 2, 4, 8, 12, 12, 10, 9, 9, 9, 9, 9, 10, 12, 12, 9, 6, 4, 3, 2
  };

  final Path file;
  final int year;
  final int lanes;
  final int stays;
  final ZoneId zone;

  YearLedger(Path file, int year, int lanes, int stays, ZoneId zone) {
    this.file = file;
    this.year = year;
    this.lanes = lanes;
    this.stays = stays;
    this.zone = zone;
  }

  LocalDate first() {
    return LocalDate.of(year, 1, 1);
  }

  LocalDate last() {
    return LocalDate.of(year, 12, 31);
  }

  /** The ledger file, built unless a complete one is there already. */
  Path ensure() throws Exception {
    Path done = Path.of(file + ".complete");
    if (Files.exists(done) && Files.exists(file)) {
      return file;
    }
    for (String suffix : new String[] {"", "-wal", "-shm", ".complete"}) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
    long t = System.nanoTime();
    try (Ledger ledger = Ledger.open(file, "bench")) {
      // the schema, by the migrations
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=OFF");
      s.execute("PRAGMA synchronous=OFF");
      s.execute("PRAGMA cache_size=-400000");
      db.setAutoCommit(false);
      new Traffic(db).write();
      db.commit();
      db.setAutoCommit(true);
      s.execute("PRAGMA journal_mode=WAL");
    }
    System.out.printf("report bench: traffic written in %.0f s%n", (System.nanoTime() - t) / 1e9);
    long c = System.nanoTime();
    Clock after = Clock.fixed(last().plusDays(1).atTime(12, 0).atZone(zone).toInstant(), zone);
    try (Ledger ledger = Ledger.open(file, "bench")) {
      Currency cny = Currency.getInstance(CURRENCY);
      int z = new DailyClosure(ledger, zone, cny, after).closeFinishedDays().size();
      MonthlyClosure months = new MonthlyClosure(ledger, zone, cny, after);
      for (int m = 1; m <= 11; m++) {
        var outcome = months.close(java.time.YearMonth.of(year, m), "finance1");
        if (outcome instanceof MonthlyClosure.Refused r) {
          throw new IllegalStateException(r.reason());
        }
      }
      System.out.printf(
          "report bench: %d Z-reports and 11 monthly closes in %.0f s%n",
          z, (System.nanoTime() - c) / 1e9);
    }
    Files.writeString(done, "");
    System.out.printf(
        "report bench: built %s (%,d MB) in %.0f s%n",
        file, Files.size(file) >> 20, (System.nanoTime() - t) / 1e9);
    return file;
  }

  /** The year's rows, written in time order where the ledger numbers them in time order. */
  private final class Traffic {
    private final Connection db;
    private final SplittableRandom random = new SplittableRandom(2026);
    private final int exitLanes = lanes / 2;
    private final int entryLanes = lanes - exitLanes;
    private final long yearStart = first().atStartOfDay(zone).toEpochSecond();
    private final long yearEnd = last().plusDays(1).atStartOfDay(zone).toEpochSecond();
    private final int days = (int) (last().toEpochDay() - first().toEpochDay() + 1);

    // per stay, by stay_id - 1
    private long[] entered;
    private long[] exited; // 0: still inside
    private byte[] entryLane;
    private byte[] exitLane;
    private long[] fee; // 0: nothing owed (grace or season)
    private int[] plate;

    // per shift: exit lane * 3 per day
    private long[][] shiftSums; // payments, paid, reversals, reversed, cash in, card, mobile

    Traffic(Connection db) {
      this.db = db;
    }

    void write() throws SQLException {
      stays();
      entries();
      long[] order = exitOrder();
      long[] paymentOf = payments(order);
      reversals(paymentOf);
      shifts();
      vouchers(paymentOf);
      registers();
      event();
    }

    private void stays() {
      entered = new long[stays];
      exited = new long[stays];
      entryLane = new byte[stays];
      exitLane = new byte[stays];
      fee = new long[stays];
      plate = new int[stays];
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

    private String plateText(int p) {
      return p < 20_000 ? String.format("粤B%05d", p) : String.format("粤A%06d", p - 20_000);
    }

    private String at(long epochSecond) {
      return Instant.ofEpochSecond(epochSecond).toString();
    }

    private String entryLane(int i) {
      return "entry-" + (entryLane[i] + 1);
    }

    private String exitLane(int i) {
      return "exit-" + (exitLane[i] + 1);
    }

    private void entries() throws SQLException {
      try (PreparedStatement entry =
              db.prepareStatement(
                  "INSERT INTO entries(stay_id, card, lane, entered_at) VALUES (?, ?, ?, ?)");
          PreparedStatement cred =
              db.prepareStatement(
                  "INSERT INTO entry_credentials(stay_id, vehicle_class, plate, season)"
                      + " VALUES (?, ?, ?, ?)");
          PreparedStatement exit =
              db.prepareStatement("INSERT INTO exits(stay_id, lane, exited_at) VALUES (?, ?, ?)")) {
        for (int i = 0; i < stays; i++) {
          long id = i + 1;
          entry.setLong(1, id);
          entry.setString(2, String.format("%010X", id * 2654435761L & 0xFFFFFFFFFFL));
          entry.setString(3, entryLane(i));
          entry.setString(4, at(entered[i]));
          entry.executeUpdate();
          int c = random.nextInt(20);
          cred.setLong(1, id);
          cred.setString(2, CLASSES[c < 17 ? 0 : c < 19 ? 1 : 2]);
          cred.setString(3, plateText(plate[i]));
          cred.setInt(4, fee[i] == 0 && random.nextInt(3) == 0 ? 1 : 0);
          cred.executeUpdate();
          if (exited[i] != 0) {
            exit.setLong(1, id);
            exit.setString(2, exitLane(i));
            exit.setString(3, at(exited[i]));
            exit.executeUpdate();
          }
        }
      }
    }

    /** Stay indexes of the stays that left, in the order they left. */
    private long[] exitOrder() {
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

    private int shiftIndex(int i, long at) {
      int day = (int) ((at - yearStart) / 86400);
      int third = (int) ((at - yearStart) % 86400 / (8 * 3600));
      return (day * exitLanes + exitLane[i]) * 3 + third;
    }

    private String cashier(int shift) {
      return String.format("cashier%02d", shift % 40 + 1);
    }

    /**
     * The payments and unpaid balances, in the order the vehicles left; returns for each stay its
     * payment id (0: none).
     */
    private long[] payments(long[] order) throws SQLException {
      long[] paymentOf = new long[stays];
      shiftSums = new long[days * exitLanes * 3][7];
      long seq = 0;
      long balance = 0;
      try (PreparedStatement pay =
              db.prepareStatement(
                  "INSERT INTO payments(payment_id, receipt_seq, receipt_no, stay_id, lane,"
                      + " amount_minor, currency, method, cashier, request_id, paid_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, 'CNY', 'cash', ?, ?, ?)");
          PreparedStatement tender =
              db.prepareStatement(
                  "INSERT INTO payment_tenders(payment_id, shift_no, tender, currency,"
                      + " tendered_minor, change_minor, reference) VALUES (?, ?, ?, 'CNY', ?, ?, ?)");
          PreparedStatement owe =
              db.prepareStatement(
                  "INSERT INTO unpaid_balances(balance_id, plate, stay_id, lane, amount_minor,"
                      + " currency, reason, recorded_at) VALUES (?, ?, ?, ?, ?, 'CNY', ?, ?)");
          PreparedStatement settle =
              db.prepareStatement(
                  "INSERT INTO settlements(balance_id, payment_id, amount_minor, currency,"
                      + " settled_at) VALUES (?, ?, ?, 'CNY', ?)")) {
        long[] owing = new long[0];
        int owingCount = 0;
        for (long k : order) {
          int i = (int) k;
          if (fee[i] == 0) {
            continue;
          }
          long paidAt = exited[i] - 30;
          if (random.nextInt(250) == 0) {
            balance++;
            owe.setLong(1, balance);
            owe.setString(2, plateText(plate[i]));
            owe.setLong(3, i + 1);
            owe.setString(4, exitLane(i));
            owe.setLong(5, fee[i]);
            owe.setString(6, "drove off unpaid");
            owe.setString(7, at(exited[i]));
            owe.executeUpdate();
            if (random.nextInt(5) < 3) {
              if (owingCount == owing.length) {
                owing = Arrays.copyOf(owing, Math.max(16, owingCount * 2));
              }
              owing[owingCount++] = balance << 20 | Math.min(fee[i], (1 << 20) - 1);
            }
            continue;
          }
          seq++;
          int shift = shiftIndex(i, paidAt);
          pay.setLong(1, seq);
          pay.setLong(2, seq);
          pay.setString(3, String.format("bench-%07d", seq));
          pay.setLong(4, i + 1);
          pay.setString(5, exitLane(i));
          pay.setLong(6, fee[i]);
          pay.setString(7, cashier(shift));
          pay.setString(8, "pay-" + seq);
          pay.setString(9, at(paidAt));
          pay.executeUpdate();
          paymentOf[i] = seq;
          int t = random.nextInt(20);
          int tn = t < 11 ? 0 : t < 16 ? 1 : 2;
          long tendered = tn == 2 ? (fee[i] + 4999) / 5000 * 5000 : fee[i];
          tender.setLong(1, seq);
          tender.setLong(2, shift + 1);
          tender.setString(3, TENDERS[tn]);
          tender.setLong(4, tendered);
          tender.setLong(5, tendered - fee[i]);
          tender.setString(6, tn == 2 ? null : "ref-" + seq);
          tender.executeUpdate();
          long[] s = shiftSums[shift];
          s[0]++;
          s[1] += fee[i];
          s[4 + tn] += fee[i];
          // A driver who owes settles an old balance with this payment, now and then.
          if (owingCount > 0 && random.nextInt(50) == 0) {
            long b = owing[--owingCount];
            settle.setLong(1, b >>> 20);
            settle.setLong(2, seq);
            settle.setLong(3, b & ((1 << 20) - 1));
            settle.setString(4, at(paidAt));
            settle.executeUpdate();
          }
        }
      }
      return paymentOf;
    }

    private void reversals(long[] paymentOf) throws SQLException {
      long id = 0;
      try (PreparedStatement rev =
          db.prepareStatement(
              "INSERT INTO reversals(reversal_id, payment_id, amount_minor, currency, supervisor,"
                  + " reason, request_id, reversed_at) VALUES (?, ?, ?, 'CNY', ?, ?, ?, ?)")) {
        for (int i = 0; i < stays; i++) {
          if (paymentOf[i] == 0 || random.nextInt(1000) != 0) {
            continue;
          }
          long at = exited[i] - 30 + 60 + random.nextInt(7200);
          if (at >= yearEnd) {
            continue;
          }
          id++;
          rev.setLong(1, id);
          rev.setLong(2, paymentOf[i]);
          rev.setLong(3, -fee[i]);
          rev.setString(4, "supervisor" + (random.nextInt(3) + 1));
          rev.setString(5, "重复收费 · charged twice");
          rev.setString(6, "rev-" + id);
          rev.setString(7, at(at));
          rev.executeUpdate();
          long[] s = shiftSums[shiftIndex(i, exited[i] - 30)];
          s[2]++;
          s[3] -= fee[i];
        }
      }
    }

    /** Every booth's three shifts a day, closed with totals and a counted drawer; chained. */
    private void shifts() throws SQLException {
      HashChain.Head head = HashChain.head(db);
      try (PreparedStatement open =
              db.prepareStatement(
                  "INSERT INTO shift_opens(shift_no, cashier, opened_at, after_payment,"
                      + " after_reversal, request_id) VALUES (?, ?, ?, 0, 0, ?)");
          PreparedStatement close =
              db.prepareStatement(
                  "INSERT INTO shifts(shift_no, cashier, opened_at, closed_at, last_payment,"
                      + " last_reversal, payments, first_receipt, last_receipt, reversals,"
                      + " chain_link, chain_head, request_id)"
                      + " VALUES (?, ?, ?, ?, 0, 0, ?, NULL, NULL, ?, ?, ?, ?)");
          PreparedStatement totals =
              db.prepareStatement(
                  "INSERT INTO shift_totals(shift_no, currency, payments, paid_minor, reversals,"
                      + " reversed_minor) VALUES (?, 'CNY', ?, ?, ?, ?)");
          PreparedStatement floats =
              db.prepareStatement(
                  "INSERT INTO shift_floats(shift_no, currency, float_minor, pieces, request_id)"
                      + " VALUES (?, 'CNY', 50000, '', ?)");
          PreparedStatement counts =
              db.prepareStatement(
                  "INSERT INTO shift_counts(shift_no, currency, float_minor, cash_in_minor,"
                      + " change_minor, reversed_minor, dropped_minor, expected_minor,"
                      + " counted_minor, variance_minor, pieces)"
                      + " VALUES (?, 'CNY', 50000, ?, 0, 0, 0, ?, ?, ?, '')");
          PreparedStatement byTender =
              db.prepareStatement(
                  "INSERT INTO shift_tender_totals(shift_no, tender, currency, payments,"
                      + " taken_minor) VALUES (?, ?, 'CNY', ?, ?)")) {
        for (int k = 0; k < shiftSums.length; k++) {
          long no = k + 1;
          long opened = yearStart + (k / (exitLanes * 3)) * 86400L + (k % 3) * 8 * 3600L;
          long closedAt = opened + 8 * 3600;
          long[] s = shiftSums[k];
          open.setLong(1, no);
          open.setString(2, cashier(k));
          open.setString(3, at(opened));
          open.setString(4, "open-" + no);
          open.executeUpdate();
          floats.setLong(1, no);
          floats.setString(2, "float-" + no);
          floats.executeUpdate();
          close.setLong(1, no);
          close.setString(2, cashier(k));
          close.setString(3, at(opened));
          close.setString(4, at(closedAt));
          close.setLong(5, s[0]);
          close.setLong(6, s[2]);
          close.setLong(7, head.link());
          close.setString(8, head.hash());
          close.setString(9, "close-" + no);
          close.executeUpdate();
          head = HashChain.append(db, head, ChainedTable.SHIFTS, no);
          totals.setLong(1, no);
          totals.setLong(2, s[0]);
          totals.setLong(3, s[1]);
          totals.setLong(4, s[2]);
          totals.setLong(5, s[3]);
          totals.executeUpdate();
          long variance = random.nextInt(20) == 0 ? (random.nextInt(11) - 5) * 100 : 0;
          counts.setLong(1, no);
          counts.setLong(2, s[6]);
          counts.setLong(3, 50000 + s[6]);
          counts.setLong(4, 50000 + s[6] + variance);
          counts.setLong(5, variance);
          counts.executeUpdate();
          for (int tn = 0; tn < 3; tn++) {
            byTender.setLong(1, no);
            byTender.setString(2, TENDERS[tn]);
            byTender.setLong(3, 0);
            byTender.setLong(4, s[4 + tn]);
            byTender.executeUpdate();
          }
        }
      }
    }

    private void vouchers(long[] paymentOf) throws SQLException {
      long batch = 0;
      long voucher = 0;
      try (PreparedStatement b =
              db.prepareStatement(
                  "INSERT INTO voucher_batches(batch_no, issuer, kind, count, valid_from, valid_to,"
                      + " note, issued_by, issued_at) VALUES (?, ?, ?, 200, ?, ?, NULL, 'finance1', ?)");
          PreparedStatement v =
              db.prepareStatement(
                  "INSERT INTO vouchers(voucher_id, code, batch_no) VALUES (?, ?, ?)");
          PreparedStatement used =
              db.prepareStatement(
                  "INSERT INTO voucher_redemptions(voucher_id, stay_id, lane, due_before,"
                      + " due_after, currency, cashier, request_id, redeemed_at)"
                      + " VALUES (?, ?, ?, ?, ?, 'CNY', ?, ?, ?)");
          PreparedStatement voided =
              db.prepareStatement(
                  "INSERT INTO voucher_voids(voucher_id, voided_by, reason, voided_at)"
                      + " VALUES (?, 'finance1', '作废 · void', ?)")) {
        int cursor = 0;
        for (int week = 0; week * 7 < days; week++) {
          LocalDate day = first().plusDays(week * 7L);
          long issued = day.atStartOfDay(zone).toEpochSecond() + 9 * 3600;
          for (String issuer : ISSUERS) {
            for (String kind : VOUCHER_KINDS) {
              batch++;
              b.setLong(1, batch);
              b.setString(2, issuer);
              b.setString(3, kind);
              b.setString(4, day.toString());
              b.setString(5, day.plusDays(30).toString());
              b.setString(6, at(issued));
              b.executeUpdate();
              for (int n = 0; n < 200; n++) {
                voucher++;
                v.setLong(1, voucher);
                v.setString(2, String.format("V%09d", voucher));
                v.setLong(3, batch);
                v.executeUpdate();
                int p = random.nextInt(100);
                if (p < 70) {
                  // the next paying stay that left after the batch was issued
                  cursor = Math.max(cursor, firstEnteredAfter(issued));
                  while (cursor < stays && (paymentOf[cursor] == 0 || exited[cursor] == 0)) {
                    cursor++;
                  }
                  if (cursor >= stays) {
                    continue;
                  }
                  int i = cursor++;
                  long before = fee[i] + (kind.equals("FREE") ? 0 : 400);
                  used.setLong(1, voucher);
                  used.setLong(2, i + 1);
                  used.setString(3, exitLane(i));
                  used.setLong(4, before);
                  used.setLong(5, kind.equals("FREE") ? 0 : fee[i]);
                  used.setString(6, cashier(shiftIndex(i, exited[i] - 30)));
                  used.setString(7, "voucher-" + voucher);
                  used.setString(8, at(exited[i] - 60));
                  used.executeUpdate();
                } else if (p < 72) {
                  voided.setLong(1, voucher);
                  voided.setString(2, at(Math.min(yearEnd - 1, issued + 86400L * 3)));
                  voided.executeUpdate();
                }
              }
            }
          }
        }
      }
    }

    private int firstEnteredAfter(long at) {
      int i = Arrays.binarySearch(entered, at);
      return i < 0 ? -i - 1 : i;
    }

    /** Free passes, manual lifts, lost cards and incidents, a few a day. */
    private void registers() throws SQLException {
      long pass = 0;
      long lift = 0;
      long lost = 0;
      long incident = 0;
      try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO free_passes(pass_no, lane, stay_id, card, plate, fee_minor,"
                      + " currency, reason, asked_by, request_id, asked_at)"
                      + " VALUES (?, ?, ?, NULL, ?, ?, 'CNY', ?, ?, ?, ?)");
          PreparedStatement pd =
              db.prepareStatement(
                  "INSERT INTO free_pass_decisions(pass_no, approved, decided_by, note,"
                      + " request_id, decided_at) VALUES (?, ?, ?, NULL, ?, ?)");
          PreparedStatement ml =
              db.prepareStatement(
                  "INSERT INTO manual_lifts(lift_no, lane, stay_id, due_minor, currency, reason,"
                      + " lifted_by, request_id, lifted_at) VALUES (?, ?, NULL, ?, 'CNY', ?,"
                      + " 'supervisor1', ?, ?)");
          PreparedStatement lc =
              db.prepareStatement(
                  "INSERT INTO lost_cards(lost_card_no, lane, stay_id, matched, card, plate,"
                      + " entry_plate, exit_plate, vehicle_class, colour, driver_name, phone,"
                      + " id_number, circumstances, parking_minor, replacement_minor, currency,"
                      + " fee_lines, approval, registered_by, shift_no, request_id, registered_at)"
                      + " VALUES (?, ?, ?, 1, NULL, ?, ?, ?, 'car', '白 · white', '张三',"
                      + " '13800000000', '440300199001011234', '遗失 · lost', ?, 5000, 'CNY',"
                      + " ?, 'finance', ?, NULL, ?, ?)");
          PreparedStatement ld =
              db.prepareStatement(
                  "INSERT INTO lost_card_decisions(lost_card_no, approved, stay_id, decided_by,"
                      + " role, note, request_id, decided_at)"
                      + " VALUES (?, 1, ?, 'finance1', 'FINANCE', NULL, ?, ?)");
          PreparedStatement in =
              db.prepareStatement(
                  "INSERT INTO incidents(incident_id, kind, lane, card, plate, detail, at)"
                      + " VALUES (?, ?, ?, NULL, NULL, ?, ?)");
          PreparedStatement ir =
              db.prepareStatement(
                  "INSERT INTO incident_resolutions(incident_id, note, resolved_by, console_id,"
                      + " request_id, resolved_at) VALUES (?, '已处理 · handled', 'supervisor1',"
                      + " 'office', ?, ?)")) {
        for (int d = 0; d < days; d++) {
          long dayStart = first().plusDays(d).atStartOfDay(zone).toEpochSecond();
          int dayFirst = firstEnteredAfter(dayStart);
          int dayEnd = firstEnteredAfter(dayStart + 86400);
          for (int n = 0; n < 10 + random.nextInt(11); n++) {
            int i = dayFirst + random.nextInt(Math.max(1, dayEnd - dayFirst));
            if (exited[i] == 0 || exited[i] >= yearEnd - 3600) {
              continue;
            }
            pass++;
            long at = exited[i] - 60;
            p.setLong(1, pass);
            p.setString(2, exitLane(i));
            p.setLong(3, i + 1);
            p.setString(4, plateText(plate[i]));
            p.setLong(5, fee[i]);
            p.setString(6, PASS_REASONS[random.nextInt(PASS_REASONS.length)]);
            p.setString(7, cashier(shiftIndex(i, at)));
            p.setString(8, "pass-" + pass);
            p.setString(9, at(at));
            p.executeUpdate();
            int outcome = random.nextInt(20);
            if (outcome < 19) {
              pd.setLong(1, pass);
              pd.setInt(2, outcome < 18 ? 1 : 0);
              pd.setString(3, "supervisor" + (random.nextInt(3) + 1));
              pd.setString(4, "decide-" + pass);
              pd.setString(5, at(at + 40));
              pd.executeUpdate();
            }
          }
          for (int n = 0; n < 2; n++) {
            lift++;
            ml.setLong(1, lift);
            ml.setString(2, "exit-" + (random.nextInt(exitLanes) + 1));
            ml.setLong(3, 500 + random.nextInt(20) * 100);
            ml.setString(4, "道闸故障抬杆 · barrier fault, lifted by hand");
            ml.setString(5, "lift-" + lift);
            ml.setString(6, at(dayStart + 7 * 3600 + random.nextInt(14 * 3600)));
            ml.executeUpdate();
          }
          for (int n = 0; n < 3; n++) {
            int i = dayFirst + random.nextInt(Math.max(1, dayEnd - dayFirst));
            if (exited[i] == 0 || exited[i] >= yearEnd - 3600) {
              continue;
            }
            lost++;
            long at = exited[i] - 600;
            String pl = plateText(plate[i]);
            lc.setLong(1, lost);
            lc.setString(2, exitLane(i));
            lc.setLong(3, i + 1);
            lc.setString(4, pl);
            lc.setString(5, pl);
            lc.setString(6, pl);
            lc.setLong(7, fee[i]);
            lc.setString(8, "停车费 · parking\t" + fee[i] + "\n工本费 · card fee\t5000");
            lc.setString(9, cashier(shiftIndex(i, at)));
            lc.setString(10, "lost-" + lost);
            lc.setString(11, at(at));
            lc.executeUpdate();
            ld.setLong(1, lost);
            ld.setLong(2, i + 1);
            ld.setString(3, "lost-decide-" + lost);
            ld.setString(4, at(at + 120));
            ld.executeUpdate();
          }
          for (int n = 0; n < 30 + random.nextInt(21); n++) {
            incident++;
            long at = dayStart + random.nextInt(86400);
            boolean entry = random.nextBoolean();
            in.setLong(1, incident);
            in.setString(2, INCIDENT_KINDS[random.nextInt(INCIDENT_KINDS.length)].name());
            in.setString(
                3,
                entry
                    ? "entry-" + (random.nextInt(entryLanes) + 1)
                    : "exit-" + (random.nextInt(exitLanes) + 1));
            in.setString(4, "bench");
            in.setString(5, at(at));
            in.executeUpdate();
            if (random.nextInt(5) < 4 && at + 600 < yearEnd) {
              ir.setLong(1, incident);
              ir.setString(2, "resolve-" + incident);
              ir.setString(3, at(at + 600));
              ir.executeUpdate();
            }
          }
        }
      }
      System.out.printf(
          "report bench: %,d free passes, %,d manual lifts, %,d lost cards, %,d incidents%n",
          pass, lift, lost, incident);
    }

    /** The ledger's first event: its first business day is the year's first. */
    private void event() throws SQLException {
      try (PreparedStatement e =
          db.prepareStatement(
              "INSERT INTO events(seq, recorded_at, lane, json) VALUES (1, ?, NULL, '{}')")) {
        e.setString(1, at(yearStart));
        e.executeUpdate();
      }
    }
  }
}
