package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the chain in link order beside one cursor per chained table in row order. Rows are chained
 * in the order they were written, so for a table whose row ids grow as it is written each link must
 * name the next row of its table: a row the chain skips was inserted, a row the chain names but the
 * table lacks was deleted, a link whose hash does not match its row (or its predecessor) was
 * changed. Other tables (exits) are joined to the chain row by row, and every row of them must be
 * named once. Stops at the first bad entry.
 */
final class ChainWalk implements AutoCloseable {
  private final Map<ChainedTable, Cursor> cursors = new EnumMap<>(ChainedTable.class);
  private final Map<ChainedTable, Lookup> lookups = new EnumMap<>(ChainedTable.class);
  private long links;
  private HashChain.Head head =
      new HashChain.Head(0, java.util.HexFormat.of().formatHex(HashChain.GENESIS));
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

  /**
   * A table not written in row-id order: where its columns start in the joined chain query, and the
   * rows named so far.
   */
  private static final class Lookup {
    final int firstColumn;
    final Set<Long> chained = new HashSet<>();

    Lookup(int firstColumn) {
      this.firstColumn = firstColumn;
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
      StringBuilder columns = new StringBuilder("SELECT c.link, c.tbl, c.row_id, c.hash");
      StringBuilder joins = new StringBuilder(" FROM chain c");
      int next = 5;
      for (ChainedTable t : ChainedTable.values()) {
        if (!t.existsIn(db)) {
          continue; // a ledger from before the migration that adds it; a link naming it is bad
        }
        if (t.writtenInRowIdOrder()) {
          walk.cursors.put(t, new Cursor(db, t));
          continue;
        }
        walk.lookups.put(t, new Lookup(next));
        String alias = "j" + t.ordinal();
        for (String column : t.columns()) {
          columns.append(", ").append(alias).append('.').append(column);
          next++;
        }
        joins
            .append(" LEFT JOIN ")
            .append(t.table())
            .append(' ')
            .append(alias)
            .append(" ON c.tbl = '")
            .append(t.table())
            .append("' AND ")
            .append(alias)
            .append('.')
            .append(t.columns().get(0))
            .append(" = c.row_id");
      }
      try (Statement s = db.createStatement();
          ResultSet chain = s.executeQuery(columns + joins.toString() + " ORDER BY c.link")) {
        while (walk.problem == null && chain.next()) {
          walk.step(
              chain.getLong(1), chain.getString(2), chain.getLong(3), chain.getString(4), chain);
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

  private void step(long link, String tbl, long rowId, String hash, ResultSet joined)
      throws SQLException {
    String where = "chain link " + link + " (" + tbl + " row " + rowId + ")";
    if (link != head.link() + 1) {
      problem =
          "first bad entry: "
              + where
              + " follows link "
              + head.link()
              + ": links were deleted, inserted or renumbered";
      return;
    }
    Optional<ChainedTable> table = ChainedTable.of(tbl);
    if (table.isEmpty()
        || (table.get().writtenInRowIdOrder()
            ? !cursors.containsKey(table.get())
            : !lookups.containsKey(table.get()))) {
      problem = "first bad entry: " + where + " names a table the ledger does not have";
      return;
    }
    if (!table.get().writtenInRowIdOrder()) {
      lookUp(link, table.get(), rowId, hash, where, joined);
      return;
    }
    Cursor cursor = cursors.get(table.get());
    if (cursor.has && cursor.rows.getLong(1) < rowId) {
      problem =
          "first bad entry: "
              + describe(table.get(), cursor.rows)
              + " is not in the hash chain (found before "
              + where
              + "): a row was inserted or renumbered behind the ledger's back";
      return;
    }
    if (!cursor.has || cursor.rows.getLong(1) != rowId) {
      problem =
          "first bad entry: "
              + where
              + ": the row is missing: it was deleted or renumbered behind the ledger's back";
      return;
    }
    if (matches(link, table.get(), cursor.rows, 1, hash, where)) {
      cursor.has = cursor.rows.next();
    }
  }

  private void lookUp(
      long link, ChainedTable table, long rowId, String hash, String where, ResultSet joined)
      throws SQLException {
    Lookup lookup = lookups.get(table);
    if (!lookup.chained.add(rowId)) {
      problem = "first bad entry: " + where + " names a row an earlier link already named";
      return;
    }
    if (joined.getObject(lookup.firstColumn) == null) {
      problem =
          "first bad entry: "
              + where
              + ": the row is missing: it was deleted or renumbered behind the ledger's back";
      return;
    }
    matches(link, table, joined, lookup.firstColumn, hash, where);
  }

  /** Checks one link against its row; on success the link becomes the head. */
  private boolean matches(
      long link, ChainedTable table, ResultSet row, int first, String hash, String where)
      throws SQLException {
    String expected;
    try {
      expected = HashChain.hash(head.hash(), HashChain.canonical(link, table, row, first));
    } catch (IllegalArgumentException e) {
      expected = "";
    }
    if (!expected.equals(hash)) {
      problem =
          "first bad entry: "
              + where
              + ", "
              + describe(table, row, first)
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
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery(table.selectAll())) {
        while (r.next()) {
          if (!e.getValue().chained.contains(r.getLong(1))) {
            problem =
                "first bad entry: "
                    + describe(table, r)
                    + " is not in the hash chain: a row was inserted behind the ledger's back";
            return;
          }
        }
      }
    }
  }

  private void leftovers() throws SQLException {
    for (Map.Entry<ChainedTable, Cursor> e : cursors.entrySet()) {
      if (e.getValue().has) {
        problem =
            "first bad entry: "
                + describe(e.getKey(), e.getValue().rows)
                + " is not in the hash chain (after its last link): a row was inserted behind the ledger's back";
        return;
      }
    }
  }

  /** Names a row the way finance would look it up. */
  private static String describe(ChainedTable table, ResultSet row) throws SQLException {
    return describe(table, row, 1);
  }

  private static String describe(ChainedTable table, ResultSet row, int first) throws SQLException {
    int f = first - 1;
    String id = table.table() + " row " + row.getLong(first);
    return switch (table) {
      case PAYMENTS ->
          id
              + " (receipt "
              + row.getString(f + 3)
              + ", amount_minor "
              + row.getString(f + 6)
              + " "
              + row.getString(f + 7)
              + ")";
      case EVENTS -> id + " (event seq " + row.getLong(first) + ")";
      case ZREPORTS -> id + " (Z-report " + row.getLong(first) + ", " + row.getString(f + 2) + ")";
      case MONTHLY_CLOSES ->
          id + " (monthly close " + row.getLong(first) + ", " + row.getString(f + 2) + ")";
      case INCIDENTS ->
          id
              + " ("
              + row.getString(f + 2)
              + " at "
              + row.getString(f + 3)
              + ", "
              + row.getString(f + 7)
              + ")";
      case LANE_MODE_CHANGES ->
          id
              + " ("
              + row.getString(f + 2)
              + " set "
              + row.getString(f + 3)
              + " by "
              + row.getString(f + 4)
              + ")";
      case WAIVERS, SETTLEMENTS ->
          id + " (amount_minor " + row.getString(f + 4) + " " + row.getString(f + 5) + ")";
      case UNPAID_BALANCES ->
          id
              + " (plate "
              + row.getString(f + 2)
              + " owes amount_minor "
              + row.getString(f + 5)
              + ")";
      case ENTRIES ->
          id + " (card " + row.getString(f + 2) + " entered " + row.getString(f + 4) + ")";
      default -> id;
    };
  }

  @Override
  public void close() throws SQLException {
    for (Cursor c : cursors.values()) {
      c.statement.close();
    }
  }
}
