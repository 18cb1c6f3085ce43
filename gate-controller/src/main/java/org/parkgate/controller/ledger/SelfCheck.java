package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The controller's check of its own ledger at start: the last signed anchor is good (signed by this
 * site's key, its link still holding the hash it signed), and every link written after it still
 * matches its row. Only what came after the last anchor is recomputed, and the controller signs at
 * every stop and every few minutes, so the check stays short however long the ledger is; the daily
 * check verifies all of it ({@link LedgerVerifier}).
 */
public final class SelfCheck {
  /**
   * What was checked: links after {@code fromLink} up to {@code head}; the first bad entry, if any.
   */
  public record Outcome(long fromLink, long head, Optional<String> problem) {
    public boolean ok() {
      return problem.isEmpty();
    }
  }

  private SelfCheck() {}

  /** Checks {@code ledger} from its last signed anchor (from the start when it has none). */
  public static Outcome sinceLastAnchor(Ledger ledger) {
    SiteKey key = ledger.siteKey();
    return ledger.read(
        () -> check(ledger.connection(), key), () -> "cannot read the ledger to check it");
  }

  private static Outcome check(Connection db, SiteKey key) throws SQLException {
    Optional<Anchors.Anchor> last = Anchors.last(db);
    long from = 0;
    String hash = java.util.HexFormat.of().formatHex(HashChain.GENESIS);
    if (last.isPresent()) {
      Anchors.Anchor a = last.get();
      from = a.chainLink();
      hash = a.chainHead();
      Optional<String> bad = anchorProblem(db, a, key);
      if (bad.isPresent()) {
        return new Outcome(
            from, from, Optional.of("signed anchor no. " + a.anchorNo() + ": " + bad.get()));
      }
    }
    long link = from;
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT link, tbl, row_id, hash FROM chain WHERE link > ? ORDER BY link")) {
      p.setLong(1, from);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long next = r.getLong(1);
          String where =
              "chain link " + next + " (" + r.getString(2) + " row " + r.getLong(3) + ")";
          if (next != link + 1) {
            return new Outcome(from, link, Optional.of("chain link " + (link + 1) + " is missing"));
          }
          Optional<ChainedTable> table = ChainedTable.of(r.getString(2));
          if (table.isEmpty()) {
            return new Outcome(from, link, Optional.of(where + ": no such ledger table"));
          }
          Optional<String> canonical = canonical(db, next, table.get(), r.getLong(3));
          if (canonical.isEmpty()) {
            return new Outcome(from, link, Optional.of(where + ": its row is gone"));
          }
          String expected = HashChain.hash(hash, canonical.get());
          if (!expected.equals(r.getString(4))) {
            return new Outcome(
                from,
                link,
                Optional.of(
                    where + ": its hash does not match the row: changed after it was written"));
          }
          hash = expected;
          link = next;
        }
      }
    }
    return new Outcome(from, link, Optional.empty());
  }

  /** The anchor's signature by this site's key (when the ledger has it), then its link. */
  private static Optional<String> anchorProblem(Connection db, Anchors.Anchor a, SiteKey key)
      throws SQLException {
    Optional<String> signature =
        key == null
            ? Optional.empty()
            : AnchorCheck.signatureProblem(a, key.publicKey(), key.publicKeyText());
    return signature.isPresent() ? signature : AnchorCheck.linkProblem(db, a);
  }

  private static Optional<String> canonical(
      Connection db, long link, ChainedTable table, long rowId) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(table.selectOne())) {
      p.setLong(1, rowId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(HashChain.canonical(link, table, r)) : Optional.empty();
      }
    }
  }
}
