package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The verifier's check of {@code stay_lengths} (V19): each stay's length is kept at exit for the
 * dwell report but not chained, so it is recomputed from the chained entries and exits, which must
 * give every row and nothing else.
 */
final class StayLengthCheck {
  private StayLengthCheck() {}

  private static final String EXITED = "CAST(strftime('%s', x.exited_at) AS INTEGER)";
  private static final String ENTERED = "CAST(strftime('%s', n.entered_at) AS INTEGER)";

  /** The first stay whose kept length is missing or not its exit less its entry, if any. */
  static Optional<String> check(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "SELECT x.stay_id, l.seconds, MAX(0, "
                  + EXITED
                  + " - "
                  + ENTERED
                  + ") FROM exits x JOIN entries n ON n.stay_id = x.stay_id"
                  + " LEFT JOIN stay_lengths l ON l.exited_s = "
                  + EXITED
                  + " AND l.stay_id = x.stay_id"
                  + " WHERE l.seconds IS NOT MAX(0, "
                  + EXITED
                  + " - "
                  + ENTERED
                  + ") ORDER BY x.stay_id LIMIT 1")) {
        if (r.next()) {
          return Optional.of(
              "stay lengths: stay "
                  + r.getLong(1)
                  + (r.getObject(2) == null
                      ? " has no length kept"
                      : " is kept as " + r.getLong(2) + " s")
                  + " where its entry and exit give "
                  + r.getLong(3)
                  + " s: the dwell report would not match the ledger");
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT (SELECT COUNT(*) FROM stay_lengths)"
                  + " - (SELECT COUNT(*) FROM exits x JOIN entries n ON n.stay_id = x.stay_id)")) {
        long extra = r.getLong(1);
        if (extra > 0) {
          return Optional.of(
              "stay lengths: "
                  + extra
                  + " kept for stays with no exit: the dwell report would not match the ledger");
        }
      }
    }
    return Optional.empty();
  }
}
