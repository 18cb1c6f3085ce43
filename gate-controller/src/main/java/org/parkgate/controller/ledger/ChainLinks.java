package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the hash chain's links back with the canonical text of each link's row as {@link HashChain}
 * hashes it, for shipping a site's ledger elsewhere (the head office's copy, docs/central.md):
 * anyone holding the links can recompute every hash from the 32 zero bytes before link 1 without
 * the ledger file. The canonical text is recomputed from the row as it stands now, so a row changed
 * after it was chained gives a text whose hash no longer matches the link's.
 */
public final class ChainLinks {
  /** The hash before link 1: 32 zero bytes, as hex. */
  public static final String GENESIS_HASH = java.util.HexFormat.of().formatHex(HashChain.GENESIS);

  private ChainLinks() {}

  /**
   * The hash of the link whose row's canonical text is {@code canonical} and whose predecessor's
   * hash is {@code previousHash} ({@link #GENESIS_HASH} before link 1): SHA-256 of the previous
   * hash's bytes followed by the text as UTF-8, lower-case hex.
   */
  public static String hash(String previousHash, String canonical) {
    return HashChain.hash(previousHash, canonical);
  }

  /**
   * One link of the chain.
   *
   * @param link the link number, from 1
   * @param table the chained table the row is in
   * @param rowId the row's id (its first hashed column)
   * @param canonical the row's canonical text ({@code link=N\ntable=T\n} then one line per column)
   * @param hash the link's hash as the ledger holds it, lower-case hex SHA-256
   */
  public record Link(long link, String table, long rowId, String canonical, String hash) {}

  /**
   * The links after {@code afterLink} in order, at most {@code limit} of them (fewer at the head of
   * the chain, none past it). Call on a connection to the ledger file; for a consistent batch while
   * lanes write, on one read transaction.
   *
   * @throws SQLException when the ledger cannot be read, or a link names a table this build does
   *     not know or a row that is not there
   */
  public static List<Link> after(Connection db, long afterLink, int limit) throws SQLException {
    if (limit <= 0) {
      return List.of();
    }
    List<Link> links = new ArrayList<>(Math.min(limit, 1024));
    List<long[]> numbers = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT link, tbl, row_id, hash FROM chain WHERE link > ? ORDER BY link LIMIT ?")) {
      p.setLong(1, afterLink);
      p.setInt(2, limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          numbers.add(new long[] {r.getLong(1), r.getLong(3)});
          tables.add(r.getString(2));
          hashes.add(r.getString(4));
        }
      }
    }
    Map<ChainedTable, PreparedStatement> rows = new EnumMap<>(ChainedTable.class);
    try {
      for (int i = 0; i < numbers.size(); i++) {
        long link = numbers.get(i)[0];
        long rowId = numbers.get(i)[1];
        String tbl = tables.get(i);
        ChainedTable table =
            ChainedTable.of(tbl)
                .orElseThrow(
                    () -> new SQLException("chain link " + link + " names unknown table " + tbl));
        PreparedStatement one = rows.get(table);
        if (one == null) {
          one = db.prepareStatement(table.selectOne());
          rows.put(table, one);
        }
        one.setLong(1, rowId);
        String canonical;
        try (ResultSet r = one.executeQuery()) {
          if (!r.next()) {
            throw new SQLException(
                "chain link " + link + " names " + tbl + " row " + rowId + ", which is not there");
          }
          canonical = HashChain.canonical(link, table, r);
        }
        links.add(new Link(link, tbl, rowId, canonical, hashes.get(i)));
      }
    } finally {
      for (PreparedStatement p : rows.values()) {
        p.close();
      }
    }
    return links;
  }

  /** As {@link #after(Connection, long, int)} on {@code ledger}'s own connection. */
  public static List<Link> after(Ledger ledger, long afterLink, int limit) {
    return ledger.read(() -> after(ledger.connection(), afterLink, limit));
  }

  /** The newest link's number and hash; link 0 and the genesis hash when nothing is chained. */
  public static HashChain.Head head(Ledger ledger) {
    return ledger.read(() -> HashChain.head(ledger.connection()));
  }

  /** Link {@code link}'s hash, or null when the ledger has no such link. */
  public static String hashOf(Ledger ledger, long link) {
    return ledger
        .first("SELECT hash FROM chain WHERE link = ?", r -> r.getString(1), link)
        .orElse(null);
  }
}
