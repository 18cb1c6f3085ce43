package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The prepared statements kept for a ledger's connection: each SQL text is prepared once and run
 * again with new arguments, so a lookup or an insert that every lane or payment makes costs the
 * query alone, not its parse. A connection no ledger keeps statements for (a migration, a
 * verifier's copy) gets a fresh statement, closed after use; so does a statement already in use
 * further up the call (a row reader asking the same question again). Used under the ledger's lock,
 * as everything on its connection is.
 */
final class Statements {
  private static final Map<Connection, Statements> KEPT =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private final Map<String, PreparedStatement> bySql = new HashMap<>();
  private final Set<String> busy = new HashSet<>();

  private Statements() {}

  /** Work on a statement: bind, run, read; the statement is the caller's only during the call. */
  @FunctionalInterface
  interface Use<T> {
    T run(PreparedStatement p) throws SQLException;
  }

  /** From now on statements run on {@code db} are kept until {@link #release}. */
  static void keepFor(Connection db) {
    KEPT.put(db, new Statements());
  }

  /** Closes the statements kept for {@code db}; later ones are fresh again. */
  static void release(Connection db) throws SQLException {
    Statements kept = KEPT.remove(db);
    if (kept != null) {
      for (PreparedStatement p : kept.bySql.values()) {
        p.close();
      }
    }
  }

  /** Runs {@code use} on the statement for {@code sql} on {@code db}, with no arguments bound. */
  static <T> T with(Connection db, String sql, Use<T> use) throws SQLException {
    Statements kept = KEPT.get(db);
    if (kept == null || !kept.busy.add(sql)) {
      try (PreparedStatement p = db.prepareStatement(sql)) {
        return use.run(p);
      }
    }
    try {
      PreparedStatement p = kept.bySql.get(sql);
      if (p == null) {
        p = db.prepareStatement(sql);
        kept.bySql.put(sql, p);
      } else {
        p.clearParameters();
      }
      return use.run(p);
    } finally {
      kept.busy.remove(sql);
    }
  }
}
