package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.Blacklist;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.ChainRebuild;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.Payment;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Reversals;
import org.parkgate.controller.ledger.SeasonCards;
import org.parkgate.controller.ledger.Shifts;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.SiteConfig;

/**
 * A site whose disk died is made again from head office's copy: the rebuilt ledger verifies, holds
 * every link the site shipped, and carries on (the next receipt number and link follow without a
 * gap, and the shipper finds head office at its newest link).
 */
class CentralRestoreTest {
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

  private SiteConfig.Central register(String site) throws Exception {
    return HeadOffice.register(pg, dir, site, "pw-" + site, 50, false);
  }

  /** A day of a little of everything: stays, payments, a reversal, a shift, cards, incidents. */
  private static void day(Ledger ledger) {
    Stays stays = new Stays(ledger);
    Payments payments = new Payments(ledger);
    new Shifts(ledger).open("shift-1", "cashier1", T0);
    new SeasonCards(ledger)
        .add(
            "SEASON1",
            "王小明 Wang",
            List.of("粤B12345"),
            "car",
            LocalDate.of(2027, 1, 1),
            LocalDate.of(2027, 1, 31),
            "finance1",
            T0);
    new Blacklist(ledger)
        .add(Blacklist.Kind.PLATE, "京A00000", "stolen, police notice\nno. 17", "sup1", T0);
    for (int i = 1; i <= 30; i++) {
      Instant at = T0.plusSeconds(120L * i);
      Stay s = stays.recordEntry("entry-1", "CARD" + i, at);
      payments.recordPayment(
          "pay-" + i,
          s.stayId(),
          "exit-1",
          Money.of(250L * i, "CNY"),
          "cashier1",
          at.plusSeconds(60));
      stays.recordExit(s.stayId(), "exit-1", at.plusSeconds(70));
      if (i % 10 == 0) {
        new Incidents(ledger)
            .record("exit-1", IncidentKind.TAILGATING, "CARD" + i, null, "两车跟进 · two cars", at);
      }
    }
    new Reversals(ledger)
        .reversePayment("rev-1", "north-000003", "sup1", "charged twice", T0.plusSeconds(4000));
  }

  private static void waitFor(Replicator r, long link) throws InterruptedException {
    HeadOffice.await("link " + link + " at head office", () -> r.status().centralLink() == link);
  }

  @Test
  void aSiteRebuiltFromHeadOfficeVerifiesAndCarriesOn() throws Exception {
    SiteConfig.Central settings = register("north");
    Path lost = dir.resolve("lost.db");
    List<ChainLinks.Link> shipped;
    try (Ledger ledger = Ledger.open(lost, "north")) {
      day(ledger);
      long head = ChainLinks.head(ledger).link();
      try (Replicator r = Replicator.start(ledger, "north", settings, Clock.systemUTC())) {
        waitFor(r, head);
      }
      shipped = ChainLinks.after(ledger, 0, Integer.MAX_VALUE);
    }
    Files.delete(lost); // the disk died

    Path rebuilt = dir.resolve("rebuilt.db");
    ChainRebuild.Rebuilt result;
    try (Connection db = pg.superuser()) {
      result = CentralRestore.restore(db, "north", rebuilt);
    }
    assertTrue(result.result().ok(), result.result().summary());
    assertEquals(shipped.size(), result.links());
    try (Ledger ledger = Ledger.open(rebuilt, "north")) {
      assertEquals(shipped, ChainLinks.after(ledger, 0, Integer.MAX_VALUE), "link for link");

      // It carries on: the next receipt follows the last one, the chain goes on from its head.
      Stay s = new Stays(ledger).recordEntry("entry-1", "CARD99", T0.plusSeconds(9000));
      Payment p =
          new Payments(ledger)
              .recordPayment(
                  "pay-99",
                  s.stayId(),
                  "exit-1",
                  Money.of(500, "CNY"),
                  "cashier1",
                  T0.plusSeconds(9100));
      assertEquals("north-000031", p.receiptNo());
      long head = ChainLinks.head(ledger).link();
      assertTrue(head > shipped.size());
      try (Replicator r = Replicator.start(ledger, "north", settings, Clock.systemUTC())) {
        waitFor(r, head);
        assertEquals(null, r.status().problem());
      }
    }
    assertTrue(LedgerVerifier.verify(rebuilt, java.util.Optional.empty()).ok());
  }

  @Test
  void aCopyWithAMissingOrChangedLinkIsNotRebuilt() throws Exception {
    List<ChainLinks.Link> links;
    try (Ledger ledger = Ledger.open(dir.resolve("site.db"), "north")) {
      day(ledger);
      links = ChainLinks.after(ledger, 0, Integer.MAX_VALUE);
    }
    List<ChainLinks.Link> gap = new java.util.ArrayList<>(links);
    gap.remove(10);
    Path a = dir.resolve("gap.db");
    LedgerException e =
        assertThrows(LedgerException.class, () -> ChainRebuild.rebuild(a, "north", gap.iterator()));
    assertTrue(e.getMessage().contains("link 12 does not follow link 10"), e.getMessage());
    assertFalse(Files.exists(a), "nothing left behind");

    List<ChainLinks.Link> changed = new java.util.ArrayList<>(links);
    ChainLinks.Link l = changed.get(20);
    changed.set(
        20,
        new ChainLinks.Link(
            l.link(), l.table(), l.rowId(), l.canonical().replace("i", "i9"), l.hash()));
    Path b = dir.resolve("changed.db");
    e =
        assertThrows(
            LedgerException.class, () -> ChainRebuild.rebuild(b, "north", changed.iterator()));
    assertTrue(e.getMessage().contains("link 21 does not chain"), e.getMessage());
    assertFalse(Files.exists(b));

    Path c = dir.resolve("exists.db");
    Files.writeString(c, "");
    assertThrows(LedgerException.class, () -> ChainRebuild.rebuild(c, "north", links.iterator()));
    assertEquals("", Files.readString(c), "an existing file is left alone");
  }
}
