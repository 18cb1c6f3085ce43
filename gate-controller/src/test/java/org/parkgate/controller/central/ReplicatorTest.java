package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;

/**
 * A site's ledger shipped to a real PostgreSQL: head office ends up with every link, in order, as
 * the site holds it, across a head office that went down and came back, a shipper that restarted,
 * and refuses to ship a ledger that has parted from what head office holds.
 */
class ReplicatorTest {
  private static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  private static PgCluster pg;
  private static int sites;

  @TempDir Path dir;

  @BeforeAll
  static void headOffice() throws Exception {
    pg = HeadOffice.start();
  }

  @AfterAll
  static void close() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  /** A new site at head office, and the site's settings to ship to it. */
  private SiteConfig.Central register(String site) throws Exception {
    return HeadOffice.register(pg, dir, site, "pw-" + site + "-" + (++sites), 7, false);
  }

  private static void drive(Ledger ledger, int from, int to) {
    Stays stays = new Stays(ledger);
    Payments payments = new Payments(ledger);
    for (int i = from; i <= to; i++) {
      Instant at = T0.plusSeconds(60L * i);
      Stay s = stays.recordEntry("entry-1", "CARD" + i, at);
      payments.recordPayment(
          "pay-" + i,
          s.stayId(),
          "exit-1",
          Money.of(100L * i, "CNY"),
          "cashier1",
          at.plusSeconds(30));
      stays.recordExit(s.stayId(), "exit-1", at.plusSeconds(40));
    }
  }

  private static List<ChainLinks.Link> central(String site) throws SQLException {
    return HeadOffice.links(pg, site);
  }

  private static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
    HeadOffice.await(what, done);
  }

  private static void assertSameChain(Ledger ledger, String site) throws SQLException {
    List<ChainLinks.Link> local = ChainLinks.after(ledger, 0, Integer.MAX_VALUE);
    assertEquals(local, central(site), "head office holds the site's chain link for link");
  }

  @Test
  void everyLinkReachesHeadOfficeInOrderAndKeepsComing() throws Exception {
    SiteConfig.Central settings = register("north");
    try (Ledger ledger = Ledger.open(dir.resolve("north.db"), "north")) {
      drive(ledger, 1, 20);
      long head = ChainLinks.head(ledger).link();
      try (Replicator r = Replicator.start(ledger, "north", settings, Clock.systemUTC())) {
        waitFor("link " + head, () -> r.status().centralLink() == head);
        assertSameChain(ledger, "north");
        assertNotNull(r.status().lastShipped());

        drive(ledger, 21, 25);
        long later = ChainLinks.head(ledger).link();
        assertTrue(later > head);
        waitFor("link " + later, () -> r.status().centralLink() == later);
        assertSameChain(ledger, "north");
      }
    }
  }

  @Test
  void aSiteCatchesUpAfterHeadOfficeWasDownAndAfterItsOwnRestart() throws Exception {
    SiteConfig.Central settings = register("south");
    try (Ledger ledger = Ledger.open(dir.resolve("south.db"), "south")) {
      drive(ledger, 1, 5);
      try (Replicator r = Replicator.start(ledger, "south", settings, Clock.systemUTC())) {
        long first = ChainLinks.head(ledger).link();
        waitFor("link " + first, () -> r.status().centralLink() == first);

        pg.kill();
        drive(ledger, 6, 30); // the lanes go on while head office is down
        waitFor("the shipper to notice", () -> r.status().problem() != null);
        pg.start();
        long head = ChainLinks.head(ledger).link();
        waitFor("the catch-up to link " + head, () -> r.status().centralLink() == head);
        assertEquals(null, r.status().problem());
      }
      assertSameChain(ledger, "south");

      // The controller stops and starts again: it asks head office where it is, and goes on.
      drive(ledger, 31, 40);
      try (Replicator again = Replicator.start(ledger, "south", settings, Clock.systemUTC())) {
        long head = ChainLinks.head(ledger).link();
        waitFor("link " + head, () -> again.status().centralLink() == head);
      }
      assertSameChain(ledger, "south");
    }
  }

  @Test
  void aLedgerThatPartedFromHeadOfficeShipsNothing() throws Exception {
    SiteConfig.Central settings = register("east");
    try (Ledger ledger = Ledger.open(dir.resolve("east.db"), "east")) {
      drive(ledger, 1, 10);
      try (Replicator r = Replicator.start(ledger, "east", settings, Clock.systemUTC())) {
        long head = ChainLinks.head(ledger).link();
        waitFor("link " + head, () -> r.status().centralLink() == head);
      }
    }
    List<ChainLinks.Link> held = central("east");

    // Another ledger under the same site id: its links differ from the first link on.
    try (Ledger other = Ledger.open(dir.resolve("east-other.db"), "east")) {
      drive(other, 101, 130);
      try (Replicator r = Replicator.start(other, "east", settings, Clock.systemUTC())) {
        waitFor("a refusal", () -> r.status().problem() != null);
        assertTrue(r.status().problem().contains("differs from this ledger"), r.status().problem());
      }
    }
    // A ledger shorter than what head office holds (a stale copy put back).
    try (Ledger stale = Ledger.open(dir.resolve("east-stale.db"), "east")) {
      drive(stale, 1, 2);
      try (Replicator r = Replicator.start(stale, "east", settings, Clock.systemUTC())) {
        waitFor("a refusal", () -> r.status().problem() != null);
        assertTrue(r.status().problem().contains("ends before it"), r.status().problem());
      }
    }
    assertEquals(held, central("east"), "head office's copy is unchanged");
  }
}
