package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The chain's links as they leave the site: each with its row's canonical text, exactly as {@link
 * HashChain} hashed it, so whoever receives them (head office) can verify every link from the one
 * before it without the site's database.
 */
public final class ChainLinks {
  private static final Map<String, ChainedTable> TABLES =
      Stream.of(ChainedTable.values())
          .collect(Collectors.toUnmodifiableMap(ChainedTable::table, Function.identity()));

  private ChainLinks() {}

  /** One link: its number, the table and row it chains, the row as hashed, and the hash. */
  public record Link(long link, String table, long rowId, String canonical, String hash) {}

  /** Up to {@code limit} links after link {@code afterLink}, in order, read from {@code ledger}. */
  public static List<Link> after(Ledger ledger, long afterLink, int limit) {
    return ledger.read(() -> after(ledger.connection(), afterLink, limit));
  }

  /** As {@link #after(Ledger, long, int)} on a ledger connection. */
  public static List<Link> after(Connection db, long afterLink, int limit) throws SQLException {
    record Named(long link, String table, long rowId, String hash) {}
    List<Named> named =
        Statements.with(
            db,
            "SELECT link, tbl, row_id, hash FROM chain WHERE link > ? ORDER BY link LIMIT ?",
            p -> {
              p.setLong(1, afterLink);
              p.setInt(2, limit);
              List<Named> out = new ArrayList<>();
              try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                  out.add(new Named(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4)));
                }
              }
              return out;
            });
    List<Link> links = new ArrayList<>(named.size());
    for (Named n : named) {
      ChainedTable table = TABLES.get(n.table());
      if (table == null) {
        throw new SQLException("link " + n.link() + " names table " + n.table() + ", not chained");
      }
      String canonical =
          Statements.with(
              db,
              table.selectOne(),
              p -> {
                p.setLong(1, n.rowId());
                try (ResultSet r = p.executeQuery()) {
                  if (!r.next()) {
                    throw new SQLException(
                        "link " + n.link() + ": no row " + n.rowId() + " in " + n.table());
                  }
                  return HashChain.canonical(n.link(), table, r);
                }
              });
      links.add(new Link(n.link(), n.table(), n.rowId(), canonical, n.hash()));
    }
    return links;
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
