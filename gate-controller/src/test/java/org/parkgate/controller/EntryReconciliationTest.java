package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * A controller killed during an entry: at the next start the stay whose vehicle was never seen
 * passing is named once to the booths, while stays seen passing or gone out are left alone.
 */
class EntryReconciliationTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant T = Instant.parse("2027-01-09T02:00:00Z");

  @TempDir Path dir;

  @Test
  void anEntryNeverSeenPassingIsNamedOnceAtStartAndItsStayKeptOpen() throws Exception {
    SiteConfig site = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    String entry =
        site.lanes().stream()
            .filter(l -> l.kind().name().equals("ENTRY"))
            .findFirst()
            .orElseThrow()
            .id();
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), "demo")) {
      Stays stays = new Stays(ledger);
      Stay passed = stays.recordEntry(entry, "PASSED", T);
      stays.recordPassage(passed.stayId(), entry, T.plusSeconds(5));
      stays.recordPassage(passed.stayId(), entry, T.plusSeconds(6)); // reported twice: once
      Stay left = stays.recordEntry(entry, "LEFT", T.plusSeconds(10));
      stays.recordExit(left.stayId(), "exit-1", T.plusSeconds(3600));
      Stay interrupted = stays.recordEntry(entry, "KILLED", T.plusSeconds(20));

      List<Stay> named = EntryReconciliation.run(ledger, site, T.plusSeconds(60));
      assertEquals(List.of(interrupted.stayId()), named.stream().map(Stay::stayId).toList());
      List<Incidents.Incident> incidents =
          new Incidents(ledger).between(T, T.plusSeconds(3600 * 24));
      assertEquals(1, incidents.size(), incidents.toString());
      assertEquals("ENTRY_NOT_PASSED", incidents.get(0).kind());
      assertEquals("KILLED", incidents.get(0).card());
      assertTrue(
          incidents.get(0).detail().contains("stay " + interrupted.stayId())
              && incidents.get(0).detail().contains("reset its card"),
          incidents.get(0).detail());
      assertTrue(stays.openStay("KILLED").isPresent(), "kept open: it may have driven in");

      assertEquals(List.of(), EntryReconciliation.run(ledger, site, T.plusSeconds(120)), "once");
    }
  }
}
