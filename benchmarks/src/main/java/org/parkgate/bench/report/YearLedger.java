package org.parkgate.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import org.parkgate.controller.ledger.DailyClosure;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.MonthlyClosure;

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
      write(db);
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
  private void write(Connection db) throws SQLException {
    YearStays s = new YearStays(db, first(), last(), zone, lanes, stays);
    EntryRows entries = new EntryRows(s);
    entries.write();
    PaymentRows payments = new PaymentRows(s);
    long[] paymentOf = payments.write(s.exitOrder());
    payments.reversals(paymentOf);
    new ShiftRows(s, payments.shiftSums).write();
    new VoucherRows(s).write(paymentOf);
    new RegisterRows(s).write();
    entries.event();
  }
}
