package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.controller.central.CentralRestore;
import org.parkgate.controller.central.CentralSchema;
import org.parkgate.controller.central.HeadOffice;
import org.parkgate.controller.central.PgCluster;
import org.parkgate.controller.ledger.ChainLinks;
import org.parkgate.controller.ledger.ChainRebuild;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.ledger.UnpaidBalances;
import org.parkgate.money.Money;

/**
 * Two car parks and head office, as real processes and a real PostgreSQL: cars go through both
 * sites while each site's controller is killed (SIGKILL) and head office's database is killed and
 * kept down for a while; afterwards head office holds each site's ledger link for link. A plate
 * that left owing at north is flagged at south's exit. A forged link and a link shipped in another
 * site's name are refused and alarmed. North's ledger rebuilt from head office verifies, and the
 * controller started on it carries on, shipping from where head office is.
 */
class CentralIT {
  private static final String OWING_PLATE = "粤B00001";

  @TempDir Path dir;

  @Test
  void twoSitesShipThroughCrashesAndHeadOfficeHoldsEachLedgerLinkForLink() throws Exception {
    Random random = new Random(Long.getLong("central.seed", System.nanoTime()));
    try (PgCluster pg = HeadOffice.start()) {
      try (Connection db = pg.superuser()) {
        CentralSchema.addSite(db, "north", "北区停车场", "Asia/Shanghai", "CNY", "pw-north", "it");
        CentralSchema.addSite(db, "south", "南区停车场", "Asia/Shanghai", "CNY", "pw-south", "it");
      }
      Files.createDirectories(dir.resolve("north"));
      Files.createDirectories(dir.resolve("south"));
      try (SystemFixture north = site(pg, "north", false);
          SystemFixture south = site(pg, "south", true)) {
        seedOwing(north);
        RunningProcess northController = north.simulatorAndController();
        RunningProcess southController = south.simulatorAndController();

        // Cars through north; its controller killed twice, head office down for a while.
        List<String> plan = new ArrayList<>();
        for (int car = 1; car <= 6; car++) {
          north.carAtExit(); // a stay of seconds: free, the barrier opens
          north.awaitLane("exit-1", "barrier open", l -> SystemFixture.barrier(l).equals("open"));
          north.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
          north.awaitLane("exit-1", "the car out", l -> SystemFixture.barrier(l).equals("closed"));
          if (car == 2 || car == 4) {
            Thread.sleep(random.nextInt(300));
            northController.kill9();
            plan.add("north controller killed after car " + car);
            northController = north.controller();
          }
          if (car == 3) {
            pg.kill();
            plan.add("head office down after car 3");
          }
          if (car == 5) {
            pg.start();
            plan.add("head office up after car 5");
          }
        }

        // South's controller killed too, then a plate that owes at north leaves south: the
        // cashier there is told.
        southController.kill9();
        plan.add("south controller killed");
        southController = south.controller();
        String plate = URLEncoder.encode(OWING_PLATE, StandardCharsets.UTF_8);
        southController.awaitLine(
            "central: 1 plate(s) owe at other car parks", Duration.ofSeconds(30));
        carAtSouthExitWithPlate(south, plate);
        String detail = awaitIncident(south);
        assertTrue(detail.contains("owes 12.00 CNY at 北区停车场 (north)"), detail + " after " + plan);

        assertSameChain(pg, north, "north", "north, after " + plan);
        assertSameChain(pg, south, "south", "south");

        southController.close(); // south ships nothing more while the fake site tries
        forgedLinksAreRefused(pg, south);
        headOfficePage(pg);

        // North's disk dies: it is rebuilt from head office, verifies, and carries on shipping.
        northController.kill9();
        Path rebuilt = dir.resolve("north-rebuilt.db");
        ChainRebuild.Rebuilt r;
        try (Connection db = pg.superuser()) {
          r = CentralRestore.restore(db, "north", rebuilt);
        }
        assertEquals(local(north).size(), r.links());
        String verified = north.audit("verify", rebuilt.toString());
        assertTrue(verified.contains("verified: integrity ok"), verified);
        for (String suffix : List.of("", "-wal", "-shm")) {
          Files.deleteIfExists(north.ledger.resolveSibling(north.ledger.getFileName() + suffix));
        }
        Files.move(rebuilt, north.ledger);
        north.controller();
        north.carAtExit();
        north.awaitLane("exit-1", "barrier open", l -> SystemFixture.barrier(l).equals("open"));
        north.sim("POST", "/lanes/exit-1/vehicle/drive", "{\"wait\": true}");
        assertTrue(local(north).size() > r.links(), "the rebuilt site goes on writing");
        assertSameChain(pg, north, "north", "the rebuilt north going on shipping");
      }
    }
  }

  /**
   * Finance at head office logs in to its page in headless Chromium with a reader role of its own,
   * and sees both sites' takings; a screenshot is kept.
   */
  private void headOfficePage(PgCluster pg) throws Exception {
    try (Connection db = pg.superuser();
        java.sql.Statement s = db.createStatement()) {
      s.execute("CREATE ROLE li_wei LOGIN PASSWORD 'finance-at-hq-1'");
      s.execute("GRANT parkgate_hq_reader TO li_wei");
    }
    try (org.parkgate.controller.central.HeadOfficePage page =
        org.parkgate.controller.central.HeadOfficePage.start(
            pg.url(),
            new java.net.InetSocketAddress("127.0.0.1", 0),
            java.time.Clock.systemUTC())) {
      org.openqa.selenium.chrome.ChromeDriver browser =
          BoothBrowser.chromium(Files.createDirectories(dir.resolve("hq-browser")));
      try {
        var wait =
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get("http://127.0.0.1:" + page.port() + "/");
        browser.findElement(org.openqa.selenium.By.name("user")).sendKeys("li_wei");
        browser.findElement(org.openqa.selenium.By.name("password")).sendKeys("finance-at-hq-1");
        browser.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
        wait.until(
            d -> !d.findElements(org.openqa.selenium.By.cssSelector("#sites input")).isEmpty());
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        for (String id : List.of("from", "to")) {
          browser.executeScript(
              "document.getElementById(arguments[0]).value = arguments[1]", id, today);
        }
        browser.findElement(org.openqa.selenium.By.cssSelector("#ask button[type=submit]")).click();
        wait.until(
            d -> d.findElements(org.openqa.selenium.By.cssSelector("#table tbody tr")).size() == 2);
        String table = browser.findElement(org.openqa.selenium.By.id("table")).getText();
        assertTrue(table.contains("north") && table.contains("south"), table);
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        Files.write(
            shots.resolve("head-office-takings.png"),
            browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
      } finally {
        browser.quit();
      }
    }
  }

  private SystemFixture site(PgCluster pg, String id, boolean arrears) throws Exception {
    SystemFixture s = SystemFixture.withCameras(dir.resolve(id), "demo-hourly.yaml");
    s.siteId(id);
    Files.writeString(s.dir.resolve("central.password"), "pw-" + id + "\n");
    s.addToSite(
        "central: {url: \""
            + pg.url()
            + "\", user: "
            + CentralSchema.roleOf(id)
            + ", passwordFile: central.password, retry: 200ms"
            + (arrears ? ", arrearsElsewhere: true, arrearsEvery: 1s" : "")
            + "}\n");
    return s;
  }

  /** A stay at north that left owing 12.00 against the plate, written through the ledger's API. */
  private static void seedOwing(SystemFixture north) throws Exception {
    Files.createDirectories(north.ledger.getParent());
    Instant then = Instant.now().minus(Duration.ofDays(3));
    try (Ledger ledger = Ledger.open(north.ledger, "north")) {
      long stay = new Stays(ledger).recordEntry("entry-1", "OWING1", then).stayId();
      new Stays(ledger).recordExit(stay, "exit-1", then.plusSeconds(3600));
      new UnpaidBalances(ledger)
          .record(OWING_PLATE, stay, "exit-1", Money.of(1200, "CNY"), "barrier fault", then);
    }
  }

  private static void carAtSouthExitWithPlate(SystemFixture south, String plate) throws Exception {
    south.awaitLane("entry-1", "barrier closed", l -> SystemFixture.barrier(l).equals("closed"));
    south.sim("POST", "/lanes/entry-1/vehicle/arrive?plate=" + plate, null);
    south.awaitLane(
        "entry-1", "a card offered", l -> !l.path("cardUnit").path("cardAtMouth").isNull());
    String card = south.sim("POST", "/lanes/entry-1/card/take", null).path("card").asText();
    south.awaitLane("entry-1", "barrier open", l -> SystemFixture.barrier(l).equals("open"));
    south.sim("POST", "/lanes/entry-1/vehicle/drive", "{\"wait\": true}");
    south.sim("POST", "/lanes/exit-1/vehicle/arrive?plate=" + plate, null);
    south.sim("POST", "/lanes/exit-1/card/present", "{\"card\": \"" + card + "\"}");
  }

  /** South's OWES_ELSEWHERE incident's detail, once it is in the ledger. */
  private static String awaitIncident(SystemFixture south) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    do {
      String d = south.text("SELECT detail FROM incidents WHERE kind = 'OWES_ELSEWHERE'");
      if (d != null) {
        return d;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < until);
    throw new AssertionError(
        "no OWES_ELSEWHERE incident at south; incidents: "
            + south.text("SELECT group_concat(kind || ' ' || detail, '; ') FROM incidents"));
  }

  private static List<ChainLinks.Link> local(SystemFixture site) throws SQLException {
    try (Connection db = site.readOnly()) {
      return ChainLinks.after(db, 0, Integer.MAX_VALUE);
    }
  }

  /** Waits until head office holds the site's head as it was when asked; returns that head. */
  private static long awaitCentral(PgCluster pg, SystemFixture site, String id) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long want = site.number("SELECT MAX(link) FROM chain");
    long held;
    do {
      try (Connection db = pg.superuser();
          PreparedStatement p =
              db.prepareStatement(
                  "SELECT COALESCE(MAX(link), 0) FROM central.links WHERE site_id = ?")) {
        p.setString(1, id);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          held = r.getLong(1);
        }
      }
      if (held >= want) {
        return want;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < until);
    throw new AssertionError(id + ": head office holds link " + held + " of " + want);
  }

  /**
   * Head office holds the site's chain up to at least its head when asked, link for link as the
   * site holds it (the site's lanes go on writing status events meanwhile: its newer links are
   * compared once shipped).
   */
  private static void assertSameChain(PgCluster pg, SystemFixture site, String id, String what)
      throws Exception {
    long head = awaitCentral(pg, site, id);
    List<ChainLinks.Link> held = central(pg, id);
    List<ChainLinks.Link> mine = local(site); // read after: the site's chain only grows
    assertTrue(held.size() >= head && held.size() <= mine.size(), what + ": " + held.size());
    assertEquals(mine.subList(0, held.size()), held, what + ": link for link");
  }

  private static List<ChainLinks.Link> central(PgCluster pg, String id) throws SQLException {
    return HeadOffice.links(pg, id);
  }

  /**
   * A fake site with south's password: a link whose row was changed after hashing, and a link
   * shipped in north's name, are both refused and alarmed; head office's copies do not change.
   */
  private static void forgedLinksAreRefused(PgCluster pg, SystemFixture south) throws Exception {
    List<ChainLinks.Link> southLinks = central(pg, "south");
    List<ChainLinks.Link> northLinks = central(pg, "north");
    ChainLinks.Link last = southLinks.get(southLinks.size() - 1);
    long next = last.link() + 1;
    String canonical = "link=" + next + "\ntable=payments\npayment_id=i999\n";
    try (Connection fake =
        DriverManager.getConnection(pg.url(), CentralSchema.roleOf("south"), "pw-south")) {
      assertEquals("BROKEN", ship(fake, "south", next, canonical, "0".repeat(64)), "a forged link");
      assertEquals(
          "WRONG_ROLE",
          ship(fake, "north", northLinks.size() + 1L, canonical, "0".repeat(64)),
          "a link in another site's name");
    }
    try (Connection db = pg.superuser();
        PreparedStatement p =
            db.prepareStatement(
                "SELECT string_agg(site_id || ' ' || kind, ', ' ORDER BY alarm_id)"
                    + " FROM central.alarms")) {
      try (ResultSet r = p.executeQuery()) {
        r.next();
        assertEquals("south BROKEN, north WRONG_ROLE", r.getString(1));
      }
    }
    // The sites go on shipping their own links meanwhile: what was held stays, the forgery is not.
    for (var held : List.of(southLinks, northLinks)) {
      String id = held == southLinks ? "south" : "north";
      List<ChainLinks.Link> now = central(pg, id);
      assertEquals(held, now.subList(0, held.size()), id + " unchanged");
      assertTrue(now.stream().noneMatch(l -> l.canonical().equals(canonical)), id);
    }
  }

  private static String ship(Connection db, String site, long link, String canonical, String hash)
      throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT kind FROM central.append(?, ?, ?, ?, ?, ?)")) {
      Array links = db.createArrayOf("bigint", new Long[] {link});
      p.setString(1, site);
      p.setArray(2, links);
      p.setArray(3, db.createArrayOf("text", new String[] {"payments"}));
      p.setArray(4, db.createArrayOf("bigint", new Long[] {999L}));
      p.setArray(5, db.createArrayOf("text", new String[] {canonical}));
      p.setArray(6, db.createArrayOf("text", new String[] {hash}));
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }
}
