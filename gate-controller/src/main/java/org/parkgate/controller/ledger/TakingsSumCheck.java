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

  /**
   * Kept rows and recomputed ones side by side, grouped on their key in one pass (a join or NOT
   * EXISTS against the recomputed rows would recompute them per row): {@code kept} counts the kept
   * rows of a key, so a missing one shows as not kept.
   */
  private static String compare(String table, String key, String raw) {
    return " SELECT quarter_s, reversal, tender, "
        + (key.contains("lane") ? "lane, cashier" : "NULL, NULL")
        + ", CASE WHEN SUM(kept) > 0 THEN SUM(kept_n) END, SUM(kept_amount), SUM(n), SUM(amount)"
        + " FROM (SELECT currency, "
        + key
        + ", 1 AS kept, n AS kept_n, amount_minor AS kept_amount, 0 AS n, 0 AS amount FROM "
        + table
        + " UNION ALL SELECT currency, "
        + key
        + ", 0, 0, 0, n, amount_minor FROM "
        + raw
        + ") GROUP BY currency, "
        + key
        + " HAVING SUM(kept) <> 1 OR SUM(kept_n) <> SUM(n) OR SUM(kept_amount) <> SUM(amount)"
        + " ORDER BY quarter_s, reversal LIMIT 1";
  }

  private static final String DESK =
      RAW + compare("takings_by_desk", "reversal, quarter_s, lane, cashier, tender", "raw");

  private static final String TENDER =
      RAW
          + ", tenders AS (SELECT currency, reversal, quarter_s, tender, SUM(n) AS n,"
          + " SUM(amount_minor) AS amount_minor FROM raw GROUP BY 1, 2, 3, 4)"
          + compare("takings_by_tender", "reversal, quarter_s, tender", "tenders");

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
