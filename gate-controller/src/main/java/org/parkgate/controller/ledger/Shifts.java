package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.parkgate.api.CashCount;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.ShiftFigures;
import org.parkgate.money.Money;

/**
 * Cashier shifts (班次): opened at login or by the cashier's first payment, closed at handover (交接班)
 * into a {@link ShiftReport}. A cashier has at most one open shift. Shift numbers are given at
 * opening, 1, 2, 3... per site. A shift's payments are its cashier's payments written after it
 * opened and up to its closing (by payment id); its reversals are those made in the same span of
 * receipts that cashier took, whenever they were taken: the cash a supervisor hands back comes out
 * of the drawer of the shift in which it happens. Closed shifts are read back by {@link
 * ShiftReports}.
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
    return open(requestId, cashier, at, null);
  }

  /**
   * Opens a shift for the cashier with the float counted into the drawer ({@code cashFloat}, null
   * for none), recorded in shift_floats. A request id seen before returns the shift it opened.
   *
   * @throws LedgerException if the cashier already has an open shift
   */
  public Open open(String requestId, String cashier, Instant at, CashCount cashFloat) {
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
          Open opened = insertOpen(ledger.connection(), who, at, requestId);
          if (cashFloat != null) {
            LedgerRows.update(
                ledger.connection(),
                "INSERT INTO shift_floats(shift_no, currency, float_minor, pieces, request_id)"
                    + " VALUES (?, ?, ?, ?, ?)",
                opened.shiftNo(),
                cashFloat.currency(),
                cashFloat.total().minor(),
                cashFloat.ledgerText(),
                requestId);
            HashChain.append(ledger.connection(), ChainedTable.SHIFT_FLOATS, opened.shiftNo());
          }
          return opened;
        });
  }

  /** The running figures of shift {@code shiftNo} (open or closed) in {@code currency}. */
  public ShiftFigures figures(long shiftNo, Currency currency) {
    return ledger.read(() -> Drawers.figures(ledger.connection(), shiftNo, currency));
  }

  /** The cashier's last closed shift, if any: its number and closing time. */
  public Optional<Closed> lastClosedOf(String cashier) {
    return ledger.read(
        () ->
            LedgerRows.first(
                ledger.connection(),
                "SELECT shift_no, closed_at FROM shifts WHERE cashier = ?"
                    + " ORDER BY shift_no DESC LIMIT 1",
                r -> new Closed(r.getLong(1), Instant.parse(r.getString(2))),
                cashier));
  }

  /** A closed shift's number and closing time. */
  public record Closed(long shiftNo, Instant closedAt) {}

  /** Cash taken out of a drawer for deposit (缴款), in a shift, by whom. */
  public record Drop(long dropId, long shiftNo, Money amount, String by, Instant at) {}

  /**
   * Records a cash drop from the cashier's open shift in their name.
   *
   * @throws LedgerException if the cashier has no open shift
   */
  public Drop drop(String requestId, String cashier, Money amount, Instant at) {
    String who = requireCashier(cashier);
    return ledger.inTransaction(
        () -> {
          Connection db = ledger.connection();
          Open open =
              openShiftOf(db, who)
                  .orElseThrow(() -> new LedgerException(who + " has no open shift"));
          long id =
              LedgerRows.insert(
                  db,
                  "INSERT INTO cash_drops(shift_no, currency, amount_minor, by_whom, request_id,"
                      + " dropped_at) VALUES (?, ?, ?, ?, ?, ?)",
                  open.shiftNo(),
                  amount.currency().getCurrencyCode(),
                  amount.minor(),
                  who,
                  requestId,
                  at);
          HashChain.append(db, ChainedTable.CASH_DROPS, id);
          return new Drop(id, open.shiftNo(), amount, who, at);
        });
  }

  /**
   * Closes the cashier's open shift into its report and announces it to the consoles. A request id
   * seen before returns the report it made and closes nothing more.
   *
   * @throws LedgerException if the cashier has no open shift
   */
  public ShiftReport close(String requestId, String cashier, Instant at) {
    return close(requestId, cashier, at, null);
  }

  /**
   * Closes the cashier's open shift with the blind count of the drawer ({@code counted}, null for
   * none): the report then holds the cash expected, the count and the takings by tender, recorded
   * in shift_counts and shift_tender_totals. A request id seen before returns the report it made.
   *
   * @throws LedgerException if the cashier has no open shift
   */
  public ShiftReport close(String requestId, String cashier, Instant at, CashCount counted) {
    String who = requireCashier(cashier);
    return ledger.inTransaction(
        () -> {
          Connection db = ledger.connection();
          Optional<ShiftReport> earlier =
              ShiftReports.report(db, " WHERE s.request_id = ?", requestId);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Open open =
              openShiftOf(db, who)
                  .orElseThrow(
                      () -> new LedgerException("cashier " + who + " has no open shift to close"));
          ShiftReport report = insertClose(db, open, at, requestId, counted);
          ledger.appendEvent(null, seq -> closedEvent(seq, report));
          return report;
        });
  }

  /** The cashier's open shift, if any. */
  public Optional<Open> openShiftOf(String cashier) {
    return ledger.read(() -> openShiftOf(ledger.connection(), cashier));
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

  private static ShiftReport insertClose(
      Connection db, Open open, Instant at, String requestId, CashCount counted)
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
    ShiftTally tally =
        ShiftTally.of(db, open.cashier(), afterPayment, lastPayment, afterReversal, lastReversal);
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
    ShiftReport.Drawer drawer = null;
    if (counted != null) {
      Currency currency = Currency.getInstance(counted.currency());
      ShiftFigures f = Drawers.figures(db, open.shiftNo(), currency);
      drawer = new ShiftReport.Drawer(f, counted.total(), counted);
      LedgerRows.update(
          db,
          "INSERT INTO shift_counts(shift_no, currency, float_minor, cash_in_minor, change_minor,"
              + " reversed_minor, dropped_minor, expected_minor, counted_minor, variance_minor,"
              + " pieces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          open.shiftNo(),
          counted.currency(),
          f.cashFloat().minor(),
          f.cashTendered().minor(),
          f.changeGiven().minor(),
          f.cashReversed().minor(),
          f.cashDropped().minor(),
          f.expectedCash().minor(),
          drawer.counted().minor(),
          drawer.variance().minor(),
          counted.ledgerText());
      link = HashChain.append(db, link, ChainedTable.SHIFT_COUNTS, open.shiftNo());
      for (ShiftFigures.TenderTotal t : f.byTender()) {
        long id =
            LedgerRows.insert(
                db,
                "INSERT INTO shift_tender_totals(shift_no, tender, currency, payments, taken_minor)"
                    + " VALUES (?, ?, ?, ?, ?)",
                open.shiftNo(),
                t.tender().code(),
                counted.currency(),
                t.payments(),
                t.taken().minor());
        link = HashChain.append(db, link, ChainedTable.SHIFT_TENDER_TOTALS, id);
      }
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
        head.hash(),
        drawer);
  }

  private static long max(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.getLong(1);
    }
  }

  /** The report as the consoles receive it. */
  private static ConsoleEvent.ShiftClosed closedEvent(long seq, ShiftReport r) {
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
        r.chainHead(),
        r.drawer() == null ? null : r.drawer().figures().cashFloat(),
        r.drawer() == null ? null : r.drawer().figures().expectedCash(),
        r.drawer() == null ? null : r.drawer().counted(),
        r.drawer() == null ? null : r.drawer().variance(),
        r.drawer() == null ? List.of() : r.drawer().figures().byTender());
  }
}
