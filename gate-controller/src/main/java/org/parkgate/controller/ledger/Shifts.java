package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;

/**
 * Cashier shifts (班次): opened at login or by the cashier's first payment, closed at handover (交接班)
 * into a {@link ShiftReport}. A cashier has at most one open shift. Shift numbers are given at
 * opening, 1, 2, 3... per site. A shift's payments are its cashier's payments written after it
 * opened and up to its closing (by payment id); its reversals are those made in the same span of
 * receipts that cashier took, whenever they were taken: the cash a supervisor hands back comes out
 * of the drawer of the shift in which it happens.
 */
public final class Shifts {
  private final Ledger ledger;

  public Shifts(Ledger ledger) {
    this.ledger = ledger;
  }

  /** An open shift: its number, cashier and opening time. */
  public record Open(long shiftNo, String cashier, Instant openedAt) {}

  /**
   * Opens a shift for the cashier. A request id seen before returns the shift it opened.
   *
   * @throws LedgerException if the cashier already has an open shift
   */
  public Open open(String requestId, String cashier, Instant at) {
    String who = requireCashier(cashier);
    return ledger.inTransaction(
        () -> {
          Optional<Open> earlier = openByRequest(ledger.connection(), requestId);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Optional<Open> already = openShiftOf(ledger.connection(), who);
          if (already.isPresent()) {
            throw new LedgerException(
                "cashier "
                    + who
                    + " already has shift "
                    + already.get().shiftNo()
                    + " open since "
                    + already.get().openedAt()
                    + "; close it first");
          }
          return insertOpen(ledger.connection(), who, at, requestId);
        });
  }

  /**
   * Closes the cashier's open shift into its report and announces it to the consoles. A request id
   * seen before returns the report it made and closes nothing more.
   *
   * @throws LedgerException if the cashier has no open shift
   */
  public ShiftReport close(String requestId, String cashier, Instant at) {
    String who = requireCashier(cashier);
    return ledger.inTransaction(
        () -> {
          Connection db = ledger.connection();
          Optional<ShiftReport> earlier = report(db, " WHERE s.request_id = ?", requestId);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Open open =
              openShiftOf(db, who)
                  .orElseThrow(
                      () -> new LedgerException("cashier " + who + " has no open shift to close"));
          ShiftReport report = insertClose(db, open, at, requestId);
          ledger.appendEvent(null, seq -> closedEvent(seq, report));
          return report;
        });
  }

  /** The cashier's open shift, if any. */
  public Optional<Open> openShiftOf(String cashier) {
    return ledger.read(() -> openShiftOf(ledger.connection(), cashier));
  }

  /** Every closed shift, in the order they were closed. */
  public List<ShiftReport> closed() {
    return ledger.read(() -> reports(ledger.connection(), " ORDER BY c.link"));
  }

  /** The shifts closed on a business day in the site's zone, in closing order (for Z-reports). */
  public List<ShiftReport> closedOn(LocalDate day, ZoneId zone) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    return closed().stream()
        .filter(r -> !r.closedAt().isBefore(from) && r.closedAt().isBefore(to))
        .toList();
  }

  /**
   * Opens a shift for a cashier taking a payment without one; call inside the payment's
   * transaction, before the payment is written.
   */
  static void openIfNone(Connection db, String cashier, Instant at, String paymentRequestId)
      throws SQLException {
    if (openShiftOf(db, cashier).isEmpty()) {
      insertOpen(db, cashier, at, "payment:" + paymentRequestId);
    }
  }

  private static String requireCashier(String cashier) {
    if (cashier == null || cashier.isBlank()) {
      throw new LedgerException("a shift needs the cashier whose shift it is");
    }
    return cashier.trim();
  }

  private static Open insertOpen(Connection db, String cashier, Instant at, String requestId)
      throws SQLException {
    long shiftNo =
        LedgerRows.insert(
            db,
            "INSERT INTO shift_opens(cashier, opened_at, after_payment, after_reversal, request_id)"
                + " VALUES (?, ?, (SELECT COALESCE(MAX(payment_id), 0) FROM payments),"
                + " (SELECT COALESCE(MAX(reversal_id), 0) FROM reversals), ?)",
            cashier,
            at,
            requestId);
    HashChain.append(db, ChainedTable.SHIFT_OPENS, shiftNo);
    return new Open(shiftNo, cashier, at);
  }

  private static Optional<Open> openShiftOf(Connection db, String cashier) throws SQLException {
    return open(
        db,
        " WHERE o.cashier = ? AND NOT EXISTS (SELECT 1 FROM shifts s WHERE s.shift_no = o.shift_no)"
            + " ORDER BY o.shift_no DESC LIMIT 1",
        cashier);
  }

  private static Optional<Open> openByRequest(Connection db, String requestId) throws SQLException {
    return open(db, " WHERE o.request_id = ?", requestId);
  }

  private static Optional<Open> open(Connection db, String where, String key) throws SQLException {
    return LedgerRows.first(
        db,
        "SELECT o.shift_no, o.cashier, o.opened_at FROM shift_opens o" + where,
        r -> new Open(r.getLong(1), r.getString(2), Instant.parse(r.getString(3))),
        key);
  }

  private static ShiftReport insertClose(Connection db, Open open, Instant at, String requestId)
      throws SQLException {
    long afterPayment;
    long afterReversal;
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT after_payment, after_reversal FROM shift_opens WHERE shift_no = ?")) {
      p.setLong(1, open.shiftNo());
      try (ResultSet r = p.executeQuery()) {
        r.next();
        afterPayment = r.getLong(1);
        afterReversal = r.getLong(2);
      }
    }
    long lastPayment = max(db, "SELECT COALESCE(MAX(payment_id), 0) FROM payments");
    long lastReversal = max(db, "SELECT COALESCE(MAX(reversal_id), 0) FROM reversals");
    Tally tally =
        Tally.of(db, open.cashier(), afterPayment, lastPayment, afterReversal, lastReversal);
    HashChain.Head head = HashChain.head(db);
    LedgerRows.update(
        db,
        "INSERT INTO shifts(shift_no, cashier, opened_at, closed_at, last_payment, last_reversal,"
            + " payments, first_receipt, last_receipt, reversals, chain_link, chain_head, request_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        open.shiftNo(),
        open.cashier(),
        open.openedAt(),
        at,
        lastPayment,
        lastReversal,
        tally.payments(),
        tally.firstReceipt(),
        tally.lastReceipt(),
        tally.reversals(),
        head.link(),
        head.hash(),
        requestId);
    HashChain.Head link = HashChain.append(db, head, ChainedTable.SHIFTS, open.shiftNo());
    for (ShiftReport.Total t : tally.totals()) {
      long id =
          LedgerRows.insert(
              db,
              "INSERT INTO shift_totals(shift_no, currency, payments, paid_minor, reversals, reversed_minor)"
                  + " VALUES (?, ?, ?, ?, ?, ?)",
              open.shiftNo(),
              t.paid().currency().getCurrencyCode(),
              t.payments(),
              t.paid().minor(),
              t.reversals(),
              t.reversed().minor());
      link = HashChain.append(db, link, ChainedTable.SHIFT_TOTALS, id);
    }
    return new ShiftReport(
        open.shiftNo(),
        open.cashier(),
        open.openedAt(),
        at,
        tally.payments(),
        tally.firstReceipt(),
        tally.lastReceipt(),
        tally.reversals(),
        tally.totals(),
        head.link(),
        head.hash());
  }

  private static long max(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.getLong(1);
    }
  }

  /** A shift's figures counted from the payments and reversals themselves. */
  record Tally(
      long payments,
      String firstReceipt,
      String lastReceipt,
      long reversals,
      List<ShiftReport.Total> totals) {

    static Tally of(
        Connection db,
        String cashier,
        long afterPayment,
        long lastPayment,
        long afterReversal,
        long lastReversal)
        throws SQLException {
      TreeMap<String, long[]> byCurrency = new TreeMap<>();
      long payments = 0;
      String first = null;
      String last = null;
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT currency, amount_minor, receipt_no FROM payments"
                  + " WHERE payment_id > ? AND payment_id <= ? AND cashier = ? ORDER BY payment_id")) {
        p.setLong(1, afterPayment);
        p.setLong(2, lastPayment);
        p.setString(3, cashier);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            long[] sums = byCurrency.computeIfAbsent(r.getString(1), c -> new long[4]);
            sums[0]++;
            sums[1] += r.getLong(2);
            payments++;
            first = first == null ? r.getString(3) : first;
            last = r.getString(3);
          }
        }
      }
      long reversals = 0;
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT v.currency, v.amount_minor FROM reversals v JOIN payments p ON p.payment_id = v.payment_id"
                  + " WHERE v.reversal_id > ? AND v.reversal_id <= ? AND p.cashier = ? ORDER BY v.reversal_id")) {
        p.setLong(1, afterReversal);
        p.setLong(2, lastReversal);
        p.setString(3, cashier);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            long[] sums = byCurrency.computeIfAbsent(r.getString(1), c -> new long[4]);
            sums[2]++;
            sums[3] += r.getLong(2);
            reversals++;
          }
        }
      }
      List<ShiftReport.Total> totals = new ArrayList<>();
      byCurrency.forEach(
          (currency, s) ->
              totals.add(
                  new ShiftReport.Total(
                      s[0], Money.of(s[1], currency), s[2], Money.of(s[3], currency))));
      return new Tally(payments, first, last, reversals, totals);
    }
  }

  private static final String REPORT =
      "SELECT s.shift_no, s.cashier, s.opened_at, s.closed_at, s.payments, s.first_receipt,"
          + " s.last_receipt, s.reversals, s.chain_link, s.chain_head FROM shifts s"
          + " JOIN chain c ON c.tbl = 'shifts' AND c.row_id = s.shift_no";

  private static Optional<ShiftReport> report(Connection db, String where, Object key)
      throws SQLException {
    return LedgerRows.first(db, REPORT + where, r -> report(db, r), key);
  }

  private static List<ShiftReport> reports(Connection db, String where) throws SQLException {
    return LedgerRows.list(db, REPORT + where, r -> report(db, r));
  }

  /** A report from the columns of {@link #REPORT}, with its totals read from shift_totals. */
  private static ShiftReport report(Connection db, ResultSet r) throws SQLException {
    return new ShiftReport(
        r.getLong(1),
        r.getString(2),
        Instant.parse(r.getString(3)),
        Instant.parse(r.getString(4)),
        r.getLong(5),
        r.getString(6),
        r.getString(7),
        r.getLong(8),
        totals(db, r.getLong(1)),
        r.getLong(9),
        r.getString(10));
  }

  private static List<ShiftReport.Total> totals(Connection db, long shiftNo) throws SQLException {
    return LedgerRows.list(
        db,
        "SELECT currency, payments, paid_minor, reversals, reversed_minor FROM shift_totals"
            + " WHERE shift_no = ? ORDER BY currency",
        r -> {
          String currency = r.getString(1);
          return new ShiftReport.Total(
              r.getLong(2),
              Money.of(r.getLong(3), currency),
              r.getLong(4),
              Money.of(r.getLong(5), currency));
        },
        shiftNo);
  }

  /** The report as the consoles receive it. */
  static ConsoleEvent.ShiftClosed closedEvent(long seq, ShiftReport r) {
    return new ConsoleEvent.ShiftClosed(
        seq,
        r.closedAt(),
        null,
        r.shiftNo(),
        r.cashier(),
        r.openedAt(),
        r.payments(),
        r.firstReceipt(),
        r.lastReceipt(),
        r.reversals(),
        r.totals().stream()
            .map(
                t ->
                    new ConsoleEvent.ShiftTotal(
                        t.payments(), t.paid(), t.reversals(), t.reversed()))
            .toList(),
        r.chainLink(),
        r.chainHead());
  }

  /**
   * What the verifier checks beyond the chain: shifts numbered 1, 2, 3... at opening; each report
   * naming its opening; its figures as counted again from the payments and reversals; and no
   * cashier holding two open shifts at once.
   */
  static List<String> check(Connection db) throws SQLException {
    List<String> problems = new ArrayList<>();
    record Opening(
        long no, String cashier, String openedAt, long afterPayment, long afterReversal) {}
    List<Opening> opens = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT shift_no, cashier, opened_at, after_payment, after_reversal FROM shift_opens ORDER BY shift_no")) {
      while (r.next()) {
        Opening o =
            new Opening(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5));
        if (o.no() != opens.size() + 1) {
          problems.add(
              "shift "
                  + o.no()
                  + " where "
                  + (opens.size() + 1)
                  + " was due: shift openings are missing");
          return problems;
        }
        opens.add(o);
      }
    }
    // Chain links order openings and closings: a cashier's next shift opens after the last closed.
    java.util.Map<String, long[]> lastOpenOf = new java.util.HashMap<>();
    for (Opening o : opens) {
      long[] previous = lastOpenOf.get(o.cashier());
      long opened = link(db, "shift_opens", o.no()).orElse(0L);
      if (previous != null && (previous[1] < 0 || previous[1] > opened)) {
        problems.add(
            "shift "
                + o.no()
                + " was opened for "
                + o.cashier()
                + " while their shift "
                + previous[0]
                + " was still open");
        return problems;
      }
      lastOpenOf.put(o.cashier(), new long[] {o.no(), link(db, "shifts", o.no()).orElse(-1L)});
    }
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT s.shift_no, s.cashier, s.opened_at, s.last_payment, s.last_reversal, s.payments,"
                    + " s.first_receipt, s.last_receipt, s.reversals, o.shift_no, o.cashier, o.opened_at,"
                    + " o.after_payment, o.after_reversal FROM shifts s LEFT JOIN shift_opens o ON o.shift_no = s.shift_no"
                    + " ORDER BY s.shift_no")) {
      while (r.next()) {
        long no = r.getLong(1);
        if (r.getObject(10) == null
            || !r.getString(2).equals(r.getString(11))
            || !r.getString(3).equals(r.getString(12))) {
          problems.add("shift report " + no + " does not match the shift opened with that number");
          return problems;
        }
        Tally t =
            Tally.of(db, r.getString(2), r.getLong(13), r.getLong(4), r.getLong(14), r.getLong(5));
        ShiftReport written = report(db, " WHERE s.shift_no = ?", no).orElse(null);
        boolean same =
            written != null
                && t.payments() == r.getLong(6)
                && t.reversals() == r.getLong(9)
                && java.util.Objects.equals(t.firstReceipt(), r.getString(7))
                && java.util.Objects.equals(t.lastReceipt(), r.getString(8))
                && t.totals().equals(written.totals());
        if (!same) {
          problems.add(
              "shift report "
                  + no
                  + " ("
                  + r.getString(2)
                  + ") does not add up: its payments, reversals or totals differ from the receipts themselves");
          return problems;
        }
      }
    }
    return problems;
  }

  /** The chain link of a row, if it has one. */
  private static Optional<Long> link(Connection db, String table, long rowId) throws SQLException {
    return LedgerRows.first(
        db, "SELECT link FROM chain WHERE tbl = ? AND row_id = ?", r -> r.getLong(1), table, rowId);
  }
}
