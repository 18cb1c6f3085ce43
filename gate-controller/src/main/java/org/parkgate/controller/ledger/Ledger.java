package org.parkgate.controller.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ConsoleEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's system of record in one SQLite file (WAL, synchronous=FULL). A method returns
 * only after its transaction is durably committed, so whatever it acknowledges survives a crash.
 * One connection and one writer: callers run these methods off the network threads.
 *
 * <p>This class keeps the file, the transactions and the events heard after each commit; what is in
 * the ledger is written and read by the repositories of this package ({@link Stays}, {@link
 * Payments}, {@link Reversals}, {@link EventLog}, {@link Shifts} and the rest), each taking the
 * ledger and running under its lock.
 */
public final class Ledger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ledger.class);

  private final Connection db;
  private final String siteId;
  private final Path file;
  private SiteKey siteKey;
  private final List<ConsoleEvent> appended = new ArrayList<>();
  private final List<Runnable> undo = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private int depth;
  private java.util.function.Consumer<ConsoleEvent> committedEvents = e -> {};
  private long authorityWrites;

  private Ledger(Connection db, String siteId, Path file) {
    this.file = file;
    this.db = db;
    this.siteId = siteId;
    Statements.keepFor(db);
  }

  /** Opens (creating if needed) the ledger file, checks it and applies pending migrations. */
  public static Ledger open(Path file, String siteId) {
    return new Ledger(LedgerConnections.writer(file), siteId, file);
  }

  /**
   * A second connection to this ledger's file that only reads, for work too long to hold this
   * connection's lock (a month's report): in WAL mode it reads its own snapshot while the ledger
   * thread keeps committing. No checks or migrations (this ledger did them); close it when done.
   *
   * @throws LedgerException when the file cannot be opened
   */
  public Ledger reader() {
    return new Ledger(LedgerConnections.reader(file), siteId, file);
  }

  /**
   * Receives each event once its transaction has committed, in sequence order, on the thread that
   * wrote it: the consoles hear of nothing that a crash could take back.
   */
  public synchronized void onCommittedEvent(java.util.function.Consumer<ConsoleEvent> listener) {
    this.committedEvents = listener;
  }

  /** Runs several ledger calls as one transaction: all of them commit, or none does. */
  public synchronized <T> T atomically(Supplier<T> steps) {
    return inTransaction(steps::get);
  }

  /** Appends an event inside the caller's transaction; consoles hear of it after the commit. */
  ConsoleEvent appendEvent(String lane, LongFunction<ConsoleEvent> factory) throws SQLException {
    long seq =
        Statements.with(
            db,
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM events",
            p -> {
              try (ResultSet r = p.executeQuery()) {
                return r.getLong(1);
              }
            });
    ConsoleEvent event = factory.apply(seq);
    appended.add(event);
    LedgerRows.update(
        db,
        "INSERT INTO events(seq, recorded_at, lane, json) VALUES (?, ?, ?, ?)",
        seq,
        event.at(),
        lane,
        ApiJson.write(event));
    HashChain.append(db, ChainedTable.EVENTS, seq);
    return event;
  }

  /**
   * What a cache of accounts and consoles compares before trusting itself: it changes when another
   * process (an admin's {@code ./parking users} or {@code consoles}) commits to the ledger file, or
   * when this process adds an account or console row.
   */
  public record AuthorityStamp(long othersCommits, long authorityWrites) {}

  public AuthorityStamp authorityStamp() {
    long others = first("PRAGMA data_version", r -> r.getLong(1)).orElseThrow();
    synchronized (this) {
      return new AuthorityStamp(others, authorityWrites);
    }
  }

  /** An account or console row was added here: caches of them must read again. */
  synchronized void authorityWritten() {
    authorityWrites++;
  }

  interface Work<T> {
    T run() throws SQLException;
  }

  /** Read-only work on a snapshot of the ledger ({@link #snapshot}). */
  @FunctionalInterface
  public interface Snapshot<T> {
    T read(Connection db) throws SQLException;
  }

  /**
   * Runs {@code work} on one read transaction, so everything it reads (with this package's
   * repositories too) is the ledger as of one moment, and with the connection set {@code
   * query_only}, so the work cannot write: reports and exports read the ledger this way.
   *
   * @throws LedgerException when the ledger cannot be read
   */
  public synchronized <T> T snapshot(Snapshot<T> work) {
    if (depth > 0) {
      throw new IllegalStateException("a read-only snapshot cannot run inside a write");
    }
    try {
      execute("PRAGMA query_only = 1");
      try {
        execute("BEGIN DEFERRED");
        depth++;
        try {
          return work.read(db);
        } finally {
          depth--;
          execute("ROLLBACK");
        }
      } finally {
        execute("PRAGMA query_only = 0");
      }
    } catch (SQLException e) {
      throw new LedgerException("cannot read the ledger: " + e.getMessage(), e);
    }
  }

  /** Runs read-only work on the ledger's connection, under its lock. */
  <T> T read(Work<T> work) {
    return read(work, () -> "ledger read failed");
  }

  /**
   * As {@link #read(Work)}; an SQL failure is thrown as a {@link LedgerException} that starts with
   * {@code failure} (what could not be read) and ends with the driver's message.
   */
  synchronized <T> T read(Work<T> work, Supplier<String> failure) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new LedgerException(failure.get() + ": " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #list}, each row handed to {@code each} as it is read, none kept: for more rows than
   * should be held at once.
   */
  <T> void each(
      String sql, LedgerRows.Row<T> row, java.util.function.Consumer<T> each, Object... args) {
    read(
        () -> {
          LedgerRows.each(db, sql, row, each, args);
          return null;
        });
  }

  /**
   * Every row {@code sql} returns, in its order, each read by {@code row}; {@code args} are bound
   * to its {@code ?} as {@link LedgerRows#bind} says. Runs as {@link #read} does: under the
   * ledger's lock (inside the caller's transaction, if there is one), an SQL failure thrown as a
   * {@link LedgerException}.
   */
  <T> List<T> list(String sql, LedgerRows.Row<T> row, Object... args) {
    return read(
        () ->
            query(
                sql,
                args,
                r -> {
                  List<T> out = new ArrayList<>();
                  while (r.next()) {
                    out.add(row.read(r));
                  }
                  return out;
                }));
  }

  /** As {@link #list}, only the first row; empty if there is none. */
  <T> Optional<T> first(String sql, LedgerRows.Row<T> row, Object... args) {
    return read(
        () -> query(sql, args, r -> r.next() ? Optional.of(row.read(r)) : Optional.<T>empty()));
  }

  /** Runs a read on the statement kept for {@code sql} (see {@link Statements}). */
  private <T> T query(String sql, Object[] args, LedgerRows.Row<T> all) throws SQLException {
    return Statements.with(
        db,
        sql,
        p -> {
          LedgerRows.bind(p, args);
          try (ResultSet r = p.executeQuery()) {
            return all.read(r);
          }
        });
  }

  /** Whether {@code sql} returns a row; run as {@link #list} is. */
  boolean exists(String sql, Object... args) {
    return first(sql, r -> true, args).isPresent();
  }

  /**
   * Inserts one row inside the caller's transaction ({@link #inTransaction}) and returns its row id
   * for the caller to chain; {@code args} are bound as {@link LedgerRows#bind} says. An SQL failure
   * is left to the transaction, which rolls back and reports it.
   */
  long insert(String sql, Object... args) throws SQLException {
    return LedgerRows.insert(db, sql, args);
  }

  Connection connection() {
    return db;
  }

  /** The site this ledger belongs to, as receipt numbers name it. */
  /**
   * Signs anchors with {@code key} from now on ({@link Anchors}); a ledger without a key (tools and
   * tests) signs none.
   */
  public synchronized void signWith(SiteKey key) {
    this.siteKey = key;
  }

  synchronized SiteKey siteKey() {
    return siteKey;
  }

  /** The ledger's file, for checks that read it on a connection of their own. */
  public Path file() {
    return file;
  }

  String siteId() {
    return siteId;
  }

  /**
   * BEGIN IMMEDIATE takes the write lock up front, so numbering inside the transaction cannot race.
   * Called inside another transaction, the work joins it: several ledger steps commit as one.
   */
  synchronized <T> T inTransaction(Work<T> work) {
    if (depth > 0) {
      try {
        return work.run();
      } catch (SQLException e) {
        throw new LedgerException("ledger write failed: " + e.getMessage(), e);
      }
    }
    try {
      execute("BEGIN IMMEDIATE");
      HashChain.holdHead(db);
      depth++;
      try {
        T result = work.run();
        depth--;
        HashChain.releaseHead(db);
        execute("COMMIT");
        List<ConsoleEvent> committed = List.copyOf(appended);
        List<Runnable> then = List.copyOf(afterCommit);
        appended.clear();
        afterCommit.clear();
        undo.clear();
        for (Runnable action : then) {
          try {
            action.run();
          } catch (RuntimeException e) {
            log.error("ledger: an action after a commit failed; the commit stands", e);
          }
        }
        committed.forEach(committedEvents);
        return result;
      } catch (SQLException | RuntimeException e) {
        depth = 0;
        HashChain.releaseHead(db);
        appended.clear();
        afterCommit.clear();
        try {
          execute("ROLLBACK");
        } finally {
          for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
          }
          undo.clear();
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new LedgerException("ledger write failed: " + e.getMessage(), e);
    }
  }

  private void execute(String sql) throws SQLException {
    Statements.with(db, sql, PreparedStatement::execute);
  }

  /**
   * Inside a transaction: {@code action} runs once it has committed, before the consoles hear of
   * its events (a barrier lifts without waiting on them); if it rolls back, never. Outside one it
   * runs now.
   */
  public synchronized void onCommit(Runnable action) {
    if (depth > 0) {
      afterCommit.add(action);
    } else {
      action.run();
    }
  }

  /**
   * Inside a transaction: {@code action} runs if it rolls back (latest first), so what is kept in
   * memory beside the ledger (counts, quotes) goes back with it. Outside one the change stands:
   * nothing will roll it back.
   */
  public synchronized void onRollback(Runnable action) {
    if (depth > 0) {
      undo.add(action);
    }
  }

  @Override
  public synchronized void close() {
    try {
      Statements.release(db);
      db.close();
    } catch (SQLException e) {
      log.warn("ledger: close failed: {}", e.getMessage());
    }
  }
}
