package org.parkgate.controller.ledger;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A signed anchor as it travels in the chain's links (head office's copy): read out of its link's
 * row text and checked with the site's public key, as {@code ./parking verify --key} checks it in
 * the ledger.
 */
public final class AnchorLinks {
  private AnchorLinks() {}

  /** The anchor a link of table {@code anchors} holds. */
  public static Anchors.Anchor anchor(ChainLinks.Link link) {
    if (!link.table().equals(ChainedTable.ANCHORS.table())) {
      throw new IllegalArgumentException("link " + link.link() + " is not an anchor");
    }
    List<Object> v = ChainRebuild.values(link, ChainedTable.ANCHORS);
    return new Anchors.Anchor(
        (Long) v.get(0),
        (Long) v.get(1),
        (String) v.get(2),
        (String) v.get(3),
        (String) v.get(4),
        (String) v.get(5),
        Instant.parse((String) v.get(6)));
  }

  /**
   * Why the anchor in {@code link} does not hold: signed with another key, a signature that does
   * not verify, or a chain head other than {@code hashAtLink}, the hash held for the link it signed
   * (null when that link is not held); empty when it holds.
   */
  public static Optional<String> problem(
      ChainLinks.Link link, PublicKey key, String keyText, String hashAtLink) {
    Anchors.Anchor a;
    try {
      a = anchor(link);
    } catch (RuntimeException e) {
      return Optional.of("its row cannot be read as an anchor: " + e.getMessage());
    }
    Optional<String> signature = AnchorCheck.signatureProblem(a, key, keyText);
    if (signature.isPresent()) {
      return signature;
    }
    if (hashAtLink == null) {
      return Optional.of("it signs link " + a.chainLink() + ", which is not held");
    }
    if (!hashAtLink.equals(a.chainHead())) {
      return Optional.of(
          "it signs link " + a.chainLink() + " with another hash than the one held: changed");
    }
    return Optional.empty();
  }
}
