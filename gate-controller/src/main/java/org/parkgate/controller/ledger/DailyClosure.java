package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.parkgate.money.Money;

/**
 * Closes business days into Z-reports. Every day from the one after the last closure (or the
 * ledger's first day) through yesterday in the site's zone gets the next number, traffic or not, so
 * a missing number or day is a missing report, never a quiet day.
 */
public final class DailyClosure {
  private final Ledger ledger;
  private final ZoneId zone;
  private final Currency currency;
  private final Clock clock;

  public DailyClosure(Ledger ledger, ZoneId zone, Currency currency, Clock clock) {
    this.ledger = ledger;
    this.zone = zone;
    this.currency = currency;
    this.clock = clock;
  }

  /** Closes every day not yet closed that is over; returns the new reports, oldest first. */
  public List<ZReport> closeFinishedDays() {
    LocalDate yesterday = LocalDate.ofInstant(clock.instant(), zone).minusDays(1);
    List<ZReport> made = new ArrayList<>();
    while (true) {
      ZReport report =
          ledger.inTransaction(
              () -> {
                LocalDate next = nextDayToClose(ledger.connection(), yesterday);
                if (next.isAfter(yesterday)) {
                  return null;
                }
                ZReport closed = close(ledger.connection(), next);
                new Anchors(ledger).sign("z-report", closed.closedAt());
                return closed;
              });
      if (report == null) {
        return made;
      }
      made.add(report);
    }
  }

  /** Every Z-report so far, oldest first. */
  public List<ZReport> reports() {
    return ledger.list(
        "SELECT z_no, business_day, zone, payments, gross_minor, first_receipt, last_receipt,"
            + " reversals, reversed_minor, net_minor, currency, chain_link, chain_head, closed_at FROM zreports ORDER BY z_no",
        r -> {
          String cur = r.getString(11);
          return new ZReport(
              r.getLong(1),
              LocalDate.parse(r.getString(2)),
              ZoneId.of(r.getString(3)),
              r.getLong(4),
              Money.of(r.getLong(5), cur),
              r.getString(6),
              r.getString(7),
              r.getLong(8),
              Money.of(r.getLong(9), cur),
              Money.of(r.getLong(10), cur),
              r.getLong(12),
              r.getString(13),
              Instant.parse(r.getString(14)),
              incidentsOn(
                  ledger.connection(), LocalDate.parse(r.getString(2)), ZoneId.of(r.getString(3))));
        });
  }

  private LocalDate nextDayToClose(Connection db, LocalDate yesterday) throws SQLException {
    Optional<LocalDate> lastClosed =
        LedgerRows.first(
            db,
            "SELECT business_day FROM zreports ORDER BY z_no DESC LIMIT 1",
            r -> LocalDate.parse(r.getString(1)));
    if (lastClosed.isPresent()) {
      return lastClosed.get().plusDays(1);
    }
    // Nothing closed yet: start on the ledger's first day (every write records an event).
    return LedgerRows.first(
            db,
            "SELECT recorded_at FROM events ORDER BY seq LIMIT 1",
            r -> LocalDate.ofInstant(Instant.parse(r.getString(1)), zone))
        .orElse(yesterday);
  }

  private ZReport close(Connection db, LocalDate day) throws SQLException {
    long from = day.atStartOfDay(zone).toEpochSecond();
    long to = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
    long count;
    long gross;
    Optional<String> first;
    Optional<String> last;
    // strftime('%s') truncates fractions, which keeps each instant on its own side of midnight.
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0), MIN(receipt_seq),"
                + " MAX(receipt_seq) FROM payments WHERE currency = ? AND CAST(strftime('%s', paid_at) AS INTEGER) >= ?"
                + " AND CAST(strftime('%s', paid_at) AS INTEGER) < ?")) {
      bind(p, from, to);
      try (ResultSet r = p.executeQuery()) {
        count = r.getLong(1);
        gross = r.getLong(2);
        first = receiptNo(db, r.getLong(3));
        last = receiptNo(db, r.getLong(4));
      }
    }
    long reversals;
    long reversed;
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM reversals"
                + " WHERE currency = ? AND CAST(strftime('%s', reversed_at) AS INTEGER) >= ?"
                + " AND CAST(strftime('%s', reversed_at) AS INTEGER) < ?")) {
      bind(p, from, to);
      try (ResultSet r = p.executeQuery()) {
        reversals = r.getLong(1);
        reversed = r.getLong(2);
      }
    }
    HashChain.Head head = HashChain.head(db);
    Instant now = clock.instant();
    long zNo =
        LedgerRows.insert(
            db,
            "INSERT INTO zreports(business_day, zone, payments, gross_minor,"
                + " first_receipt, last_receipt, reversals, reversed_minor, net_minor, currency, chain_link, chain_head, closed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            day.toString(),
            zone.getId(),
            count,
            gross,
            first.orElse(null),
            last.orElse(null),
            reversals,
            reversed,
            gross + reversed,
            currency.getCurrencyCode(),
            head.link(),
            head.hash(),
            now);
    HashChain.append(db, head, ChainedTable.ZREPORTS, zNo);
    return new ZReport(
        zNo,
        day,
        zone,
        count,
        Money.of(gross, currency),
        first.orElse(null),
        last.orElse(null),
        reversals,
        Money.of(reversed, currency),
        Money.of(gross + reversed, currency),
        head.link(),
        head.hash(),
        now,
        incidentsOn(db, day, zone));
  }

  /** The day's incidents by kind; none before the incidents table existed. */
  private static java.util.Map<String, Long> incidentsOn(Connection db, LocalDate day, ZoneId zone)
      throws SQLException {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT kind, COUNT(*) FROM incidents WHERE CAST(strftime('%s', at) AS INTEGER) >= ?"
                + " AND CAST(strftime('%s', at) AS INTEGER) < ? GROUP BY kind")) {
      p.setLong(1, day.atStartOfDay(zone).toEpochSecond());
      p.setLong(2, day.plusDays(1).atStartOfDay(zone).toEpochSecond());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          counts.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return counts;
  }

  private void bind(PreparedStatement p, long from, long to) throws SQLException {
    p.setString(1, currency.getCurrencyCode());
    p.setLong(2, from);
    p.setLong(3, to);
  }

  private static Optional<String> receiptNo(Connection db, long seq) throws SQLException {
    return LedgerRows.first(
        db, "SELECT receipt_no FROM payments WHERE receipt_seq = ?", r -> r.getString(1), seq);
  }
}
