package org.parkgate.controller.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The SHA-256 chain over every ledger row: link n's hash is SHA-256 of link n-1's hash (32 zero
 * bytes before link 1) followed by the canonical form of link n's row (see {@link #canonical}).
 * Appended in the same transaction as the row, so a row and its link commit or vanish together.
 */
public final class HashChain {
  static final byte[] GENESIS = new byte[32];
  private static final HexFormat HEX = HexFormat.of();

  /**
   * The head each connection's write transaction has appended so far ({@link #holdHead}): the next
   * link of the same transaction follows it without reading the chain again. No other writer can
   * append while the transaction holds the write lock.
   */
  private static final Map<Connection, Head> HELD =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private HashChain() {}

  /**
   * From now until {@link #releaseHead}, appends on {@code db} remember the head they made: call as
   * a write transaction begins (BEGIN IMMEDIATE).
   */
  static void holdHead(Connection db) {
    HELD.put(db, NOT_READ);
  }

  /** Forgets {@code db}'s remembered head: call as its write transaction commits or rolls back. */
  static void releaseHead(Connection db) {
    HELD.remove(db);
  }

  /** Held, but nothing appended in the transaction yet: the head is read from the chain. */
  private static final Head NOT_READ = new Head(-1, "");

  /** The newest link, or link 0 with the genesis hash when nothing is chained yet. */
  public record Head(long link, String hash) {}

  public static Head head(Connection db) throws SQLException {
    return Statements.with(
        db,
        "SELECT link, hash FROM chain ORDER BY link DESC LIMIT 1",
        p -> {
          try (ResultSet r = p.executeQuery()) {
            return r.next()
                ? new Head(r.getLong(1), r.getString(2))
                : new Head(0, HEX.formatHex(GENESIS));
          }
        });
  }

  /** Chains the row just inserted; call inside the transaction that inserted it. */
  public static Head append(Connection db, ChainedTable table, long rowId) throws SQLException {
    Head held = HELD.get(db);
    return append(db, held == null || held == NOT_READ ? head(db) : held, table, rowId);
  }

  /**
   * As {@link #append(Connection, ChainedTable, long)} when the caller already knows the head (bulk
   * loads).
   */
  public static Head append(Connection db, Head previous, ChainedTable table, long rowId)
      throws SQLException {
    long link = previous.link() + 1;
    String canonical =
        Statements.with(
            db,
            table.selectOne(),
            p -> {
              p.setLong(1, rowId);
              try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                  throw new SQLException(
                      "cannot chain " + table.table() + " row " + rowId + ": no such row");
                }
                return canonical(link, table, r);
              }
            });
    String hash = hash(previous.hash(), canonical);
    Statements.with(
        db,
        "INSERT INTO chain(link, tbl, row_id, hash) VALUES (?, ?, ?, ?)",
        p -> {
          p.setLong(1, link);
          p.setString(2, table.table());
          p.setLong(3, rowId);
          p.setString(4, hash);
          return p.executeUpdate();
        });
    Head appended = new Head(link, hash);
    HELD.replace(db, appended);
    return appended;
  }

  /** Migration step: chains the rows written before the chain existed, table by table. */
  static void chainExistingRows(Connection db) throws SQLException {
    Head head = head(db);
    for (ChainedTable table : ChainedTable.values()) {
      if (!table.existsIn(db)) {
        continue; // created by a later migration, empty until then
      }
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery(table.selectAll())) {
        while (r.next()) {
          head = append(db, head, table, r.getLong(1));
        }
      }
    }
  }

  private static boolean exists(Connection db, ChainedTable table) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      p.setString(1, table.table());
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /**
   * One row as hashed: {@code link=N}, {@code table=NAME}, then per column {@code name=} and its
   * value typed as SQLite stores it: {@code n} for NULL, {@code i<digits>} for an integer, {@code
   * r<double>} for a real, {@code t<utf-8 length>:<text>} for text, {@code b<hex>} for a blob; each
   * line ends with a newline. The lengths make it unambiguous; the types make a number quietly
   * turned into text a different row.
   */
  static String canonical(long link, ChainedTable table, ResultSet row) throws SQLException {
    return canonical(link, table, row, 1);
  }

  /**
   * As {@link #canonical(long, ChainedTable, ResultSet)} for a row whose columns start at {@code
   * first}.
   */
  static String canonical(long link, ChainedTable table, ResultSet row, int first)
      throws SQLException {
    StringBuilder out = new StringBuilder(256);
    out.append("link=")
        .append(link)
        .append('\n')
        .append("table=")
        .append(table.table())
        .append('\n');
    for (int i = 0; i < table.columns().size(); i++) {
      out.append(table.columns().get(i)).append('=');
      Object value = row.getObject(first + i);
      if (value == null) {
        out.append('n');
      } else if (value instanceof Integer || value instanceof Long) {
        out.append('i').append(((Number) value).longValue());
      } else if (value instanceof Double || value instanceof Float) {
        out.append('r').append(((Number) value).doubleValue());
      } else if (value instanceof byte[] bytes) {
        out.append('b').append(HEX.formatHex(bytes));
      } else {
        String text = value.toString();
        out.append('t')
            .append(text.getBytes(StandardCharsets.UTF_8).length)
            .append(':')
            .append(text);
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String hash(String previousHex, String canonical) {
    MessageDigest sha = sha256();
    sha.update(HEX.parseHex(previousHex));
    sha.update(canonical.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(sha.digest());
  }

  /** The SHA-256 of {@code text} as UTF-8, lower-case hex. */
  static String sha256Hex(String text) {
    return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }
}
