package org.parkgate.controller.central;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.site.SiteConfig;

/** Head office for a test: a real server with the schema and views, sites, and what it holds. */
public final class HeadOffice {
  private HeadOffice() {}

  /** A new PostgreSQL test cluster with head office's schema and views installed. */
  public static PgCluster start() throws Exception {
    PgCluster pg = PgCluster.create();
    try (Connection db = pg.superuser()) {
      CentralSchema.install(db);
      CentralViews.install(db);
    }
    return pg;
  }

  /**
   * Registers {@code site} with {@code password} and returns the settings its controller ships with
   * (the password in {@code dir}/SITE.password; retry 100 ms; arrears asked every second).
   */
  public static SiteConfig.Central register(
      PgCluster pg, Path dir, String site, String password, int batch, boolean arrears)
      throws Exception {
    try (Connection db = pg.superuser()) {
      CentralSchema.addSite(db, site, "Car park " + site, "Asia/Shanghai", "CNY", password, "t");
    }
    Path pw = dir.resolve(site + ".password");
    Files.writeString(pw, password + "\n");
    return new SiteConfig.Central(
        pg.url(),
        CentralSchema.roleOf(site),
        pw,
        batch,
        Duration.ofMillis(100),
        arrears,
        Duration.ofSeconds(1));
  }

  /**
   * Registers {@code site} (its days in {@code zone}, money in {@code currency}) and ships all of
   * {@code ledger} to head office with the site's own shipper, returning once head office holds it.
   */
  public static void ship(
      PgCluster pg,
      Path dir,
      org.parkgate.controller.ledger.Ledger ledger,
      String site,
      String zone,
      String currency)
      throws Exception {
    String password = "pw-" + site;
    try (Connection db = pg.superuser()) {
      CentralSchema.addSite(db, site, "Car park " + site, zone, currency, password, "test");
    }
    Path pw = dir.resolve(site + ".password");
    Files.writeString(pw, password + "\n");
    SiteConfig.Central settings =
        new SiteConfig.Central(pg.url(), CentralSchema.roleOf(site), pw, 50, Duration.ofMillis(50));
    long head = ChainLinks.head(ledger).link();
    try (Replicator r = Replicator.start(ledger, site, settings, java.time.Clock.systemUTC())) {
      await("link " + head + " of " + site, () -> r.status().centralLink() == head);
    }
  }

  /** Every link head office holds for {@code site}, in order. */
  public static List<ChainLinks.Link> links(PgCluster pg, String site) throws SQLException {
    List<ChainLinks.Link> out = new ArrayList<>();
    try (Connection db = pg.superuser();
        PreparedStatement p =
            db.prepareStatement(
                "SELECT link, tbl, row_id, canonical, hash FROM central.links"
                    + " WHERE site_id = ? ORDER BY link")) {
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new ChainLinks.Link(
                  r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5)));
        }
      }
    }
    return out;
  }

  /** Waits up to 30 s for {@code done}, failing with {@code what}. */
  public static void await(String what, BooleanSupplier done) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("waited 30 s for " + what);
      }
      Thread.sleep(20);
    }
  }
}
