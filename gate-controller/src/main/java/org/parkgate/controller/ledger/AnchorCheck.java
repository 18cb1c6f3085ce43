package org.parkgate.controller.ledger;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code verify --key}: each signed anchor, oldest first, must be signed by the site key the
 * auditor holds, with a good signature, over a chain head the chain still has. The first that is
 * not is named with the last good one before it; when all are good, the last is named with how much
 * was written after it, unsigned (a tail cut off after it leaves no trace but that).
 */
final class AnchorCheck {
  private AnchorCheck() {}

  static void check(Connection db, PublicKey key, List<String> problems, List<String> notes)
      throws SQLException {
    String keyText = SiteKey.text(key);
    List<Anchors.Anchor> anchors =
        LedgerRows.list(db, Anchors.SELECT + " ORDER BY anchor_no", Anchors::anchor);
    if (anchors.isEmpty()) {
      problems.add(
          "no signed anchor in the ledger: nothing in it was signed with the site key (cut short"
              + " before the first, or never signed)");
      return;
    }
    Anchors.Anchor good = null;
    for (Anchors.Anchor a : anchors) {
      Optional<String> bad = problem(db, a, key, keyText);
      if (bad.isPresent()) {
        problems.add(
            "signed anchor "
                + describe(a)
                + ": "
                + bad.get()
                + (good == null
                    ? "; no signed anchor before it is good"
                    : "; the last good signed anchor is " + describe(good)));
        return;
      }
      good = a;
    }
    long head =
        LedgerRows.first(db, "SELECT COALESCE(MAX(link), 0) FROM chain", r -> r.getLong(1))
            .orElse(0L);
    long unsigned = head - good.chainLink() - 1; // the anchor's own row is not counted
    String lastEvent =
        LedgerRows.first(db, "SELECT MAX(recorded_at) FROM events", r -> r.getString(1))
            .orElse(null);
    notes.add(
        "signed anchors: "
            + anchors.size()
            + ", all good with the key given; the last is "
            + describe(good)
            + (unsigned > 0
                ? ", "
                    + unsigned
                    + " links written after it are not signed yet (last event "
                    + lastEvent
                    + ")"
                : ", at the head"));
  }

  private static Optional<String> problem(
      Connection db, Anchors.Anchor a, PublicKey key, String keyText) throws SQLException {
    Optional<String> signature = signatureProblem(a, key, keyText);
    return signature.isPresent() ? signature : linkProblem(db, a);
  }

  /** Whether {@code a} was signed by {@code key} (given also as printed) over what it holds. */
  static Optional<String> signatureProblem(Anchors.Anchor a, PublicKey key, String keyText) {
    if (!a.publicKey().equals(keyText)) {
      return Optional.of("signed with another key than the one given");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(a.signature());
    } catch (IllegalArgumentException e) {
      return Optional.of("its signature is not base64: the anchor was changed");
    }
    byte[] text =
        Anchors.signedText(a.anchorNo(), a.chainLink(), a.chainHead(), a.reason(), a.signedAt());
    if (!SiteKey.verify(key, text, signature)) {
      return Optional.of("its signature does not verify: the anchor was forged or changed");
    }
    return Optional.empty();
  }

  /** Whether the chain link {@code a} signed still holds the hash it signed. */
  static Optional<String> linkProblem(Connection db, Anchors.Anchor a) throws SQLException {
    Optional<String> hash =
        LedgerRows.first(
            db, "SELECT hash FROM chain WHERE link = ?", r -> r.getString(1), a.chainLink());
    if (hash.isEmpty()) {
      return Optional.of(
          "chain link " + a.chainLink() + " it signed is gone: the ledger was cut short");
    }
    if (!hash.get().equals(a.chainHead())) {
      return Optional.of(
          "chain link "
              + a.chainLink()
              + " no longer has the hash it signed: the chain was recomputed after an edit");
    }
    return Optional.empty();
  }

  private static String describe(Anchors.Anchor a) {
    return "no. "
        + a.anchorNo()
        + " at chain link "
        + a.chainLink()
        + " ("
        + a.reason()
        + ", "
        + a.signedAt()
        + ")";
  }
}
