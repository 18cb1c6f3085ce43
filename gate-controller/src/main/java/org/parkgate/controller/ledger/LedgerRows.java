package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small JDBC steps the ledger's tables share: one statement (kept prepared, see {@link
 * Statements}), its arguments bound, run. They run on the connection given, inside whatever
 * transaction it is in, and pass {@link SQLException} on; {@link Ledger#list}, {@link
 * Ledger#first}, {@link Ledger#exists} and {@link Ledger#insert} run them on the ledger's own
 * connection under its lock.
 */
final class LedgerRows {
  private LedgerRows() {}

  /** Reads the row a result set stands on into a value; it does not move the cursor. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  /** Every row {@code sql} returns, in the order it returns them, each read by {@code row}. */
  static <T> List<T> list(Connection db, String sql, Row<T> row, Object... args)
      throws SQLException {
    List<T> out = new ArrayList<>();
    each(db, sql, row, out::add, args);
    return out;
  }

  /**
   * As {@link #list}, each row handed to {@code each} as it is read, none kept: for reading more
   * rows than should be held at once.
   */
  static <T> void each(
      Connection db, String sql, Row<T> row, java.util.function.Consumer<T> each, Object... args)
      throws SQLException {
    Statements.with(
        db,
        sql,
        p -> {
          bind(p, args);
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              each.accept(row.read(r));
            }
          }
          return null;
        });
  }

  /**
   * The first row {@code sql} returns, read by {@code row}; empty if it returns none. For an
   * aggregate (one row always) it is never empty.
   */
  static <T> Optional<T> first(Connection db, String sql, Row<T> row, Object... args)
      throws SQLException {
    return Statements.with(
        db,
        sql,
        p -> {
          bind(p, args);
          try (ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(row.read(r)) : Optional.<T>empty();
          }
        });
  }

  /** Runs an INSERT (or other write) with its arguments bound; returns the rows it changed. */
  static int update(Connection db, String sql, Object... args) throws SQLException {
    return Statements.with(
        db,
        sql,
        p -> {
          bind(p, args);
          return p.executeUpdate();
        });
  }

  /** Inserts one row and returns its row id, for the caller to chain it or name it. */
  static long insert(Connection db, String sql, Object... args) throws SQLException {
    update(db, sql, args);
    return lastId(db);
  }

  /** The row id of the row this connection inserted last. */
  static long lastId(Connection db) throws SQLException {
    return Statements.with(
        db,
        "SELECT last_insert_rowid()",
        p -> {
          try (ResultSet r = p.executeQuery()) {
            return r.getLong(1);
          }
        });
  }

  /**
   * Binds {@code args} to the statement's {@code ?} in order, each as the ledger has always written
   * it, since the hash chain hashes every value with its SQLite type: a String as text, a Long or
   * Integer as an integer, a Boolean as the integer 1 or 0, an Instant as its ISO-8601 text ({@link
   * Instant#toString}, as every {@code *_at} column holds it; never the driver's own date format),
   * null as NULL. A time compared in SQL is passed as its epoch second (a Long) by the caller.
   *
   * @throws IllegalArgumentException for any other type, rather than let the driver choose a form
   */
  static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      int at = i + 1;
      Object arg = args[i];
      if (arg == null) {
        p.setNull(at, Types.NULL);
      } else if (arg instanceof String text) {
        p.setString(at, text);
      } else if (arg instanceof Long number) {
        p.setLong(at, number);
      } else if (arg instanceof Integer number) {
        p.setInt(at, number);
      } else if (arg instanceof Boolean yes) {
        p.setInt(at, yes ? 1 : 0);
      } else if (arg instanceof Instant instant) {
        p.setString(at, instant.toString());
      } else {
        throw new IllegalArgumentException(
            "cannot write a " + arg.getClass().getName() + " to the ledger; pass its text");
      }
    }
  }
}
