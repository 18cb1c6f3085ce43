package org.parkgate.controller.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Signed anchors written into a ledger being bulk-loaded for a benchmark, through {@link
 * Anchors#append}, on a connection without a {@link Ledger}.
 */
public final class BulkAnchors {
  private BulkAnchors() {}

  /** Signs {@code head} as anchor {@code anchorNo} and chains the row; returns the new head. */
  public static HashChain.Head sign(
      Connection db, HashChain.Head head, SiteKey key, long anchorNo, Instant at)
      throws SQLException {
    Anchors.append(db, head, key, anchorNo, "periodic", at);
    return HashChain.head(db);
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
