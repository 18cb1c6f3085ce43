package org.parkgate.controller.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A ledger made again from its chain's links alone (head office's copy, docs/central.md): each link
 * is checked against the one before it, its row is written back exactly as it was hashed, and its
 * chain row with it, in link order, on a new file migrated to this version's schema. What the
 * ledger derives from its rows (the takings sums, stay lengths) follows from the same triggers that
 * made it the first time. The new file must then verify as a whole, or it is removed.
 */
public final class ChainRebuild {
  private static final Map<String, ChainedTable> TABLES =
      Stream.of(ChainedTable.values())
          .collect(Collectors.toUnmodifiableMap(ChainedTable::table, Function.identity()));

  /** Rows written per transaction. */
  private static final int BATCH = 2_000;

  private ChainRebuild() {}

  /** What was rebuilt: how many links, the newest link, and the new file's verification. */
  public record Rebuilt(long links, HashChain.Head head, LedgerVerifier.Result result) {}

  /**
   * Writes {@code links} (from link 1, in order) into a new ledger at {@code target} for site
   * {@code siteId}.
   *
   * @throws LedgerException if {@code target} exists, a link does not follow or chain from the one
   *     before, a canonical text cannot be read, or the rebuilt file does not verify; the new file
   *     is removed then
   */
  public static Rebuilt rebuild(Path target, String siteId, Iterator<ChainLinks.Link> links) {
    if (Files.exists(target)) {
      throw new LedgerException("refused: " + target + " exists; rebuild into a new file");
    }
    long count = 0;
    HashChain.Head head = new HashChain.Head(0, HexFormat.of().formatHex(HashChain.GENESIS));
    boolean done = false;
    try {
      try (Ledger ledger = Ledger.open(target, siteId)) {
        if (ledger.read(() -> HashChain.head(ledger.connection())).link() != 0) {
          throw new LedgerException("a new ledger already has links: cannot rebuild into it");
        }
        while (links.hasNext()) {
          List<ChainLinks.Link> batch = new ArrayList<>(BATCH);
          while (links.hasNext() && batch.size() < BATCH) {
            batch.add(links.next());
          }
          HashChain.Head before = head;
          head = ledger.inTransaction(() -> write(ledger.connection(), before, batch));
          count += batch.size();
        }
      }
      LedgerVerifier.Result result = LedgerVerifier.verify(target, Optional.empty());
      if (!result.ok()) {
        throw new LedgerException("the rebuilt ledger does not verify: " + result.summary());
      }
      done = true;
      return new Rebuilt(count, head, result);
    } finally {
      if (!done) {
        removeQuietly(target);
      }
    }
  }

  private static HashChain.Head write(
      Connection db, HashChain.Head previous, List<ChainLinks.Link> batch) throws SQLException {
    HashChain.Head head = previous;
    for (ChainLinks.Link l : batch) {
      if (l.link() != head.link() + 1) {
        throw new LedgerException(
            "link " + l.link() + " does not follow link " + head.link() + ": a link is missing");
      }
      String hash = HashChain.hash(head.hash(), l.canonical());
      if (!hash.equals(l.hash())) {
        throw new LedgerException(
            "link " + l.link() + " does not chain from link " + head.link() + ": refused");
      }
      ChainedTable table = TABLES.get(l.table());
      if (table == null) {
        throw new LedgerException("link " + l.link() + " names table " + l.table() + ", unknown");
      }
      List<Object> values = values(l, table);
      if (values.get(0) instanceof Long id ? id != l.rowId() : true) {
        throw new LedgerException(
            "link " + l.link() + ": row id " + values.get(0) + " is not " + l.rowId());
      }
      Statements.with(
          db,
          "INSERT INTO "
              + table.table()
              + "("
              + String.join(", ", table.columns())
              + ") VALUES ("
              + String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?"))
              + ")",
          p -> {
            bind(p, values);
            return p.executeUpdate();
          });
      Statements.with(
          db,
          "INSERT INTO chain(link, tbl, row_id, hash) VALUES (?, ?, ?, ?)",
          p -> {
            p.setLong(1, l.link());
            p.setString(2, table.table());
            p.setLong(3, l.rowId());
            p.setString(4, hash);
            return p.executeUpdate();
          });
      head = new HashChain.Head(l.link(), hash);
    }
    return head;
  }

  private static void bind(PreparedStatement p, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        p.setNull(i + 1, Types.NULL);
      } else if (v instanceof Long n) {
        p.setLong(i + 1, n);
      } else if (v instanceof Double d) {
        p.setDouble(i + 1, d);
      } else if (v instanceof byte[] b) {
        p.setBytes(i + 1, b);
      } else {
        p.setString(i + 1, (String) v);
      }
    }
  }

  /**
   * The typed values of a link's row, in its table's column order, read from its canonical text
   * (the format {@link HashChain#canonical} writes).
   */
  static List<Object> values(ChainLinks.Link l, ChainedTable table) {
    byte[] text = l.canonical().getBytes(StandardCharsets.UTF_8);
    Reader r = new Reader(text, l.link());
    r.expect("link=" + l.link() + "\n");
    r.expect("table=" + table.table() + "\n");
    List<Object> values = new ArrayList<>(table.columns().size());
    for (String column : table.columns()) {
      r.expect(column + "=");
      values.add(r.value());
      r.expect("\n");
    }
    if (!r.atEnd()) {
      throw new LedgerException("link " + l.link() + ": its row text has more than its columns");
    }
    return values;
  }

  private static final class Reader {
    private final byte[] text;
    private final long link;
    private int at;

    Reader(byte[] text, long link) {
      this.text = text;
      this.link = link;
    }

    boolean atEnd() {
      return at == text.length;
    }

    void expect(String s) {
      byte[] want = s.getBytes(StandardCharsets.UTF_8);
      if (at + want.length > text.length
          || !java.util.Arrays.equals(text, at, at + want.length, want, 0, want.length)) {
        throw bad("expected " + s.strip());
      }
      at += want.length;
    }

    Object value() {
      if (at >= text.length) {
        throw bad("a value is missing");
      }
      char type = (char) text[at++];
      return switch (type) {
        case 'n' -> null;
        case 'i' -> Long.parseLong(until('\n'));
        case 'r' -> Double.parseDouble(until('\n'));
        case 'b' -> HexFormat.of().parseHex(until('\n'));
        case 't' -> {
          int length = Integer.parseInt(until(':'));
          at++; // the ':'
          if (length < 0 || at + length > text.length) {
            throw bad("a text runs past the row");
          }
          String s = new String(text, at, length, StandardCharsets.UTF_8);
          at += length;
          yield s;
        }
        default -> throw bad("unknown value type '" + type + "'");
      };
    }

    private String until(char end) {
      int from = at;
      while (at < text.length && text[at] != end) {
        at++;
      }
      if (at >= text.length) {
        throw bad("a value is not ended");
      }
      return new String(text, from, at - from, StandardCharsets.US_ASCII);
    }

    private LedgerException bad(String why) {
      return new LedgerException("link " + link + ": its row text cannot be read: " + why);
    }
  }

  private static void removeQuietly(Path target) {
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      try {
        Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
      } catch (java.io.IOException ignored) {
        // best effort: the caller is told the rebuild failed
      }
    }
  }
}
