package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.ChainLinks.Link;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.money.Money;

/**
 * The head office's schema on a real PostgreSQL server, fed a real site ledger's chain: what it
 * keeps, what it refuses and alarms, and what a site's role may not do. One server for the class;
 * each test ships for sites of its own.
 */
class CentralSchemaTest {
  static PgCluster pg;
  static Connection owner;
  static Path ledgerDir;

  /** Every link of a site ledger with some stays, payments and exits: 8 cars, 49 links. */
  static List<Link> chain;

  @BeforeAll
  static void start() throws Exception {
    pg = PgCluster.create();
    owner = pg.superuser();
    CentralSchema.install(owner);
    ledgerDir = Files.createTempDirectory("central-ledger");
    chain = siteChain(ledgerDir.resolve("ledger.db"), 8);
  }

  @AfterAll
  static void stop() throws Exception {
    if (owner != null) {
      owner.close();
    }
    if (pg != null) {
      pg.close();
    }
    if (ledgerDir != null) {
      try (var all = Files.walk(ledgerDir)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A site ledger driven as lanes and a cashier would, read back as ChainLinks gives it. */
  static List<Link> siteChain(Path file, int cars) throws SQLException {
    Instant t0 = Instant.parse("2027-01-09T02:00:00Z");
    try (Ledger ledger = Ledger.open(file, "demo")) {
      Stays stays = new Stays(ledger);
      for (int i = 1; i <= cars; i++) {
        Instant at = t0.plusSeconds(60L * i);
        Stay s = stays.recordEntry("entry-1", "CARD" + i, at);
        new Payments(ledger)
            .recordPayment(
                "pay-" + i,
                s.stayId(),
                "exit-1",
                Money.of(100L * i, "CNY"),
                "cashier1",
                at.plusSeconds(30));
        stays.recordExit(s.stayId(), "exit-1", at.plusSeconds(40));
      }
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      return ChainLinks.after(db, 0, 100_000);
    }
  }

  record Answer(int added, int already, Long refusedLink, String kind, String reason) {}

  record Alarm(String site, Long link, String kind, String role) {}

  static Answer append(Connection as, String site, List<Link> batch) throws SQLException {
    try (PreparedStatement p =
        as.prepareStatement("SELECT * FROM central.append(?, ?, ?, ?, ?, ?)")) {
      p.setString(1, site);
      p.setArray(2, as.createArrayOf("bigint", batch.stream().map(Link::link).toArray()));
      p.setArray(3, as.createArrayOf("text", batch.stream().map(Link::table).toArray()));
      p.setArray(4, as.createArrayOf("bigint", batch.stream().map(Link::rowId).toArray()));
      p.setArray(5, as.createArrayOf("text", batch.stream().map(Link::canonical).toArray()));
      p.setArray(6, as.createArrayOf("text", batch.stream().map(Link::hash).toArray()));
      try (ResultSet r = p.executeQuery()) {
        assertTrue(r.next());
        long refused = r.getLong(3);
        Long refusedLink = r.wasNull() ? null : refused;
        return new Answer(r.getInt(1), r.getInt(2), refusedLink, r.getString(4), r.getString(5));
      }
    }
  }

  static String password(String site) {
    return "pw-" + site + "-not-guessable";
  }

  static void addSite(String site) throws SQLException {
    CentralSchema.addSite(
        owner, site, "Car park " + site, "Asia/Shanghai", "CNY", password(site), "hq-admin");
  }

  static Connection as(String site) throws SQLException {
    return as(pg, site);
  }

  /** A connection to {@code cluster} as the site's own role. */
  static Connection as(PgCluster cluster, String site) throws SQLException {
    return DriverManager.getConnection(cluster.url(), CentralSchema.roleOf(site), password(site));
  }

  /** The links head office holds for a site, in order, as the site's ledger would give them. */
  static List<Link> held(String site) throws SQLException {
    List<Link> links = new ArrayList<>();
    try (PreparedStatement p =
        owner.prepareStatement(
            "SELECT link, tbl, row_id, canonical, hash FROM central.links WHERE site_id = ?"
                + " ORDER BY link")) {
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          links.add(
              new Link(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5)));
        }
      }
    }
    return links;
  }

  static List<Alarm> alarms(String site) throws SQLException {
    List<Alarm> alarms = new ArrayList<>();
    try (PreparedStatement p =
        owner.prepareStatement(
            "SELECT site_id, link, kind, db_role FROM central.alarms WHERE site_id = ?"
                + " ORDER BY alarm_id")) {
      p.setString(1, site);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long link = r.getLong(2);
          alarms.add(
              new Alarm(r.getString(1), r.wasNull() ? null : link, r.getString(3), r.getString(4)));
        }
      }
    }
    return alarms;
  }

  /** Links {@code from} to {@code to} of the site chain, both included. */
  static List<Link> links(long from, long to) {
    return new ArrayList<>(chain.subList((int) from - 1, (int) to));
  }

  static Link link(long n) {
    return chain.get((int) n - 1);
  }

  static Link firstPayment() {
    return chain.stream().filter(l -> l.table().equals("payments")).findFirst().orElseThrow();
  }

  /** The payment's canonical text with its amount changed, as a forger would edit it. */
  static String withAmount(Link payment, long amount) {
    String edited =
        payment.canonical().replaceFirst("(?m)^amount_minor=i\\d+$", "amount_minor=i" + amount);
    assertFalse(edited.equals(payment.canonical()), "the payment's text has an amount");
    return edited;
  }

  static void assertRefused(Answer a, int added, int already, long link, String kind) {
    assertEquals(added, a.added(), a.toString());
    assertEquals(already, a.already(), a.toString());
    assertEquals(link, a.refusedLink(), a.toString());
    assertEquals(kind, a.kind(), a.toString());
    assertTrue(a.reason() != null && !a.reason().isBlank(), a.toString());
  }

  @Test
  void aWholeLedgerShippedInBatchesIsHeldLinkForLinkAndShippingItAgainAddsNothing()
      throws Exception {
    addSite("whole");
    assertEquals(49, chain.size());
    try (Connection site = as("whole")) {
      for (int from = 0; from < chain.size(); from += 7) {
        List<Link> batch = chain.subList(from, Math.min(chain.size(), from + 7));
        Answer a = append(site, "whole", batch);
        assertEquals(new Answer(batch.size(), 0, null, null, null), a);
      }
      assertEquals(chain, held("whole"));
      for (Link l : held("whole")) {
        assertEquals(
            ChainLinks.hash(
                l.link() == 1 ? ChainLinks.GENESIS_HASH : link(l.link() - 1).hash(), l.canonical()),
            l.hash());
      }
      assertEquals(new Answer(0, chain.size(), null, null, null), append(site, "whole", chain));
      assertEquals(new Answer(0, 3, null, null, null), append(site, "whole", links(10, 12)));
      try (Statement s = site.createStatement();
          ResultSet r = s.executeQuery("SELECT link, hash FROM central.head('whole')")) {
        assertTrue(r.next());
        assertEquals(49, r.getLong(1));
        assertEquals(link(49).hash(), r.getString(2));
      }
    }
    assertEquals(chain, held("whole"));
    assertEquals(List.of(), alarms("whole"));
  }

  @Test
  void aGapOrReorderedLinksAreRefusedAtTheFirstOutOfPlaceAndTheLinksBeforeItKept()
      throws Exception {
    addSite("gap");
    try (Connection site = as("gap")) {
      assertEquals(3, append(site, "gap", links(1, 3)).added());
      List<Link> skipping = links(4, 5);
      skipping.addAll(links(7, 9));
      assertRefused(append(site, "gap", skipping), 2, 0, 7, "GAP");
      assertEquals(links(1, 5), held("gap"));

      List<Link> reordered = new ArrayList<>(List.of(link(6), link(7), link(9), link(8)));
      assertRefused(append(site, "gap", reordered), 2, 0, 9, "GAP");
      assertEquals(links(1, 7), held("gap"));

      // The site ships from head office's head again and all is well.
      assertEquals(new Answer(42, 0, null, null, null), append(site, "gap", links(8, 49)));
    }
    assertEquals(chain, held("gap"));
    assertEquals(
        List.of(
            new Alarm("gap", 7L, "GAP", CentralSchema.roleOf("gap")),
            new Alarm("gap", 9L, "GAP", CentralSchema.roleOf("gap"))),
        alarms("gap"));
  }

  @Test
  void anEditedAmountDoesNotChainWhetherItsHashIsLeftOrRecomputedFromAWrongLink() throws Exception {
    addSite("edit");
    Link pay = firstPayment();
    long n = pay.link();
    String edited = withAmount(pay, 1);
    try (Connection site = as("edit")) {
      List<Link> batch = links(1, n - 1);
      batch.add(new Link(n, pay.table(), pay.rowId(), edited, pay.hash()));
      batch.addAll(links(n + 1, n + 3));
      assertRefused(append(site, "edit", batch), (int) n - 1, 0, n, "BROKEN");
      assertEquals(links(1, n - 1), held("edit"));

      // Recomputed by a forger who chains it from the genesis hash, or from its own link: wrong.
      for (String from : List.of(ChainLinks.GENESIS_HASH, pay.hash())) {
        Link forged = new Link(n, pay.table(), pay.rowId(), edited, ChainLinks.hash(from, edited));
        assertRefused(append(site, "edit", List.of(forged, link(n + 1))), 0, 0, n, "BROKEN");
      }
      // Chained from the right link it verifies, but the site's next link then does not follow.
      Link forged =
          new Link(
              n, pay.table(), pay.rowId(), edited, ChainLinks.hash(link(n - 1).hash(), edited));
      assertRefused(append(site, "edit", List.of(forged, link(n + 1))), 1, 0, n + 1, "BROKEN");
      List<Link> expected = links(1, n - 1);
      expected.add(forged);
      assertEquals(expected, held("edit"));
    }
    assertEquals(
        List.of("BROKEN", "BROKEN", "BROKEN", "BROKEN"),
        alarms("edit").stream().map(Alarm::kind).toList());
    assertEquals(List.of(n, n, n, n + 1), alarms("edit").stream().map(Alarm::link).toList());
  }

  @Test
  void aSecondVersionOfAHeldLinkIsAForkAndTheBatchStopsThere() throws Exception {
    addSite("fork");
    Link pay = firstPayment();
    long n = pay.link();
    String edited = withAmount(pay, 999_999);
    try (Connection site = as("fork")) {
      assertEquals(n + 2, append(site, "fork", links(1, n + 2)).added());
      // Another text for link n, chained properly from link n-1: a fork of the site's history.
      Link other =
          new Link(
              n, pay.table(), pay.rowId(), edited, ChainLinks.hash(link(n - 1).hash(), edited));
      List<Link> batch = links(n - 1, n - 1);
      batch.add(other);
      batch.addAll(links(n + 1, n + 5));
      assertRefused(append(site, "fork", batch), 0, 1, n, "FORK");
      // The same hash with another text is another version too, not a link already held.
      Link sameHash = new Link(n, pay.table(), pay.rowId(), edited, pay.hash());
      assertRefused(append(site, "fork", List.of(sameHash)), 0, 0, n, "FORK");
      // New links first, then an old one changed: the new ones are kept.
      List<Link> late = links(n + 3, n + 4);
      late.add(other);
      assertRefused(append(site, "fork", late), 2, 0, n, "FORK");
      assertEquals(links(1, n + 4), held("fork"));
    }
    assertEquals(
        List.of(
            new Alarm("fork", n, "FORK", CentralSchema.roleOf("fork")),
            new Alarm("fork", n, "FORK", CentralSchema.roleOf("fork")),
            new Alarm("fork", n, "FORK", CentralSchema.roleOf("fork"))),
        alarms("fork"));
  }

  @Test
  void aCanonicalTextNamingAnotherLinkTableOrRowIsAMismatch() throws Exception {
    addSite("mismatch");
    try (Connection site = as("mismatch")) {
      assertEquals(4, append(site, "mismatch", links(1, 4)).added());
      Link five = link(5);
      Link six = link(6);
      // Link 6's row and text shipped as link 5, hashed properly from link 4.
      Link moved =
          new Link(
              5,
              six.table(),
              six.rowId(),
              six.canonical(),
              ChainLinks.hash(link(4).hash(), six.canonical()));
      List<Link> batch = new ArrayList<>(List.of(moved, six));
      assertRefused(append(site, "mismatch", batch), 0, 0, 5, "MISMATCH");
      String otherTable = five.table().equals("payments") ? "entries" : "payments";
      Link wrongTable = new Link(5, otherTable, five.rowId(), five.canonical(), five.hash());
      assertRefused(append(site, "mismatch", List.of(wrongTable)), 0, 0, 5, "MISMATCH");
      Link wrongRow = new Link(5, five.table(), five.rowId() + 1, five.canonical(), five.hash());
      assertRefused(append(site, "mismatch", List.of(wrongRow)), 0, 0, 5, "MISMATCH");
      Link noNumber = new Link(0, five.table(), five.rowId(), five.canonical(), five.hash());
      assertEquals("MISMATCH", append(site, "mismatch", List.of(noNumber)).kind());
      assertEquals(links(1, 4), held("mismatch"));
      assertEquals(new Answer(45, 0, null, null, null), append(site, "mismatch", links(5, 49)));
    }
    assertEquals(
        List.of("MISMATCH", "MISMATCH", "MISMATCH", "MISMATCH"),
        alarms("mismatch").stream().map(Alarm::kind).toList());
    assertEquals(5L, alarms("mismatch").get(0).link());
  }

  @Test
  void anotherSitesRoleTheOwnerADisabledSiteAndAnUnknownSiteAreRefused() throws Exception {
    addSite("north");
    addSite("south");
    try (Connection south = as("south")) {
      assertRefused(append(south, "north", links(1, 5)), 0, 0, 1, "WRONG_ROLE");
    }
    assertRefused(append(owner, "north", links(1, 5)), 0, 0, 1, "WRONG_ROLE");
    assertEquals(
        List.of(
            new Alarm("north", 1L, "WRONG_ROLE", CentralSchema.roleOf("south")),
            new Alarm("north", 1L, "WRONG_ROLE", "postgres")),
        alarms("north"));

    try (Connection north = as("north")) {
      assertEquals(5, append(north, "north", links(1, 5)).added());
      assertTrue(CentralSchema.setEnabled(owner, "north", false, "hq-admin"));
      assertFalse(CentralSchema.setEnabled(owner, "north", false, "hq-admin"));
      assertRefused(append(north, "north", links(6, 9)), 0, 0, 6, "DISABLED");
      assertEquals(links(1, 5), held("north"));
      assertTrue(CentralSchema.setEnabled(owner, "north", true, "hq-boss"));
      assertEquals(4, append(north, "north", links(6, 9)).added());

      assertRefused(append(north, "nowhere", links(1, 2)), 0, 0, 1, "UNKNOWN_SITE");
    }
    assertEquals(
        new Alarm("north", 6L, "DISABLED", CentralSchema.roleOf("north")), alarms("north").get(2));
    assertEquals(
        List.of(new Alarm("nowhere", 1L, "UNKNOWN_SITE", CentralSchema.roleOf("north"))),
        alarms("nowhere"));
    assertThrows(SQLException.class, () -> CentralSchema.setEnabled(owner, "nowhere", false, "x"));
    List<String> changes = new ArrayList<>();
    try (Statement s = owner.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT change, by_whom FROM central.site_changes WHERE site_id = 'north'"
                    + " ORDER BY change_id")) {
      while (r.next()) {
        changes.add(r.getString(1) + " by " + r.getString(2));
      }
    }
    assertEquals(
        List.of("ADDED by hq-admin", "DISABLED by hq-admin", "ENABLED by hq-boss"), changes);
  }

  @Test
  void aSitesRoleMayNotTouchAnyTableAndNotEvenTheOwnerMayChangeALink() throws Exception {
    addSite("locked");
    try (Connection site = as("locked")) {
      assertEquals(3, append(site, "locked", links(1, 3)).added());
      assertEquals("GAP", append(site, "locked", links(5, 5)).kind());
      for (String table : List.of("links", "sites", "alarms", "site_changes")) {
        for (String sql :
            List.of(
                "SELECT * FROM central." + table,
                "INSERT INTO central." + table + " SELECT * FROM central." + table,
                "UPDATE central." + table + " SET site_id = site_id",
                "DELETE FROM central." + table,
                "TRUNCATE central." + table)) {
          SQLException e =
              assertThrows(SQLException.class, () -> site.createStatement().execute(sql), sql);
          assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
          assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
        }
      }
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> site.createStatement().execute("SELECT central.append_only()"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
    }
    for (String sql :
        List.of(
            "UPDATE central.links SET hash = repeat('0', 64) WHERE site_id = 'locked' AND link = 2",
            "DELETE FROM central.links WHERE site_id = 'locked' AND link = 3",
            "TRUNCATE central.links CASCADE",
            "DELETE FROM central.alarms",
            "UPDATE central.site_changes SET by_whom = 'nobody'")) {
      SQLException e =
          assertThrows(SQLException.class, () -> owner.createStatement().execute(sql), sql);
      assertTrue(e.getMessage().contains("append-only"), sql + ": " + e.getMessage());
    }
    assertEquals(links(1, 3), held("locked"));
  }

  @Test
  void aSitesRoleLearnsOnlyItsOwnHeadAndTheOwnerAnySites() throws Exception {
    addSite("east");
    addSite("west");
    try (Connection east = as("east")) {
      assertEquals(6, append(east, "east", links(1, 6)).added());
      try (ResultSet r =
          east.createStatement().executeQuery("SELECT * FROM central.head('east')")) {
        assertTrue(r.next());
        assertEquals(6, r.getLong(1));
        assertEquals(link(6).hash(), r.getString(2));
      }
      for (String other : List.of("west", "nowhere")) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () ->
                    east.createStatement()
                        .executeQuery("SELECT * FROM central.head('" + other + "')"));
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("its own site"), e.getMessage());
      }
    }
    try (ResultSet r = owner.createStatement().executeQuery("SELECT * FROM central.head('east')")) {
      assertTrue(r.next());
      assertEquals(6, r.getLong(1));
    }
    try (ResultSet r = owner.createStatement().executeQuery("SELECT * FROM central.head('west')")) {
      assertTrue(r.next());
      assertEquals(0, r.getLong(1));
      assertEquals(ChainLinks.GENESIS_HASH, r.getString(2));
    }
  }
}
