package org.parkgate.controller.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Checks a ledger file without trusting it: SQLite's integrity check, the hash chain over every
 * row, the numbering of receipts, events and Z-reports, the append-only triggers, and optionally
 * that a chain head printed earlier (on a Z-report) is still in the chain. Opens read-only, so it
 * can run beside a working controller or on a copy.
 */
public final class LedgerVerifier {
  /**
   * The append-only triggers every ledger has, as the migrations make them: a no-update and a
   * no-delete trigger on the chain, on each chained table and on the other append-only tables.
   */
  static final List<String> TRIGGERS = List.copyOf(Migrations.expectedTriggers().keySet());

  /**
   * A head printed earlier, to be found unchanged: catches a ledger cut short or rewritten from
   * there on.
   */
  public record Anchor(long link, String hash) {
    public static Anchor parse(String text) {
      String[] parts = text.split(":", 2);
      if (parts.length != 2 || !parts[0].matches("\\d+") || !parts[1].matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "an anchor is LINK:SHA256 as printed on a Z-report, e.g. 345:0a1b...(64 hex digits); got '"
                + text
                + "'");
      }
      return new Anchor(Long.parseLong(parts[0]), parts[1].toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** What was checked and, if anything is wrong, the problems found (the first bad entry first). */
  public record Result(
      Path file,
      long links,
      HashChain.Head head,
      long receipts,
      long events,
      long zReports,
      List<String> problems,
      List<String> notes) {
    public boolean ok() {
      return problems.isEmpty();
    }

    public String summary() {
      if (ok()) {
        return "ledger "
            + file
            + " verified: integrity ok; "
            + links
            + " chain links, head link "
            + head.link()
            + " sha256 "
            + head.hash()
            + "; "
            + receipts
            + " receipts, "
            + events
            + " events, "
            + zReports
            + " Z-reports, numbered without gaps"
            + notes.stream().map(n -> "; " + n).collect(java.util.stream.Collectors.joining());
      }
      return "ledger "
          + file
          + " FAILED verification: "
          + String.join("; ", problems)
          + notes.stream().map(n -> "; " + n).collect(java.util.stream.Collectors.joining());
    }
  }

  private LedgerVerifier() {}

  /**
   * Verifies the ledger at {@code file}.
   *
   * @throws LedgerException if the file cannot be read as a ledger at all (missing, not SQLite, no
   *     chain)
   */
  public static Result verify(Path file, Optional<Anchor> anchor) {
    return verify(file, anchor, (db, problems, notes) -> {});
  }

  /**
   * As {@link #verify(Path, Optional)}, and every signed anchor checked against the site's public
   * key {@code key}: signed by it, its signature good, and its chain link still holding the hash it
   * signed. The last good anchor is named, and how much was written after it.
   */
  public static Result verify(Path file, Optional<Anchor> anchor, java.security.PublicKey key) {
    return verify(
        file, anchor, (db, problems, notes) -> AnchorCheck.check(db, key, problems, notes));
  }

  /** A further check on the same snapshot as the rest: adds what is wrong, and what to report. */
  interface SnapshotCheck {
    void check(Connection db, List<String> problems, List<String> notes) throws SQLException;
  }

  /** As {@link #verify(Path, Optional)}, with {@code more} checked on the same snapshot. */
  static Result verify(Path file, Optional<Anchor> anchor, SnapshotCheck more) {
    if (!Files.isRegularFile(file)) {
      throw new LedgerException("no ledger file at " + file);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
      // One read transaction, so every check sees the same snapshot: a controller committing a
      // row and its chain link between two of our queries would otherwise look like a row
      // inserted behind the ledger's back.
      db.setAutoCommit(false);
      List<String> problems = new ArrayList<>();
      String integrity = integrity(db);
      if (!"ok".equals(integrity)) {
        problems.add("SQLite integrity check: " + integrity);
        return new Result(file, 0, new HashChain.Head(0, ""), 0, 0, 0, problems, List.of());
      }
      requireChain(db, file);
      requireCurrentSchema(db, file);
      ChainWalk walk = ChainWalk.run(db);
      walk.problem().ifPresent(problems::add);
      Numbering numbering = Numbering.check(db);
      problems.addAll(numbering.problems());
      problems.addAll(ShiftCheck.check(db));
      problems.addAll(HandoverCheck.check(db));
      StayLengthCheck.check(db).ifPresent(problems::add);
      TakingsSumCheck.check(db).ifPresent(problems::add);
      EventCheck.check(db, problems);
      anchor.flatMap(a -> anchorProblem(db, a)).ifPresent(problems::add);
      missingTriggers(db).ifPresent(problems::add);
      problems.addAll(replacedTriggers(db));
      problems.addAll(schemaChanges(db));
      List<String> notes = new ArrayList<>();
      more.check(db, problems, notes);
      return new Result(
          file,
          walk.links(),
          walk.head(),
          numbering.receipts(),
          numbering.events(),
          numbering.zReports(),
          problems,
          notes);
    } catch (SQLException e) {
      throw new LedgerException("cannot read " + file + " as a ledger: " + e.getMessage(), e);
    }
  }

  private static String integrity(Connection db) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      while (r.next() && lines.size() < 3) {
        lines.add(r.getString(1));
      }
    }
    return String.join(" / ", lines);
  }

  private static void requireChain(Connection db, Path file) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('chain', 'payments')")) {
      if (r.getInt(1) < 2) {
        throw new LedgerException(
            file
                + " is not a parkgate ledger with a hash chain (start the controller on it once to migrate)");
      }
    }
  }

  /** Tables a newer schema added would look deleted on an older ledger: say so instead. */
  private static void requireCurrentSchema(Connection db, Path file) throws SQLException {
    int version = Migrations.currentVersion(db);
    int latest = Migrations.latestVersion();
    if (version < latest) {
      throw new LedgerException(
          file
              + " is at ledger schema version "
              + version
              + ", this verifier checks version "
              + latest
              + " (start the controller on it once to migrate)");
    }
  }

  private static Optional<String> anchorProblem(Connection db, Anchor anchor) {
    try (var p = db.prepareStatement("SELECT hash FROM chain WHERE link = ?")) {
      p.setLong(1, anchor.link());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.of(
              "anchor: chain link "
                  + anchor.link()
                  + " is gone: the ledger was cut short after it was printed");
        }
        return r.getString(1).equals(anchor.hash())
            ? Optional.empty()
            : Optional.of(
                "anchor: chain link "
                    + anchor.link()
                    + " no longer has the hash printed for it: the ledger was rewritten");
      }
    } catch (SQLException e) {
      return Optional.of("anchor: cannot read chain link " + anchor.link() + ": " + e.getMessage());
    }
  }

  /**
   * Tables and indexes changed from the migrations' statements, and tables, indexes or triggers the
   * migrations never made (a trigger that rewrites what is inserted, a table to hide rows in).
   * Triggers missing or replaced are reported by their own checks.
   */
  private static List<String> schemaChanges(Connection db) throws SQLException {
    java.util.Map<String, String> expected = Migrations.expectedSchema();
    java.util.Map<String, String> actual = Migrations.schema(db);
    List<String> changed = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    for (java.util.Map.Entry<String, String> e : actual.entrySet()) {
      String want = expected.get(e.getKey());
      if (e.getKey().equals("table schema_migrations")) {
        continue; // the migrations' own record, made by the code that applies them
      }
      if (want == null) {
        extra.add(e.getKey());
      } else if (!e.getKey().startsWith("trigger ") && !want.equals(e.getValue())) {
        changed.add(e.getKey());
      }
    }
    List<String> problems = new ArrayList<>();
    if (!changed.isEmpty()) {
      problems.add("schema: changed from what the migrations made: " + String.join(", ", changed));
    }
    if (!extra.isEmpty()) {
      problems.add("schema: not made by the migrations: " + String.join(", ", extra));
    }
    return problems;
  }

  /** Triggers present under an expected name whose statement is not the migration's. */
  private static List<String> replacedTriggers(Connection db) throws SQLException {
    java.util.Map<String, String> expected = Migrations.expectedTriggers();
    List<String> replaced = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")) {
      while (r.next()) {
        String want = expected.get(r.getString(1));
        if (want != null && !want.equals(Migrations.normal(r.getString(2)))) {
          replaced.add(r.getString(1));
        }
      }
    }
    return replaced.isEmpty()
        ? List.of()
        : List.of(
            "append-only triggers replaced by others of the same name: "
                + String.join(", ", replaced));
  }

  private static Optional<String> missingTriggers(Connection db) throws SQLException {
    List<String> present = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT type, name FROM sqlite_master")) {
      while (r.next()) {
        (r.getString(1).equals("trigger") ? present : tables).add(r.getString(2));
      }
    }
    // A trigger belongs to the table it is on: a ledger from before a table's migration lacks
    // both.
    java.util.Map<String, String> expected = Migrations.expectedTriggers();
    List<String> missing =
        TRIGGERS.stream()
            .filter(t -> !present.contains(t))
            .filter(t -> tables.contains(onTable(expected.get(t))))
            .toList();
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("append-only triggers removed: " + String.join(", ", missing));
  }

  private static final java.util.regex.Pattern ON_TABLE =
      java.util.regex.Pattern.compile(
          " ON (\\w+) (?:BEGIN|FOR EACH ROW)", java.util.regex.Pattern.CASE_INSENSITIVE);

  /** The table a trigger's statement is on. */
  private static String onTable(String trigger) {
    java.util.regex.Matcher m = ON_TABLE.matcher(trigger);
    if (!m.find()) {
      throw new IllegalStateException("a migration's trigger names no table: " + trigger);
    }
    return m.group(1);
  }
}
