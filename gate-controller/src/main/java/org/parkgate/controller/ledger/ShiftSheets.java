package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.parkgate.api.CashCount;
import org.parkgate.api.ShiftSheet;

/**
 * A closed shift's report as it prints: the close of {@link Shifts} with the IC cards and receipts
 * counted blind against what the ledger expects, the incidents of the shift with their resolutions,
 * the incoming cashier of a handover, and the copies printed again.
 *
 * <p>IC cards expected back: the shift's payments at exit lanes, less those of a card reported lost
 * (a lost card is not in the drawer) and of stays entered on a season card (月卡 holders keep
 * theirs). Receipts expected: one per payment.
 */
public final class ShiftSheets {
  /** A reprint as recorded, with the report it prints. */
  public record Reprint(long reprintNo, int copyNo, String by, Instant at, ShiftSheet sheet) {}

  private final Ledger ledger;
  private final Set<String> exitLanes;

  /** {@code exitLanes}: the site's exit lanes, where an IC card is taken back. */
  public ShiftSheets(Ledger ledger, Set<String> exitLanes) {
    this.ledger = ledger;
    this.exitLanes = Set.copyOf(exitLanes);
  }

  /**
   * Closes the cashier's open shift with its blind counts, inside the caller's transaction: the
   * cash ({@link Shifts#close}) and, when both are given, IC cards and receipts. Returns the
   * report; {@code covered} picks the lanes whose incidents it lists.
   */
  public ShiftSheet close(
      Shifts shifts,
      String requestId,
      String cashier,
      Instant at,
      CashCount counted,
      Long cards,
      Long receipts,
      Predicate<String> covered) {
    return ledger.inTransaction(
        () -> {
          ShiftReport report = shifts.close(requestId, cashier, at, counted);
          Connection db = ledger.connection();
          if (cards != null && receipts != null) {
            long afterPayment =
                LedgerRows.first(
                        db,
                        "SELECT after_payment FROM shift_opens WHERE shift_no = ?",
                        r -> r.getLong(1),
                        report.shiftNo())
                    .orElseThrow();
            long lastPayment =
                LedgerRows.first(
                        db,
                        "SELECT last_payment FROM shifts WHERE shift_no = ?",
                        r -> r.getLong(1),
                        report.shiftNo())
                    .orElseThrow();
            LedgerRows.update(
                db,
                "INSERT INTO shift_item_counts(shift_no, expected_cards, counted_cards,"
                    + " expected_receipts, counted_receipts) VALUES (?, ?, ?, ?, ?)",
                report.shiftNo(),
                expectedCards(db, report.cashier(), afterPayment, lastPayment),
                cards,
                report.payments(),
                receipts);
            HashChain.append(db, ChainedTable.SHIFT_ITEM_COUNTS, report.shiftNo());
          }
          ShiftSheet sheet = sheet(db, report.shiftNo(), covered).orElseThrow();
          new Anchors(ledger).sign("shift-close", at);
          return sheet;
        });
  }

  /** The report of closed shift {@code shiftNo}, if it closed. */
  public Optional<ShiftSheet> sheet(long shiftNo, Predicate<String> covered) {
    return ledger.read(() -> sheet(ledger.connection(), shiftNo, covered));
  }

  /**
   * Records a copy of closed shift {@code shiftNo}'s report, inside the caller's transaction;
   * empty, recording nothing, when no such shift closed.
   */
  public Optional<Reprint> reprint(
      String requestId,
      long shiftNo,
      String console,
      String by,
      Instant at,
      Predicate<String> covered) {
    return ledger.inTransaction(
        () -> {
          Connection db = ledger.connection();
          Optional<ShiftSheet> sheet = sheet(db, shiftNo, covered);
          if (sheet.isEmpty()) {
            return Optional.<Reprint>empty();
          }
          long id =
              ledger.insert(
                  "INSERT INTO shift_report_reprints(shift_no, console_id, printed_by, request_id,"
                      + " reprinted_at) VALUES (?, ?, ?, ?, ?)",
                  shiftNo,
                  console,
                  by,
                  requestId,
                  at);
          HashChain.append(db, ChainedTable.SHIFT_REPORT_REPRINTS, id);
          int copyNo =
              LedgerRows.first(
                      db,
                      "SELECT COUNT(*) FROM shift_report_reprints WHERE shift_no = ?",
                      r -> r.getInt(1),
                      shiftNo)
                  .orElse(1);
          return Optional.of(new Reprint(id, copyNo, by, at, sheet.get()));
        });
  }

  private long expectedCards(Connection db, String cashier, long afterPayment, long lastPayment)
      throws SQLException {
    if (exitLanes.isEmpty()) {
      return 0;
    }
    List<Object> args = new ArrayList<>(List.of(afterPayment, lastPayment, cashier));
    args.addAll(exitLanes);
    return LedgerRows.first(
            db,
            "SELECT COUNT(*) FROM payments p JOIN entries e ON e.stay_id = p.stay_id"
                + " LEFT JOIN entry_credentials c ON c.stay_id = p.stay_id"
                + " WHERE p.payment_id > ? AND p.payment_id <= ? AND p.cashier = ?"
                + " AND p.lane IN ("
                + String.join(", ", java.util.Collections.nCopies(exitLanes.size(), "?"))
                + ") AND COALESCE(c.season, 0) = 0"
                + " AND NOT EXISTS (SELECT 1 FROM incidents i"
                + " WHERE i.kind = 'LOST_CARD' AND i.card = e.card)",
            r -> r.getLong(1),
            args.toArray())
        .orElse(0L);
  }

  private static Optional<ShiftSheet> sheet(Connection db, long shiftNo, Predicate<String> covered)
      throws SQLException {
    Optional<ShiftReport> found = ShiftReports.report(db, " WHERE s.shift_no = ?", shiftNo);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ShiftReport r = found.get();
    record Items(long expectedCards, long cards, long expectedReceipts, long receipts) {}
    Optional<Items> items =
        LedgerRows.first(
            db,
            "SELECT expected_cards, counted_cards, expected_receipts, counted_receipts"
                + " FROM shift_item_counts WHERE shift_no = ?",
            x -> new Items(x.getLong(1), x.getLong(2), x.getLong(3), x.getLong(4)),
            shiftNo);
    String handedTo =
        LedgerRows.first(
                db,
                "SELECT to_cashier FROM handovers WHERE closed_shift = ?",
                x -> x.getString(1),
                shiftNo)
            .orElse(null);
    ShiftReport.Drawer d = r.drawer();
    return Optional.of(
        new ShiftSheet(
            r.shiftNo(),
            r.cashier(),
            r.openedAt(),
            r.closedAt(),
            r.payments(),
            r.reversals(),
            r.firstReceipt(),
            r.lastReceipt(),
            d == null ? List.of() : d.figures().byTender(),
            d == null ? null : d.figures().cashFloat(),
            d == null ? null : d.figures().cashDropped(),
            d == null ? null : d.figures().expectedCash(),
            d == null ? null : d.counted(),
            d == null ? null : d.variance(),
            items.map(Items::expectedCards).orElse(null),
            items.map(Items::cards).orElse(null),
            items.map(Items::expectedReceipts).orElse(null),
            items.map(Items::receipts).orElse(null),
            IncidentResolutions.during(db, r.openedAt(), r.closedAt(), covered),
            handedTo,
            r.chainLink(),
            r.chainHead()));
  }
}
