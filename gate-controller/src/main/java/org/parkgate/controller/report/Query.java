package org.parkgate.controller.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs a report's SQL and hands each row to a reader. */
final class Query {
  private Query() {}

  @FunctionalInterface
  interface RowReader {
    void read(ResultSet r) throws SQLException;
  }

  /**
   * Runs {@code sql} with {@code args} (a {@code Long} bound as a number, anything else as text).
   */
  static void run(Connection db, String sql, RowReader row, Object... args) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof Long l) {
          p.setLong(i + 1, l);
        } else {
          p.setString(i + 1, String.valueOf(args[i]));
        }
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          row.read(r);
        }
      }
    }
  }
}
