package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;

/**
 * Signed anchors written into a ledger being bulk-loaded for a benchmark, exactly as {@link
 * Anchors} writes them, on a connection without a {@link Ledger}.
 */
public final class BulkAnchors {
  private BulkAnchors() {}

  /** Signs {@code head} as anchor {@code anchorNo} and chains the row; returns the new head. */
  public static HashChain.Head sign(
      Connection db, HashChain.Head head, SiteKey key, long anchorNo, Instant at)
      throws SQLException {
    String signature =
        Base64.getEncoder()
            .encodeToString(
                key.sign(Anchors.signedText(anchorNo, head.link(), head.hash(), "periodic", at)));
    LedgerRows.update(
        db,
        "INSERT INTO anchors(anchor_no, chain_link, chain_head, reason, public_key, signature,"
            + " signed_at) VALUES (?, ?, ?, 'periodic', ?, ?, ?)",
        anchorNo,
        head.link(),
        head.hash(),
        key.publicKeyText(),
        signature,
        at);
    return HashChain.append(db, head, ChainedTable.ANCHORS, anchorNo);
  }

  /** How long signing one head takes, in nanoseconds, averaged over {@code n} signatures. */
  public static double signNanos(SiteKey key, int n) {
    byte[] text = Anchors.signedText(1, 1, "0".repeat(64), "periodic", Instant.EPOCH);
    for (int i = 0; i < n / 10; i++) {
      key.sign(text);
    }
    long t = System.nanoTime();
    for (int i = 0; i < n; i++) {
      key.sign(text);
    }
    return (System.nanoTime() - t) / (double) n;
  }
}
