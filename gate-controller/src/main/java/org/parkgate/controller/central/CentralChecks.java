package org.parkgate.controller.central;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parkgate.controller.ledger.ChainLinks;

/**
 * Head office's own checks of what it holds: {@code central verify} walks every link from link 1
 * and each signed anchor with the site's key; {@code central watch} checks the anchors that arrived
 * since its last look, alarming a bad one and disabling its site.
 */
final class CentralChecks {
  private final PrintStream out;
  private final PrintStream err;

  CentralChecks(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int verify(Connection db, String only) throws SQLException {
    List<String> sites = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT site_id FROM central.sites"
                + (only == null ? "" : " WHERE site_id = ?")
                + " ORDER BY site_id")) {
      if (only != null) {
        p.setString(1, only);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          sites.add(r.getString(1));
        }
      }
    }
    if (only != null && sites.isEmpty()) {
      err.println("central: no site '" + only + "' is registered at head office");
      return CentralMain.BAD;
    }
    if (sites.isEmpty()) {
      out.println("no sites registered (central add-site)");
      return 0;
    }
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false); // a cursor, not every link in memory
    db.setReadOnly(true);
    int bad = 0;
    try {
      for (String site : sites) {
        String problem = verifySite(db, site);
        if (problem != null) {
          bad++;
          out.println("site " + site + ": BAD " + problem);
        }
      }
    } finally {
      db.rollback();
      db.setReadOnly(false);
      db.setAutoCommit(auto);
    }
    return bad == 0 ? 0 : CentralMain.BAD;
  }

  /** Null when every link of the site chains from link 1, else the first bad link. */
  private String verifySite(Connection db, String site) throws SQLException {
    long expected = 1;
    String previous = ChainLinks.GENESIS_HASH;
    List<ChainLinks.Link> anchors = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT link, tbl, row_id, canonical, hash FROM central.links WHERE site_id = ?"
                + " ORDER BY link")) {
      p.setFetchSize(2000);
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long link = r.getLong(1);
          String tbl = r.getString(2);
          long rowId = r.getLong(3);
          String canonical = r.getString(4);
          String hash = r.getString(5);
          if (link != expected) {
            return "link " + expected + ": missing (the next held is link " + link + ")";
          }
          String[] lines = canonical.split("\n", 4);
          if (lines.length < 4
              || !lines[0].equals("link=" + link)
              || !lines[1].equals("table=" + tbl)
              || !lines[2].endsWith("=i" + rowId)) {
            return "link "
                + link
                + ": its text does not name link "
                + link
                + " of "
                + tbl
                + " row "
                + rowId;
          }
          String computed = ChainLinks.hash(previous, canonical);
          if (!computed.equals(hash)) {
            return "link "
                + link
                + " ("
                + tbl
                + " row "
                + rowId
                + "): hash "
                + hash
                + " held, the chain gives "
                + computed;
          }
          if (tbl.equals("anchors")) {
            anchors.add(new ChainLinks.Link(link, tbl, rowId, canonical, hash));
          }
          previous = hash;
          expected++;
        }
      }
    }
    String anchorsSaid = anchors(db, site, anchors);
    if (anchorsSaid.startsWith("BAD ")) {
      return anchorsSaid.substring(4);
    }
    out.println(
        "site "
            + site
            + ": "
            + (expected - 1)
            + " links verify"
            + (expected > 1 ? ", head " + (expected - 1) + " " + previous : "")
            + "; "
            + anchorsSaid);
    return null;
  }

  /** Why the anchor in link {@code a} does not hold with the site's key; empty when it holds. */
  private static java.util.Optional<String> anchorProblem(
      Connection db, String site, ChainLinks.Link a, java.security.PublicKey key, String keyText)
      throws SQLException {
    long signed;
    try {
      signed = org.parkgate.controller.ledger.AnchorLinks.anchor(a).chainLink();
    } catch (RuntimeException e) {
      return java.util.Optional.of("its row cannot be read as an anchor: " + e.getMessage());
    }
    String held;
    try (PreparedStatement p =
        db.prepareStatement("SELECT hash FROM central.links WHERE site_id = ? AND link = ?")) {
      p.setString(1, site);
      p.setLong(2, signed);
      try (ResultSet r = p.executeQuery()) {
        held = r.next() ? r.getString(1) : null;
      }
    }
    return org.parkgate.controller.ledger.AnchorLinks.problem(a, key, keyText, held);
  }

  /**
   * Checks the signed anchors that arrived since the last look, for every enabled site whose key
   * head office holds; a bad one is alarmed ({@code ANCHOR}) and its site disabled, so nothing more
   * is taken from it until someone has looked. Returns how many sites were found bad.
   */
  int watchOnce(Connection db, Map<String, Long> checked) throws SQLException {
    Map<String, String> keys = new java.util.TreeMap<>();
    try (PreparedStatement p =
            db.prepareStatement(
                "SELECT site_id, public_key FROM central.sites"
                    + " WHERE enabled AND public_key IS NOT NULL ORDER BY site_id");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        keys.put(r.getString(1), r.getString(2));
      }
    }
    int bad = 0;
    for (Map.Entry<String, String> site : keys.entrySet()) {
      String id = site.getKey();
      java.security.PublicKey key =
          org.parkgate.controller.ledger.SiteKey.publicKey(site.getValue());
      List<ChainLinks.Link> fresh = new ArrayList<>();
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT link, tbl, row_id, canonical, hash FROM central.links"
                  + " WHERE site_id = ? AND tbl = 'anchors' AND link > ? ORDER BY link")) {
        p.setString(1, id);
        p.setLong(2, checked.getOrDefault(id, 0L));
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            fresh.add(
                new ChainLinks.Link(
                    r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5)));
          }
        }
      }
      int good = 0;
      for (ChainLinks.Link a : fresh) {
        java.util.Optional<String> problem = anchorProblem(db, id, a, key, site.getValue());
        if (problem.isPresent()) {
          String detail = "link " + a.link() + " (signed anchor): " + problem.get();
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO central.alarms(site_id, kind, link, detail)"
                      + " VALUES (?, 'ANCHOR', ?, ?)")) {
            p.setString(1, id);
            p.setLong(2, a.link());
            p.setString(3, detail);
            p.executeUpdate();
          }
          CentralSchema.setEnabled(db, id, false, "central watch");
          out.println("site " + id + ": BAD " + detail + "; the site is disabled");
          bad++;
          break;
        }
        checked.put(id, a.link());
        good++;
      }
      if (good > 0) {
        out.println(
            "site " + id + ": " + good + " new signed anchors good, up to link " + checked.get(id));
      }
    }
    return bad;
  }

  /**
   * The site's signed anchors checked with the key head office holds for it: what to say, or "BAD "
   * and the first anchor that does not hold.
   */
  private static String anchors(Connection db, String site, List<ChainLinks.Link> anchors)
      throws SQLException {
    String keyText;
    try (PreparedStatement p =
        db.prepareStatement("SELECT public_key FROM central.sites WHERE site_id = ?")) {
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        keyText = r.next() ? r.getString(1) : null;
      }
    }
    if (keyText == null) {
      return anchors.size() + " signed anchors not checked (no site key: central set-key)";
    }
    java.security.PublicKey key = org.parkgate.controller.ledger.SiteKey.publicKey(keyText);
    for (ChainLinks.Link a : anchors) {
      java.util.Optional<String> problem = anchorProblem(db, site, a, key, keyText);
      if (problem.isPresent()) {
        return "BAD link " + a.link() + " (signed anchor): " + problem.get();
      }
    }
    return anchors.size() + " signed anchors good with the site key";
  }
}
