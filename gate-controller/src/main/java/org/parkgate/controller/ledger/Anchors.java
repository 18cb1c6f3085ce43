package org.parkgate.controller.ledger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signed anchors: the chain head signed with the site key ({@link SiteKey}) and kept as a chained
 * ledger row. Signed at every shift close and Z-report, in the transaction that closes it, and by
 * the controller at least every so often while the chain grows ({@link #signIfDue}). Without the
 * private key nobody can make one, so a ledger recomputed after an edit, or cut short, no longer
 * agrees with the anchors signed before: {@code ./parking verify --key} finds it.
 */
public final class Anchors {
  /** An anchor as recorded. */
  public record Anchor(
      long anchorNo,
      long chainLink,
      String chainHead,
      String reason,
      String publicKey,
      String signature,
      Instant signedAt) {}

  private final Ledger ledger;

  public Anchors(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * The text an anchor's signature covers: the anchor's number, the head's link and hash, why and
   * when; one {@code name=value} line each. (The key is the site's own, so it names the site.)
   */
  static byte[] signedText(long anchorNo, long link, String head, String reason, Instant at) {
    return ("parkgate-anchor-v1\nanchor="
            + anchorNo
            + "\nlink="
            + link
            + "\nhead="
            + head
            + "\nreason="
            + reason
            + "\nat="
            + at
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Signs the chain head now, inside the caller's transaction when there is one; empty when the
   * ledger has no site key, or the head is already the last anchor's.
   */
  public Optional<Anchor> sign(String reason, Instant at) {
    SiteKey key = ledger.siteKey();
    if (key == null) {
      return Optional.empty();
    }
    return ledger.inTransaction(() -> sign(ledger.connection(), key, reason, at));
  }

  /**
   * Signs the head when it moved since the last anchor and either {@code every} has passed since
   * that anchor or {@code everyPayments} payments were chained after it (or there is no anchor
   * yet).
   */
  public Optional<Anchor> signIfDue(Duration every, int everyPayments, Instant now) {
    SiteKey key = ledger.siteKey();
    if (key == null) {
      return Optional.empty();
    }
    return ledger.inTransaction(
        () -> {
          Connection db = ledger.connection();
          Optional<Anchor> last = last(db);
          HashChain.Head head = HashChain.head(db);
          long after = last.map(Anchor::chainLink).orElse(0L);
          if (head.link() <= after + (last.isPresent() ? 1 : 0)) {
            return Optional.<Anchor>empty(); // nothing since but the last anchor's own row
          }
          boolean due =
              last.isEmpty()
                  || !now.isBefore(last.get().signedAt().plus(every))
                  || LedgerRows.first(
                              db,
                              "SELECT COUNT(*) FROM chain WHERE link > ? AND tbl = 'payments'",
                              r -> r.getLong(1),
                              after)
                          .orElse(0L)
                      >= everyPayments;
          return due ? sign(db, key, "periodic", now) : Optional.<Anchor>empty();
        });
  }

  /** The newest anchor, if any. */
  public Optional<Anchor> last() {
    return ledger.read(() -> last(ledger.connection()), () -> "cannot read the signed anchors");
  }

  /** Every anchor, oldest first. */
  public List<Anchor> all() {
    return ledger.list(SELECT + " ORDER BY anchor_no", Anchors::anchor);
  }

  static final String SELECT =
      "SELECT anchor_no, chain_link, chain_head, reason, public_key, signature, signed_at"
          + " FROM anchors";

  static Optional<Anchor> last(Connection db) throws SQLException {
    return LedgerRows.first(db, SELECT + " ORDER BY anchor_no DESC LIMIT 1", Anchors::anchor);
  }

  static Anchor anchor(java.sql.ResultSet r) throws SQLException {
    return new Anchor(
        r.getLong(1),
        r.getLong(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        Instant.parse(r.getString(7)));
  }

  private Optional<Anchor> sign(Connection db, SiteKey key, String reason, Instant at)
      throws SQLException {
    HashChain.Head head = HashChain.head(db);
    if (head.link() == 0) {
      return Optional.empty(); // an empty ledger: nothing to sign
    }
    Optional<Anchor> last = last(db);
    if (last.isPresent() && last.get().chainLink() + 1 >= head.link()) {
      return Optional.empty(); // the head is the last anchor or its own row: nothing new to sign
    }
    long anchorNo = last.map(Anchor::anchorNo).orElse(0L) + 1;
    return Optional.of(append(db, head, key, anchorNo, reason, at));
  }

  /**
   * Signs {@code head} as anchor {@code anchorNo} and chains the row, inside the caller's
   * transaction; the one way an anchor is written (bulk loads use it too).
   */
  static Anchor append(
      Connection db, HashChain.Head head, SiteKey key, long anchorNo, String reason, Instant at)
      throws SQLException {
    String signature =
        Base64.getEncoder()
            .encodeToString(key.sign(signedText(anchorNo, head.link(), head.hash(), reason, at)));
    LedgerRows.update(
        db,
        "INSERT INTO anchors(anchor_no, chain_link, chain_head, reason, public_key, signature,"
            + " signed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        anchorNo,
        head.link(),
        head.hash(),
        reason,
        key.publicKeyText(),
        signature,
        at);
    HashChain.append(db, head, ChainedTable.ANCHORS, anchorNo);
    return new Anchor(
        anchorNo, head.link(), head.hash(), reason, key.publicKeyText(), signature, at);
  }
}
