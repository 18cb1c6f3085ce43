package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The verifier's check of {@code takings_by_desk} and {@code takings_by_tender} (V20): the money
 * reports sum them instead of the payments, but they are not chained, so both are recomputed from
 * the chained payments, tenders and reversals, which must give every row and nothing else. The
 * first quarter hour that differs is named, with its day.
 */
final class TakingsSumCheck {
  private TakingsSumCheck() {}

  private static final String RAW =
      "WITH raw AS ("
          + "SELECT p.currency AS currency, 0 AS reversal,"
          + " CAST(strftime('%s', p.paid_at) AS INTEGER) / 900 * 900 AS quarter_s, p.lane AS lane,"
          + " p.cashier AS cashier, COALESCE(t.tender, p.method) AS tender, COUNT(*) AS n,"
          + " SUM(p.amount_minor) AS amount_minor"
          + " FROM payments p LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id"
          + " GROUP BY 1, 2, 3, 4, 5, 6"
          + " UNION ALL "
          + "SELECT v.currency, 1, CAST(strftime('%s', v.reversed_at) AS INTEGER) / 900 * 900,"
          + " p.lane, p.cashier, COALESCE(t.tender, p.method), COUNT(*), SUM(v.amount_minor)"
          + " FROM reversals v JOIN payments p ON p.payment_id = v.payment_id"
          + " LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id"
          + " GROUP BY 1, 2, 3, 4, 5, 6)";

  private static final String DESK =
      RAW
          + " SELECT quarter_s, reversal, tender, lane, cashier, kept_n, kept_amount, n, amount FROM ("
          + "SELECT r.quarter_s, r.reversal, r.tender, r.lane, r.cashier, k.n AS kept_n,"
          + " k.amount_minor AS kept_amount, r.n AS n, r.amount_minor AS amount"
          + " FROM raw r LEFT JOIN takings_by_desk k ON k.currency = r.currency"
          + " AND k.reversal = r.reversal AND k.quarter_s = r.quarter_s AND k.lane = r.lane"
          + " AND k.cashier = r.cashier AND k.tender = r.tender"
          + " WHERE k.n IS NOT r.n OR k.amount_minor IS NOT r.amount_minor"
          + " UNION ALL "
          + "SELECT k.quarter_s, k.reversal, k.tender, k.lane, k.cashier, k.n, k.amount_minor,"
          + " 0, 0 FROM takings_by_desk k WHERE NOT EXISTS (SELECT 1 FROM raw r"
          + " WHERE r.currency = k.currency AND r.reversal = k.reversal"
          + " AND r.quarter_s = k.quarter_s AND r.lane = k.lane AND r.cashier = k.cashier"
          + " AND r.tender = k.tender)) ORDER BY 1, 2, 3, 4, 5 LIMIT 1";

  private static final String TENDER =
      RAW
          + ", tenders AS (SELECT currency, reversal, quarter_s, tender, SUM(n) AS n,"
          + " SUM(amount_minor) AS amount_minor FROM raw GROUP BY 1, 2, 3, 4)"
          + " SELECT quarter_s, reversal, tender, NULL, NULL, kept_n, kept_amount, n, amount FROM ("
          + "SELECT r.quarter_s, r.reversal, r.tender, k.n AS kept_n,"
          + " k.amount_minor AS kept_amount, r.n AS n, r.amount_minor AS amount"
          + " FROM tenders r LEFT JOIN takings_by_tender k ON k.currency = r.currency"
          + " AND k.reversal = r.reversal AND k.quarter_s = r.quarter_s AND k.tender = r.tender"
          + " WHERE k.n IS NOT r.n OR k.amount_minor IS NOT r.amount_minor"
          + " UNION ALL "
          + "SELECT k.quarter_s, k.reversal, k.tender, k.n, k.amount_minor, 0, 0"
          + " FROM takings_by_tender k WHERE NOT EXISTS (SELECT 1 FROM tenders r"
          + " WHERE r.currency = k.currency AND r.reversal = k.reversal"
          + " AND r.quarter_s = k.quarter_s AND r.tender = k.tender)) ORDER BY 1, 2, 3 LIMIT 1";

  /** The first quarter hour whose kept takings differ from the payments and reversals, if any. */
  static Optional<String> check(Connection db) throws SQLException {
    Optional<String> desk = first(db, DESK, "takings_by_desk");
    return desk.isPresent() ? desk : first(db, TENDER, "takings_by_tender");
  }

  private static Optional<String> first(Connection db, String sql, String table)
      throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      if (!r.next()) {
        return Optional.empty();
      }
      Instant quarter = Instant.ofEpochSecond(r.getLong(1));
      String what =
          (r.getInt(2) == 1 ? "reversals" : "payments")
              + " by "
              + r.getString(3)
              + (r.getString(4) == null ? "" : " at " + r.getString(4) + " by " + r.getString(5));
      String kept =
          r.getObject(6) == null
              ? "not kept"
              : "kept as " + r.getLong(6) + " totalling " + r.getLong(7);
      return Optional.of(
          "takings sums ("
              + table
              + "): day "
              + quarter.toString().substring(0, 10)
              + " (UTC), quarter hour from "
              + quarter
              + ": "
              + what
              + " "
              + kept
              + " where the ledger's rows give "
              + r.getLong(8)
              + " totalling "
              + r.getLong(9)
              + ": the money reports would not match the ledger");
    }
  }
}
