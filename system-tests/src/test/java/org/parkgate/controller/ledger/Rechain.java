package org.parkgate.controller.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The insider's last step after editing rows with sqlite3: every link's hash recomputed over the
 * rows as they now stand (the chain's algorithm is public). Run with the triggers dropped.
 */
public final class Rechain {
  private Rechain() {}

  public static void run(Path file) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      db.setAutoCommit(false);
      List<long[]> links = new ArrayList<>();
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          db.createStatement().executeQuery("SELECT link, tbl, row_id FROM chain ORDER BY link")) {
        while (r.next()) {
          links.add(new long[] {r.getLong(1), r.getLong(3)});
          tables.add(r.getString(2));
        }
      }
      String previous = java.util.HexFormat.of().formatHex(HashChain.GENESIS);
      for (int i = 0; i < links.size(); i++) {
        ChainedTable table = ChainedTable.of(tables.get(i)).orElseThrow();
        try (PreparedStatement p = db.prepareStatement(table.selectOne())) {
          p.setLong(1, links.get(i)[1]);
          try (ResultSet r = p.executeQuery()) {
            if (!r.next()) {
              continue; // a row deleted with its link kept: left as it is
            }
            previous = HashChain.hash(previous, HashChain.canonical(links.get(i)[0], table, r));
          }
        }
        try (PreparedStatement u =
            db.prepareStatement("UPDATE chain SET hash = ? WHERE link = ?")) {
          u.setString(1, previous);
          u.setLong(2, links.get(i)[0]);
          u.executeUpdate();
        }
      }
      db.commit();
    }
  }
}
