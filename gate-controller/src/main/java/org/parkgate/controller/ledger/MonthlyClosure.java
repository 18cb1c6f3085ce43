package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.api.Said;
import org.parkgate.money.Money;

/**
 * Closes a month (月结) from its Z-reports: refused for a month not over, closed already, after a
 * month not yet closed, or with a day that has no Z-report (named); otherwise totalled, numbered,
 * chained and signed ({@link Anchors}, reason {@code monthly-close}) in one transaction.
 */
public final class MonthlyClosure {
  /** What closing a month came to: the close made, or why not, said in both languages. */
  public sealed interface Outcome permits Closed, Refused {}

  public record Closed(MonthlyClose close) implements Outcome {}

  public record Refused(String reason) implements Outcome {}

  private static final String SELECT =
      "SELECT close_no, month, zone, first_z, last_z, days, payments, gross_minor, reversals,"
          + " reversed_minor, net_minor, currency, closed_by, chain_link, chain_head, closed_at"
          + " FROM monthly_closes";

  private final Ledger ledger;
  private final ZoneId zone;
  private final Currency currency;
  private final Clock clock;

  public MonthlyClosure(Ledger ledger, ZoneId zone, Currency currency, Clock clock) {
    this.ledger = ledger;
    this.zone = zone;
    this.currency = currency;
    this.clock = clock;
  }

  /** Closes {@code month} for {@code by}, or says why it cannot be closed. */
  public Outcome close(YearMonth month, String by) {
    if (by == null || by.isBlank()) {
      return new Refused(Said.of("月结需要注明操作人", "a monthly close needs who closes it"));
    }
    return ledger.inTransaction(
        () -> {
          Connection db = ledger.connection();
          Optional<String> refused = refusal(db, month);
          if (refused.isPresent()) {
            return new Refused(refused.get());
          }
          MonthlyClose made = insert(db, month, by.trim());
          new Anchors(ledger).sign("monthly-close", made.closedAt());
          return new Closed(made);
        });
  }

  /**
   * Closes {@code month} for {@code by} once it is due: not closed yet and its last day closed into
   * a Z-report. Empty when it is not due; otherwise what {@link #close} made of it, refusals
   * included (a month before it still open, a day of it without a Z-report).
   */
  public Optional<Outcome> closeIfDue(YearMonth month, String by) {
    boolean due =
        ledger.read(
            () ->
                LedgerRows.first(
                            ledger.connection(),
                            SELECT + " WHERE month = ?",
                            MonthlyClosure::close,
                            month.toString())
                        .isEmpty()
                    && LedgerRows.first(
                            ledger.connection(),
                            "SELECT 1 FROM zreports WHERE business_day = ?",
                            r -> 1,
                            month.atEndOfMonth().toString())
                        .isPresent());
    return due ? Optional.of(close(month, by)) : Optional.empty();
  }

  /** Every monthly close, oldest first. */
  public List<MonthlyClose> closes() {
    return ledger.list(SELECT + " ORDER BY close_no", MonthlyClosure::close);
  }

  /** The closes of the months from {@code from} to {@code to}, both included. */
  public List<MonthlyClose> between(YearMonth from, YearMonth to) {
    return ledger.list(
        SELECT + " WHERE month >= ? AND month <= ? ORDER BY close_no",
        MonthlyClosure::close,
        from.toString(),
        to.toString());
  }

  private Optional<String> refusal(Connection db, YearMonth month) throws SQLException {
    YearMonth now = YearMonth.from(LocalDate.ofInstant(clock.instant(), zone));
    if (!month.isBefore(now)) {
      return Optional.of(
          Said.of(month + " 尚未结束，不能月结", month + " is not over yet and cannot be closed"));
    }
    Optional<MonthlyClose> last =
        LedgerRows.first(db, SELECT + " ORDER BY close_no DESC LIMIT 1", MonthlyClosure::close);
    if (LedgerRows.first(db, SELECT + " WHERE month = ?", MonthlyClosure::close, month.toString())
        .isPresent()) {
      return Optional.of(Said.of(month + " 已经月结过", month + " is already closed"));
    }
    if (last.isPresent() && !month.equals(last.get().month().plusMonths(1))) {
      YearMonth due = last.get().month().plusMonths(1);
      return Optional.of(
          month.isBefore(due)
              ? Said.of(
                  month + " 早于已月结的 " + last.get().month(),
                  month + " is before " + last.get().month() + ", which is closed")
              : Said.of(
                  "请先月结 " + due + "，再月结 " + month,
                  "close " + due + " first: months are closed in order"));
    }
    Set<LocalDate> closed = new TreeSet<>();
    for (String d :
        LedgerRows.list(
            db,
            "SELECT business_day FROM zreports WHERE business_day >= ? AND business_day <= ?",
            r -> r.getString(1),
            month.atDay(1).toString(),
            month.atEndOfMonth().toString())) {
      closed.add(LocalDate.parse(d));
    }
    LocalDate start = month.atDay(1);
    if (last.isEmpty()) {
      // The first close may be of the month the ledger began in: its days before are not due.
      Optional<LocalDate> firstZ =
          LedgerRows.first(
              db,
              "SELECT business_day FROM zreports ORDER BY z_no LIMIT 1",
              r -> LocalDate.parse(r.getString(1)));
      if (firstZ.isPresent() && YearMonth.from(firstZ.get()).equals(month)) {
        start = firstZ.get();
      }
    }
    for (LocalDate d = start; !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
      if (!closed.contains(d)) {
        return Optional.of(
            Said.of(
                d + " 没有日结（Z报表），" + month + " 不能月结",
                d + " has no Z-report (daily close), so " + month + " cannot be closed"));
      }
    }
    return Optional.empty();
  }

  private MonthlyClose insert(Connection db, YearMonth month, String by) throws SQLException {
    long[] t =
        LedgerRows.first(
                db,
                "SELECT MIN(z_no), MAX(z_no), COUNT(*), COALESCE(SUM(payments), 0),"
                    + " COALESCE(SUM(gross_minor), 0), COALESCE(SUM(reversals), 0),"
                    + " COALESCE(SUM(reversed_minor), 0), COALESCE(SUM(net_minor), 0)"
                    + " FROM zreports WHERE business_day >= ? AND business_day <= ?"
                    + " AND currency = ?",
                r ->
                    new long[] {
                      r.getLong(1),
                      r.getLong(2),
                      r.getLong(3),
                      r.getLong(4),
                      r.getLong(5),
                      r.getLong(6),
                      r.getLong(7),
                      r.getLong(8)
                    },
                month.atDay(1).toString(),
                month.atEndOfMonth().toString(),
                currency.getCurrencyCode())
            .orElseThrow();
    HashChain.Head head = HashChain.head(db);
    Instant now = clock.instant();
    long closeNo =
        LedgerRows.insert(
            db,
            "INSERT INTO monthly_closes(month, zone, first_z, last_z, days, payments, gross_minor,"
                + " reversals, reversed_minor, net_minor, currency, closed_by, chain_link,"
                + " chain_head, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            month.toString(),
            zone.getId(),
            t[0],
            t[1],
            t[2],
            t[3],
            t[4],
            t[5],
            t[6],
            t[7],
            currency.getCurrencyCode(),
            by,
            head.link(),
            head.hash(),
            now);
    HashChain.append(db, head, ChainedTable.MONTHLY_CLOSES, closeNo);
    return LedgerRows.first(db, SELECT + " WHERE close_no = ?", MonthlyClosure::close, closeNo)
        .orElseThrow();
  }

  private static MonthlyClose close(ResultSet r) throws SQLException {
    String cur = r.getString(12);
    return new MonthlyClose(
        r.getLong(1),
        YearMonth.parse(r.getString(2)),
        ZoneId.of(r.getString(3)),
        r.getLong(4),
        r.getLong(5),
        r.getLong(6),
        r.getLong(7),
        Money.of(r.getLong(8), cur),
        r.getLong(9),
        Money.of(r.getLong(10), cur),
        Money.of(r.getLong(11), cur),
        r.getString(13),
        r.getLong(14),
        r.getString(15),
        Instant.parse(r.getString(16)));
  }
}
