package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's checks of the shift's end, beyond the hash chain: each handover joins a shift its
 * outgoing cashier closed to one opened for the incoming cashier with the cash counted as its
 * float; IC cards and receipts counted name a closed shift, expect one receipt per payment and no
 * more cards than payments.
 */
final class HandoverCheck {
  private HandoverCheck() {}

  static List<String> check(Connection db) throws SQLException {
    List<String> problems = new ArrayList<>();
    problems.addAll(
        LedgerRows.list(
            db,
            "SELECT h.handover_id FROM handovers h"
                + " LEFT JOIN shifts s ON s.shift_no = h.closed_shift"
                + " LEFT JOIN shift_opens o ON o.shift_no = h.opened_shift"
                + " LEFT JOIN shift_counts c ON c.shift_no = h.closed_shift"
                + " LEFT JOIN shift_floats f ON f.shift_no = h.opened_shift"
                + " WHERE s.cashier IS NOT h.from_cashier OR o.cashier IS NOT h.to_cashier"
                + " OR c.counted_minor IS NOT f.float_minor OR c.pieces IS NOT f.pieces"
                + " ORDER BY h.handover_id",
            r ->
                "handover "
                    + r.getLong(1)
                    + " does not join its outgoing cashier's closed shift to the incoming"
                    + " cashier's shift opened with the cash counted"));
    problems.addAll(
        LedgerRows.list(
            db,
            "SELECT i.shift_no FROM shift_item_counts i LEFT JOIN shifts s"
                + " ON s.shift_no = i.shift_no WHERE s.shift_no IS NULL"
                + " OR i.expected_receipts != s.payments OR i.expected_cards > s.payments"
                + " ORDER BY i.shift_no",
            r ->
                "shift "
                    + r.getLong(1)
                    + "'s IC cards and receipts expected do not match its payments"));
    return problems;
  }
}
