package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC steps the ledger's tables share. */
final class LedgerRows {
  private LedgerRows() {}

  /** The row id of the row this connection inserted last. */
  static long lastId(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT last_insert_rowid()")) {
      return r.getLong(1);
    }
  }
}
