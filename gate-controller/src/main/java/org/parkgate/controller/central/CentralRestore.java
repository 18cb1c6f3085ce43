package org.parkgate.controller.central;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.ChainRebuild;
import org.parkgate.controller.ledger.LedgerException;

/**
 * A site whose disk died, made again from head office's copy: every link head office holds for the
 * site, read in order in pages from the database, checked link by link and written into a new
 * ledger file, which must verify. The controller started on it carries on from its newest link and
 * receipt number, and its shipper finds head office at the same link.
 */
public final class CentralRestore {
  /** Links read from the database at a time. */
  private static final int FETCH = 1_000;

  private CentralRestore() {}

  /**
   * Rebuilds site {@code siteId}'s ledger from {@code central} into the new file {@code target}.
   *
   * @throws LedgerException if head office holds nothing for the site, the links do not chain, or
   *     the rebuilt ledger does not verify (the new file is removed)
   */
  public static ChainRebuild.Rebuilt restore(Connection central, String siteId, Path target)
      throws SQLException {
    try (PreparedStatement p =
        central.prepareStatement("SELECT 1 FROM central.links WHERE site_id = ? LIMIT 1")) {
      p.setString(1, siteId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new LedgerException("head office holds no links for site '" + siteId + "'");
        }
      }
    }
    return ChainRebuild.rebuild(target, siteId, new Pages(central, siteId));
  }

  /** {@code central restore}: rebuilds and says what was rebuilt; 0 done, 1 refused. */
  static int restore(
      Connection db, String site, Path to, java.io.PrintStream out, java.io.PrintStream err)
      throws SQLException {
    try {
      org.parkgate.controller.ledger.ChainRebuild.Rebuilt r = restore(db, site, to);
      out.println(
          "site "
              + site
              + " rebuilt from head office into "
              + to
              + ": "
              + r.links()
              + " links, newest link "
              + r.head().link()
              + "; "
              + r.result().summary());
      return 0;
    } catch (org.parkgate.controller.ledger.LedgerException e) {
      err.println("central: " + e.getMessage());
      return CentralMain.BAD;
    }
  }

  /** Head office's links for one site in link order, a page at a time by link number. */
  private static final class Pages implements Iterator<ChainLinks.Link> {
    private final Connection db;
    private final String site;
    private java.util.ArrayDeque<ChainLinks.Link> page = new java.util.ArrayDeque<>();
    private long after;
    private boolean last;

    Pages(Connection db, String site) {
      this.db = db;
      this.site = site;
    }

    @Override
    public boolean hasNext() {
      if (page.isEmpty() && !last) {
        fill();
      }
      return !page.isEmpty();
    }

    @Override
    public ChainLinks.Link next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ChainLinks.Link l = page.removeFirst();
      after = l.link();
      return l;
    }

    private void fill() {
      try (PreparedStatement p =
          db.prepareStatement(
              "SELECT link, tbl, row_id, canonical, hash FROM central.links"
                  + " WHERE site_id = ? AND link > ? ORDER BY link LIMIT ?")) {
        p.setString(1, site);
        p.setLong(2, after);
        p.setInt(3, FETCH);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            page.add(
                new ChainLinks.Link(
                    r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5)));
          }
        }
        last = page.size() < FETCH;
      } catch (SQLException e) {
        throw new LedgerException("cannot read head office's links: " + e.getMessage(), e);
      }
    }
  }
}
