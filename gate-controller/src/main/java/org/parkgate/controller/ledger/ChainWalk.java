package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * Walks the chain in link order beside one cursor per chained table in row order. Rows are
 * chained in the order they were written, so for a table whose row ids grow as it is written
 * each link must name the next row of its table: a row the chain skips was inserted, a row the
 * chain names but the table lacks was deleted, a link whose hash does not match its row (or its
 * predecessor) was changed. Other tables (exits) are looked up row by row and counted. Stops at
 * the first bad entry.
 */
final class ChainWalk implements AutoCloseable {
  private final Map<ChainedTable, Cursor> cursors = new EnumMap<>(ChainedTable.class);
  private final Map<ChainedTable, Lookup> lookups = new EnumMap<>(ChainedTable.class);
  private long links;
  private HashChain.Head head = new HashChain.Head(0, java.util.HexFormat.of().formatHex(HashChain.GENESIS));
  private String problem;

  private static final class Cursor {
    final Statement statement;
    final ResultSet rows;
    boolean has;

    Cursor(Connection db, ChainedTable table) throws SQLException {
      statement = db.createStatement();
      rows = statement.executeQuery(table.selectAll());
      has = rows.next();
    }
  }

  /** Row-by-row access for a table not written in row-id order, and the rows the chain named. */
  private static final class Lookup {
    final PreparedStatement statement;
    final Set<Long> chained = new HashSet<>();

    Lookup(Connection db, ChainedTable table) throws SQLException {
      statement = db.prepareStatement(table.selectOne());
    }
  }

  private ChainWalk() {}

  long links() {
    return links;
  }

  HashChain.Head head() {
    return head;
  }

  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  static ChainWalk run(Connection db) throws SQLException {
    try (ChainWalk walk = new ChainWalk()) {
      for (ChainedTable t : ChainedTable.values()) {
        if (t.writtenInRowIdOrder()) {
          walk.cursors.put(t, new Cursor(db, t));
        } else {
          walk.lookups.put(t, new Lookup(db, t));
        }
      }
      try (Statement s = db.createStatement();
          ResultSet chain = s.executeQuery("SELECT link, tbl, row_id, hash FROM chain ORDER BY link")) {
        while (walk.problem == null && chain.next()) {
          walk.step(chain.getLong(1), chain.getString(2), chain.getLong(3), chain.getString(4));
        }
      }
      if (walk.problem == null) {
        walk.leftovers();
      }
      if (walk.problem == null) {
        walk.unchainedLookups(db);
      }
      return walk;
    }
  }

  private void step(long link, String tbl, long rowId, String hash) throws SQLException {
    String where = "chain link " + link + " (" + tbl + " row " + rowId + ")";
    if (link != head.link() + 1) {
      problem = "first bad entry: " + where + " follows link " + head.link() + ": links were deleted, inserted or renumbered";
      return;
    }
    Optional<ChainedTable> table = ChainedTable.of(tbl);
    if (table.isEmpty()) {
      problem = "first bad entry: " + where + " names a table the ledger does not have";
      return;
    }
    if (!table.get().writtenInRowIdOrder()) {
      lookUp(link, table.get(), rowId, hash, where);
      return;
    }
    Cursor cursor = cursors.get(table.get());
    if (cursor.has && cursor.rows.getLong(1) < rowId) {
      problem = "first bad entry: " + describe(table.get(), cursor.rows) + " is not in the hash chain (found before " + where
          + "): a row was inserted or renumbered behind the ledger's back";
      return;
    }
    if (!cursor.has || cursor.rows.getLong(1) != rowId) {
      problem = "first bad entry: " + where + ": the row is missing: it was deleted or renumbered behind the ledger's back";
      return;
    }
    if (matches(link, table.get(), cursor.rows, hash, where)) {
      cursor.has = cursor.rows.next();
    }
  }

  private void lookUp(long link, ChainedTable table, long rowId, String hash, String where) throws SQLException {
    Lookup lookup = lookups.get(table);
    if (!lookup.chained.add(rowId)) {
      problem = "first bad entry: " + where + " names a row an earlier link already named";
      return;
    }
    lookup.statement.setLong(1, rowId);
    try (ResultSet row = lookup.statement.executeQuery()) {
      if (!row.next()) {
        problem = "first bad entry: " + where + ": the row is missing: it was deleted or renumbered behind the ledger's back";
        return;
      }
      matches(link, table, row, hash, where);
    }
  }

  /** Checks one link against its row; on success the link becomes the head. */
  private boolean matches(long link, ChainedTable table, ResultSet row, String hash, String where) throws SQLException {
    String expected;
    try {
      expected = HashChain.hash(head.hash(), HashChain.canonical(link, table, row));
    } catch (IllegalArgumentException e) {
      expected = "";
    }
    if (!expected.equals(hash)) {
      problem = "first bad entry: " + where + ", " + describe(table, row)
          + ": its hash does not match the row: the row or its link was changed after it was written";
      return false;
    }
    head = new HashChain.Head(link, hash);
    links++;
    return true;
  }

  private void unchainedLookups(Connection db) throws SQLException {
    for (Map.Entry<ChainedTable, Lookup> e : lookups.entrySet()) {
      ChainedTable table = e.getKey();
      try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(table.selectAll())) {
        while (r.next()) {
          if (!e.getValue().chained.contains(r.getLong(1))) {
            problem = "first bad entry: " + describe(table, r) + " is not in the hash chain: a row was inserted behind the ledger's back";
            return;
          }
        }
      }
    }
  }

  private void leftovers() throws SQLException {
    for (Map.Entry<ChainedTable, Cursor> e : cursors.entrySet()) {
      if (e.getValue().has) {
        problem = "first bad entry: " + describe(e.getKey(), e.getValue().rows)
            + " is not in the hash chain (after its last link): a row was inserted behind the ledger's back";
        return;
      }
    }
  }

  /** Names a row the way finance would look it up. */
  private static String describe(ChainedTable table, ResultSet row) throws SQLException {
    String id = table.table() + " row " + row.getLong(1);
    return switch (table) {
      case PAYMENTS -> id + " (receipt " + row.getString(3) + ", amount_minor " + row.getString(6) + " " + row.getString(7) + ")";
      case EVENTS -> id + " (event seq " + row.getLong(1) + ")";
      case ZREPORTS -> id + " (Z-report " + row.getLong(1) + ", " + row.getString(2) + ")";
      case ENTRIES -> id + " (card " + row.getString(2) + " entered " + row.getString(4) + ")";
      default -> id;
    };
  }

  @Override
  public void close() throws SQLException {
    for (Cursor c : cursors.values()) {
      c.statement.close();
    }
    for (Lookup l : lookups.values()) {
      l.statement.close();
    }
  }
}
