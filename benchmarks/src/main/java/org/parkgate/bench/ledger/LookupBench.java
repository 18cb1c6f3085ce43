package org.parkgate.bench.ledger;

import static org.parkgate.bench.ledger.LedgerFiles.*;
import static org.parkgate.bench.ledger.Timing.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.PlateStay;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;

/** Open-stay lookups by card and by plate on large ledgers, as the lanes ask them. */
final class LookupBench {
  private LookupBench() {}

  /**
   * The open stay for a card, then for a plate, among {@code stays} past stays (all left but one in
   * ten thousand). Each stay has an entry sighting with a plate: see {@link #plate}.
   */
  static void lookup(Path dir, int stays) throws Exception {
    Path file = dir.resolve("stays-with-plates-" + stays + ".db");
    if (!Files.exists(file)) {
      long t = System.nanoTime();
      try (Ledger ledger = Ledger.open(file, "bench")) {
        // schema only
      }
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = db.createStatement()) {
        bulkLoading(s);
        // Indexing after the load sorts once instead of splitting pages at random 10 million times.
        s.execute("DROP INDEX entries_card");
        s.execute("DROP INDEX sightings_stay");
        s.execute("DROP INDEX sightings_plate");
        db.setAutoCommit(false);
        try (PreparedStatement entry =
                db.prepareStatement(
                    "INSERT INTO entries(stay_id, card, lane, entered_at) VALUES (?, ?, 'entry-1', ?)");
            PreparedStatement exit =
                db.prepareStatement(
                    "INSERT INTO exits(stay_id, lane, exited_at) VALUES (?, 'exit-1', ?)");
            PreparedStatement sighting =
                db.prepareStatement(
                    "INSERT INTO sightings(sighting_id, stay_id, lane, direction, plate,"
                        + " vehicle_class, colour, seen_at) VALUES (?, ?, 'entry-1', 'entry', ?, ?, ?, ?)")) {
          for (int i = 1; i <= stays; i++) {
            Instant at = T0.plusSeconds(i);
            entry.setLong(1, i);
            entry.setString(2, card(i));
            entry.setString(3, at.toString());
            entry.addBatch();
            int h = mix(i);
            sighting.setLong(1, i);
            sighting.setLong(2, i);
            sighting.setString(3, plate(i));
            sighting.setString(4, h % 50 == 0 ? "truck" : "car");
            sighting.setString(5, h % 7 == 0 ? "green" : "blue");
            sighting.setString(6, at.toString());
            sighting.addBatch();
            if (i % 10_000 != 0) {
              exit.setLong(1, i);
              exit.setString(2, at.plusSeconds(3600).toString());
              exit.addBatch();
            }
            if (i % 100_000 == 0) {
              entry.executeBatch();
              exit.executeBatch();
              sighting.executeBatch();
            }
          }
          entry.executeBatch();
          exit.executeBatch();
          sighting.executeBatch();
        }
        s.execute("CREATE INDEX entries_card ON entries(card)");
        s.execute("CREATE INDEX sightings_stay ON sightings(stay_id, direction)");
        s.execute("CREATE INDEX sightings_plate ON sightings(plate, direction)");
        db.commit();
        db.setAutoCommit(true);
        s.execute("PRAGMA journal_mode=WAL");
      }
      System.out.printf(
          "lookup: built %,d stays in %.0f s (%,d MB)%n",
          stays, (System.nanoTime() - t) / 1e9, Files.size(file) >> 20);
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN " + NEWEST_OPEN.replace("?", "'X'"))) {
      while (r.next()) {
        System.out.println("lookup: plan: " + r.getString(4));
      }
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN " + BY_PLATE.replace("?", "'X'"))) {
      while (r.next()) {
        System.out.println("lookup: plate plan: " + r.getString(4));
      }
    }
    try (Ledger ledger = Ledger.open(file, "bench")) {
      Stays lookups = new Stays(ledger);
      Random random = new Random(7);
      int n = 20_000;
      int[] picks = new int[n];
      for (int i = 0; i < n; i++) {
        // Half the lookups are for one of the cars still inside, half for a card that left long
        // ago.
        picks[i] =
            i % 2 == 0 ? (1 + random.nextInt(stays / 10_000)) * 10_000 : 1 + random.nextInt(stays);
      }
      int rounds = calibrate();
      for (String pass :
          new String[] {"first pass (pages not yet read)", "second pass (same cards)"}) {
        long[] nanos = new long[n];
        long[] control = new long[n];
        for (int i = 0; i < n; i++) {
          long t = System.nanoTime();
          Optional<Stay> found = lookups.openStay(card(picks[i]));
          nanos[i] = System.nanoTime() - t;
          control[i] = busy(rounds);
          if (found.isPresent() != (picks[i] % 10_000 == 0)) {
            throw new IllegalStateException("wrong answer for stay " + picks[i]);
          }
        }
        long under1ms = Arrays.stream(nanos).filter(x -> x < 1_000_000).count();
        Arrays.sort(nanos);
        System.out.printf(
            "lookup: open stay by card among %,d stays, %,d lookups, %s: p50 %.3f ms, p99 %.3f ms, max %.3f ms,"
                + " %.2f%% under 1 ms%n",
            stays,
            n,
            pass,
            ms(nanos[n / 2]),
            ms(nanos[n * 99 / 100]),
            ms(nanos[n - 1]),
            100.0 * under1ms / n);
        report("  control, timed between those lookups", control);
      }
      plates(ledger, stays, rounds);
    }
  }

  /**
   * The open stays by plate: half the lookups for one of the 1,000 vehicles inside (a quarter of
   * them regulars with up to 1,000 earlier visits), half for the plate of a random past stay.
   */
  static void plates(Ledger ledger, int stays, int rounds) {
    Stays lookups = new Stays(ledger);
    Random random = new Random(13);
    int n = 20_000;
    int[] picks = new int[n];
    for (int i = 0; i < n; i++) {
      picks[i] =
          i % 2 == 0 ? (1 + random.nextInt(stays / BLOCK)) * BLOCK : 1 + random.nextInt(stays);
    }
    for (String pass :
        new String[] {"first pass (pages not yet read)", "second pass (same plates)"}) {
      long[] nanos = new long[n];
      long[] control = new long[n];
      for (int i = 0; i < n; i++) {
        String plate = plate(picks[i]);
        long t = System.nanoTime();
        List<PlateStay> found = lookups.openStayByPlate(plate);
        nanos[i] = System.nanoTime() - t;
        control[i] = busy(rounds);
        int k = insideK(picks[i]);
        boolean right =
            k == 0
                ? found.isEmpty()
                : found.size() == 1 && found.get(0).stay().stayId() == (long) k * BLOCK;
        if (!right) {
          throw new IllegalStateException("wrong answer for plate " + plate + ": " + found);
        }
      }
      report(
          String.format(
              "lookup: open stays by plate among %,d stays, %,d lookups, %s", stays, n, pass),
          nanos);
      report("  control, timed between those lookups", control);
    }
  }

  static final int BLOCK = 10_000;

  /**
   * The plate seen entering on stay {@code i}. Stay k * 10,000 is inside with plate {@code
   * inside(k)}; for k divisible by 4 that plate is a regular's, seen once in every block of 10,000
   * stays before (k closed stays, up to 1,000), for k = 2 mod 4 seen once before. Of the other
   * stays three in ten are one of 20,000 regulars (about 150 visits each), the rest one of
   * 3,000,000 occasional plates (about 2.3 visits each).
   */
  static String plate(int i) {
    int k = insideK(i);
    if (k != 0) {
      return "沪Q" + String.format("%05d", k);
    }
    int h = mix(i);
    if (h % 10 < 3) {
      int r = (h / 10) % 20_000;
      return PROVINCES.charAt(r % PROVINCES.length()) + "R" + String.format("%05d", r);
    }
    int m = (h / 10) % 3_000_000;
    int rest = m / PROVINCES.length();
    return PROVINCES.charAt(m % PROVINCES.length())
        + LETTERS.substring(rest % LETTERS.length(), rest % LETTERS.length() + 1)
        + String.format("%05d", rest / LETTERS.length());
  }

  static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
  static final String LETTERS = "ABCDEFGHJKLMNPSTUVWXYZ";

  /** k when stay {@code i} carries the plate of the vehicle inside on stay k * 10,000, else 0. */
  static int insideK(int i) {
    int block = i / BLOCK;
    int off = i % BLOCK;
    if (off == 0) {
      return block;
    }
    if (off > 1000 && off <= 1250 && 4 * (off - 1000) > block) {
      return 4 * (off - 1000);
    }
    if (off > 2000 && off <= 2500 && (off - 2000) % 2 == 1 && 2 * (off - 2000) == block + 1) {
      return 2 * (off - 2000);
    }
    return 0;
  }

  static int mix(int i) {
    long x = i * 0x9E3779B97F4A7C15L;
    x ^= x >>> 29;
    return (int) ((x * 0xBF58476D1CE4E5B9L) >>> 33);
  }

  static final String NEWEST_OPEN =
      "SELECT e.stay_id, e.card, e.lane, e.entered_at FROM"
          + " (SELECT stay_id, card, lane, entered_at FROM entries WHERE card = ?"
          + " ORDER BY stay_id DESC LIMIT 1) e"
          + " WHERE NOT EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = e.stay_id)";

  /** The query {@code Stays.openStayByPlate} runs: the plate's newest entries, newest first. */
  static final String BY_PLATE =
      "SELECT s.stay_id, e.card, e.lane, e.entered_at, s.lane, s.plate,"
          + " s.vehicle_class, s.colour, s.seen_at,"
          + " EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = s.stay_id)"
          + " FROM sightings s CROSS JOIN entries e ON e.stay_id = s.stay_id"
          + " WHERE s.plate = ? AND s.direction = 'entry'"
          + " ORDER BY s.sighting_id DESC LIMIT 9";

  /** The query it ran before: the newest stay of the card that has no exit. */
  static final String ANY_OPEN =
      "SELECT e.stay_id, e.card, e.lane, e.entered_at FROM entries e LEFT JOIN exits x ON"
          + " x.stay_id = e.stay_id WHERE e.card = ? AND x.stay_id IS NULL ORDER BY e.stay_id DESC"
          + " LIMIT 1";

  /**
   * Recycled IC cards: {@code stays} past stays on {@code cards} cards (each card issued again and
   * again, as dispensers do), one card in ten inside now. Times the lookup as {@code
   * Stays.openStay} makes it and as it was made before (the newest stay with no exit, which walks
   * every past stay of the card).
   */
  static void recycled(Path dir, int stays, int cards) throws Exception {
    Path file = dir.resolve("recycled-" + stays + "-" + cards + ".db");
    if (!Files.exists(file)) {
      try (Ledger ledger = Ledger.open(file, "bench")) {
        // schema only
      }
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = db.createStatement()) {
        bulkLoading(s);
        s.execute("DROP INDEX entries_card");
        db.setAutoCommit(false);
        try (PreparedStatement entry =
                db.prepareStatement(
                    "INSERT INTO entries(stay_id, card, lane, entered_at) VALUES (?, ?, 'entry-1', ?)");
            PreparedStatement exit =
                db.prepareStatement(
                    "INSERT INTO exits(stay_id, lane, exited_at) VALUES (?, 'exit-1', ?)")) {
          for (int i = 1; i <= stays; i++) {
            int card = (i - 1) % cards;
            entry.setLong(1, i);
            entry.setString(2, card(card));
            entry.setString(3, T0.plusSeconds(i).toString());
            entry.addBatch();
            boolean lastStayOfCard = i > stays - cards;
            if (!(lastStayOfCard && card % 10 == 0)) {
              exit.setLong(1, i);
              exit.setString(2, T0.plusSeconds(i + 3600).toString());
              exit.addBatch();
            }
            if (i % 100_000 == 0) {
              entry.executeBatch();
              exit.executeBatch();
            }
          }
          entry.executeBatch();
          exit.executeBatch();
        }
        s.execute("CREATE INDEX entries_card ON entries(card)");
        db.commit();
        db.setAutoCommit(true);
        s.execute("PRAGMA journal_mode=WAL");
      }
    }
    int n = 5_000;
    Random random = new Random(11);
    int[] picks = new int[n];
    for (int i = 0; i < n; i++) {
      picks[i] = random.nextInt(cards);
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      for (String[] query : new String[][] {{"before", ANY_OPEN}, {"now", NEWEST_OPEN}}) {
        long[] nanos = new long[n];
        try (PreparedStatement p = db.prepareStatement(query[1])) {
          for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            p.setString(1, card(picks[i]));
            boolean found;
            try (ResultSet r = p.executeQuery()) {
              found = r.next();
            }
            nanos[i] = System.nanoTime() - t;
            if (found != (picks[i] % 10 == 0)) {
              throw new IllegalStateException(query[0] + ": wrong answer for card " + picks[i]);
            }
          }
        }
        Arrays.sort(nanos);
        System.out.printf(
            "recycled: open stay by card, %,d stays on %,d cards (%,d each), %,d lookups, query %s:"
                + " p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
            stays,
            cards,
            stays / cards,
            n,
            query[0],
            ms(nanos[n / 2]),
            ms(nanos[n * 99 / 100]),
            ms(nanos[n - 1]));
      }
    }
  }
}
