package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.ledger.UnpaidBalances;
import org.parkgate.controller.site.ArrearsElsewhere;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;

/**
 * A plate left owing at north, shipped to head office, is known at south within one ask; south's
 * role learns only other sites' plates, and may not ask in north's name.
 */
class CentralArrearsTest {
  private static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  private static PgCluster pg;

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

  private SiteConfig.Central settings(String site, boolean arrears) throws Exception {
    return HeadOffice.register(pg, dir, site, "pw-" + site + "-12345", 100, arrears);
  }

  @Test
  void aPlateOwingAtNorthIsKnownAtSouthAndSouthMayNotAskForNorth() throws Exception {
    try (Ledger north = Ledger.open(dir.resolve("north.db"), "north")) {
      Stays stays = new Stays(north);
      long stay = stays.recordEntry("entry-1", "CARD1", T0).stayId();
      stays.recordExit(stay, "exit-1", T0.plusSeconds(3600));
      new UnpaidBalances(north)
          .record("粤B00001", stay, "exit-1", Money.of(1200, "CNY"), "barrier fault", T0);
      long other = stays.recordEntry("entry-1", "CARD2", T0).stayId();
      new UnpaidBalances(north)
          .record("粤B00002", other, "exit-1", Money.of(300, "CNY"), "held open", T0);
      long head = ChainLinks.head(north).link();
      try (Replicator r =
          Replicator.start(north, "north", settings("north", false), Clock.systemUTC())) {
        waitFor(() -> r.status().centralLink() == head);
      }
    }
    try (Ledger south = Ledger.open(dir.resolve("south.db"), "south");
        Replicator r =
            Replicator.start(south, "south", settings("south", true), Clock.systemUTC())) {
      CentralArrears arrears = r.arrears();
      waitFor(() -> arrears.asked() != null);
      assertEquals(
          List.of(new ArrearsElsewhere.Owed("north", "Car park north", Money.of(1200, "CNY"), T0)),
          arrears.of("粤B00001"));
      assertEquals(Money.of(300, "CNY"), arrears.of("粤B00002").get(0).amount());
      assertEquals(List.of(), arrears.of("粤B99999"));
    }

    try (Connection asSouth =
            DriverManager.getConnection(pg.url(), CentralSchema.roleOf("south"), "pw-south-12345");
        PreparedStatement p =
            asSouth.prepareStatement("SELECT * FROM central.arrears_elsewhere('north')")) {
      SQLException e = assertThrows(SQLException.class, p::executeQuery);
      assertEquals("42501", e.getSQLState(), e.getMessage());
      assertThrows(
          SQLException.class,
          () -> asSouth.createStatement().executeQuery("SELECT * FROM central.arrears"));
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    HeadOffice.await("head office", done);
  }
}
