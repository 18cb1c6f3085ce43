package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkgate.controller.ledger.ChainLinks.Link;

/** ./parking central, run as head office's administrator would against a real PostgreSQL. */
class CentralMainTest {
  static PgCluster pg;
  static Connection owner;
  static Path dir;
  static List<Link> chain;
  static final Map<String, String> ENV =
      Map.of("PGUSER", "postgres", "PGPASSWORD", PgCluster.SUPERUSER_PASSWORD);

  ByteArrayOutputStream out;
  ByteArrayOutputStream err;

  @BeforeAll
  static void start() throws Exception {
    pg = PgCluster.create();
    owner = pg.superuser();
    dir = Files.createTempDirectory("central-main");
    chain = CentralSchemaTest.siteChain(dir.resolve("ledger.db"), 8);
    Path pw = dir.resolve("superuser.pw");
    Files.writeString(pw, PgCluster.SUPERUSER_PASSWORD + "\n");
    CentralMainTest first = new CentralMainTest();
    first.fresh();
    assertEquals(
        0,
        first.central(
            Map.of(),
            "init",
            "--db",
            pg.url(),
            "--user",
            "postgres",
            "--password-file",
            pw.toString()),
        first.err());
    assertEquals("central schema installed\n", first.out());
  }

  @AfterAll
  static void stop() throws Exception {
    if (owner != null) {
      owner.close();
    }
    if (pg != null) {
      pg.close();
    }
    if (dir != null) {
      try (var all = Files.walk(dir)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void fresh() {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
  }

  int central(Map<String, String> env, String... args) {
    return new CentralMain(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(args));
  }

  /** A command against the test server, logged in as PGUSER/PGPASSWORD say. */
  int central(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db");
    all.add(pg.url());
    return central(ENV, all.toArray(String[]::new));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  static Path passwordFile(String site) throws Exception {
    Path f = dir.resolve(site + ".pw");
    Files.writeString(f, CentralSchemaTest.password(site) + "\n");
    return f;
  }

  int addSite(String site) throws Exception {
    return central(
        "add-site",
        site,
        "--name",
        "停车场 " + site,
        "--zone",
        "Asia/Shanghai",
        "--currency",
        "CNY",
        "--password-file",
        passwordFile(site).toString(),
        "--by",
        "hq-admin");
  }

  static String state() throws Exception {
    StringBuilder s = new StringBuilder();
    try (Statement st = owner.createStatement();
        ResultSet r =
            st.executeQuery(
                "SELECT (SELECT string_agg(site_id || ':' || enabled, ',' ORDER BY site_id)"
                    + " FROM central.sites),"
                    + " (SELECT count(*) FROM central.site_changes),"
                    + " (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'parkgate_site_%')")) {
      r.next();
      s.append(r.getString(1)).append(' ').append(r.getLong(2)).append(' ').append(r.getLong(3));
    }
    return s.toString();
  }

  void assertBadArguments(String problem, String... args) throws Exception {
    String before = state();
    fresh();
    assertEquals(2, central(ENV, args), String.join(" ", args) + ": " + err());
    String[] lines = err().split("\n");
    assertEquals("central: " + problem, lines[0], String.join(" ", args));
    assertTrue(lines.length == 2 && lines[1].startsWith("usage: central init"), err());
    assertEquals("", out());
    assertEquals(before, state(), "nothing changed by " + String.join(" ", args));
  }

  @Test
  void initOnAnInstalledSchemaIsRefused() {
    assertEquals(1, central("init"));
    assertEquals("central: the central schema is installed already\n", err());
  }

  @Test
  void anAddedSiteShipsAsItsRoleAndStatusShowsWhatItHolds() throws Exception {
    assertEquals(0, addSite("harbour"), err());
    assertEquals(
        "site harbour added; it ships as role parkgate_site_harbour with the password in "
            + passwordFile("harbour")
            + "\n",
        out());
    try (Connection site = CentralSchemaTest.as(pg, "harbour")) {
      assertEquals(chain.size(), CentralSchemaTest.append(site, "harbour", chain).added());
    }
    fresh();
    assertEquals(1, addSite("harbour"));
    assertEquals("central: site harbour is registered already\n", err());

    fresh();
    assertEquals(0, central("status"), err());
    String line =
        out()
            .lines()
            .filter(l -> l.startsWith("harbour "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(out()));
    assertTrue(line.contains("enabled  links 49, newest 49 received "), line);
    assertTrue(line.matches(".* ago, alarms 0  \\(停车场 harbour\\)$"), line);
  }

  @Test
  void aDisabledSiteIsRefusedAndShownSoUntilEnabled() throws Exception {
    assertEquals(0, addSite("river"), err());
    fresh();
    assertEquals(0, central("disable-site", "river", "--by", "hq-boss"), err());
    assertEquals("site river disabled: its links are refused\n", out());
    fresh();
    assertEquals(1, central("disable-site", "river", "--by", "hq-boss"));
    assertEquals("central: site river is disabled already\n", err());
    try (Connection site = CentralSchemaTest.as(pg, "river")) {
      assertEquals("DISABLED", CentralSchemaTest.append(site, "river", chain).kind());
    }
    fresh();
    assertEquals(0, central("status"), err());
    String line = out().lines().filter(l -> l.startsWith("river ")).findFirst().orElseThrow();
    assertTrue(line.contains("DISABLED links 0, none received yet, alarms 1"), line);
    fresh();
    assertEquals(0, central("enable-site", "river", "--by", "hq-boss"), err());
    assertEquals("site river enabled: its links are taken again\n", out());
    fresh();
    assertEquals(1, central("enable-site", "nowhere", "--by", "hq-boss"));
    assertEquals("central: no site 'nowhere' is registered at head office\n", err());
  }

  @Test
  void alarmsListWhatWasRefusedForOneSiteOrAll() throws Exception {
    assertEquals(0, addSite("quay"), err());
    fresh();
    assertEquals(0, central("alarms", "--site", "quay"), err());
    assertEquals("no alarms\n", out());
    try (Connection site = CentralSchemaTest.as(pg, "quay")) {
      List<Link> gap = new ArrayList<>(chain.subList(0, 3));
      gap.add(chain.get(4));
      assertEquals("GAP", CentralSchemaTest.append(site, "quay", gap).kind());
    }
    fresh();
    assertEquals(0, central("alarms", "--site", "quay"), err());
    List<String> lines = out().lines().toList();
    assertEquals(2, lines.size(), out());
    assertTrue(
        lines
            .get(0)
            .matches(
                ".* quay +GAP +link 5 +role parkgate_site_quay: link 5 shipped after" + " link 3$"),
        lines.get(0));
    assertEquals("1 alarm", lines.get(1));
    fresh();
    assertEquals(0, central("alarms"), err());
    assertTrue(out().contains(" quay "), out());
  }

  @Test
  void verifyWalksEverySitesLinksAndNamesTheFirstBadOne() throws Exception {
    assertEquals(0, addSite("hill"), err());
    assertEquals(0, addSite("vale"), err());
    for (String s : List.of("hill", "vale")) {
      try (Connection site = CentralSchemaTest.as(pg, s)) {
        assertEquals(chain.size(), CentralSchemaTest.append(site, s, chain).added());
      }
    }
    fresh();
    assertEquals(0, central("verify", "--site", "hill"), err());
    assertEquals(
        "site hill: 49 links verify, head 49 "
            + chain.get(48).hash()
            + "; 0 signed anchors not checked (no site key: central set-key)\n",
        out());

    // An insider with the database's superuser turns the trigger off and edits a link.
    try (Statement s = owner.createStatement()) {
      s.execute("ALTER TABLE central.links DISABLE TRIGGER links_append_only");
      s.execute(
          "UPDATE central.links SET canonical = replace(canonical, 'amount_minor=i300',"
              + " 'amount_minor=i3') WHERE site_id = 'vale' AND canonical LIKE"
              + " '%amount_minor=i300%'");
      s.execute("ALTER TABLE central.links ENABLE TRIGGER links_append_only");
    }
    long edited =
        chain.stream()
            .filter(l -> l.canonical().contains("amount_minor=i300\n"))
            .findFirst()
            .orElseThrow()
            .link();
    fresh();
    assertEquals(1, central("verify", "--site", "vale"));
    assertTrue(out().startsWith("site vale: BAD link " + edited + " (payments row "), out());
    fresh();
    assertEquals(1, central("verify"));
    assertTrue(out().contains("site hill: 49 links verify"), out());
    assertTrue(out().contains("site vale: BAD link " + edited), out());
    fresh();
    assertEquals(1, central("verify", "--site", "nowhere"));
    assertEquals("central: no site 'nowhere' is registered at head office\n", err());
  }

  @Test
  void signedAnchorsAreCheckedWithTheSiteKeyHeadOfficeHolds() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    org.parkgate.controller.ledger.SiteKey key =
        org.parkgate.controller.ledger.SiteKey.loadOrCreate(keys);
    List<Link> signed;
    try (org.parkgate.controller.ledger.Ledger ledger =
        org.parkgate.controller.ledger.Ledger.open(dir.resolve("signed.db"), "demo")) {
      ledger.signWith(key);
      java.time.Instant t0 = java.time.Instant.parse("2027-01-09T02:00:00Z");
      new org.parkgate.controller.ledger.Stays(ledger).recordEntry("entry-1", "CARD1", t0);
      new org.parkgate.controller.ledger.Anchors(ledger).sign("shift-close", t0.plusSeconds(60));
      new org.parkgate.controller.ledger.Stays(ledger).recordEntry("entry-1", "CARD2", t0);
      new org.parkgate.controller.ledger.Anchors(ledger).sign("periodic", t0.plusSeconds(120));
      signed = org.parkgate.controller.ledger.ChainLinks.after(ledger, 0, 1000);
    }
    assertEquals(0, addSite("ridge"), err());
    try (Connection site = CentralSchemaTest.as(pg, "ridge")) {
      assertEquals(signed.size(), CentralSchemaTest.append(site, "ridge", signed).added());
    }
    fresh();
    assertEquals(0, central("verify", "--site", "ridge"), err());
    assertTrue(out().endsWith("; 2 signed anchors not checked (no site key: central set-key)\n"));

    Path pub = keys.resolve("site-key.pub");
    fresh();
    assertEquals(0, central("set-key", "ridge", "--key", pub.toString(), "--by", "auditor"), err());
    fresh();
    assertEquals(0, central("verify", "--site", "ridge"), err());
    assertTrue(out().endsWith("; 2 signed anchors good with the site key\n"), out());

    // A key that is not the site's: every anchor fails, the first is named.
    Path other = Files.createDirectories(dir.resolve("other-keys"));
    org.parkgate.controller.ledger.SiteKey.loadOrCreate(other);
    fresh();
    assertEquals(
        0,
        central("set-key", "ridge", "--key", other.resolve("site-key.pub").toString(), "--by", "x"),
        err());
    fresh();
    assertEquals(1, central("verify", "--site", "ridge"));
    long first = signed.stream().filter(l -> l.table().equals("anchors")).findFirst().get().link();
    assertEquals(
        "site ridge: BAD link "
            + first
            + " (signed anchor): signed with another key than the one"
            + " given\n",
        out());

    fresh();
    assertEquals(
        2,
        central("set-key", "ridge", "--key", dir.resolve("nothing.pub").toString(), "--by", "x"));
    assertTrue(err().startsWith("central: --key "), err());
  }

  /** A ledger with two signed anchors, signed with the key kept in {@code keys}. */
  static List<Link> signedChain(Path file, Path keys) throws Exception {
    org.parkgate.controller.ledger.SiteKey key =
        org.parkgate.controller.ledger.SiteKey.loadOrCreate(Files.createDirectories(keys));
    try (org.parkgate.controller.ledger.Ledger ledger =
        org.parkgate.controller.ledger.Ledger.open(file, "demo")) {
      ledger.signWith(key);
      java.time.Instant t0 = java.time.Instant.parse("2027-01-09T02:00:00Z");
      new org.parkgate.controller.ledger.Stays(ledger).recordEntry("entry-1", "CARD1", t0);
      new org.parkgate.controller.ledger.Anchors(ledger).sign("shift-close", t0.plusSeconds(60));
      new org.parkgate.controller.ledger.Stays(ledger).recordEntry("entry-1", "CARD2", t0);
      new org.parkgate.controller.ledger.Anchors(ledger).sign("periodic", t0.plusSeconds(120));
      return org.parkgate.controller.ledger.ChainLinks.after(ledger, 0, 1000);
    }
  }

  @Test
  void watchChecksNewAnchorsAndDisablesASiteWhoseAnchorDoesNotHold() throws Exception {
    Path keys = dir.resolve("watch-keys");
    List<Link> good = signedChain(dir.resolve("watch-good.db"), keys);
    // Another site's ledger, signed with a key that is not the one head office holds for it.
    Path stolen = dir.resolve("watch-stolen-keys");
    List<Link> forged = signedChain(dir.resolve("watch-forged.db"), stolen);
    assertEquals(0, addSite("wharf"), err());
    assertEquals(0, addSite("berth"), err());
    try (Connection site = CentralSchemaTest.as(pg, "wharf")) {
      CentralSchemaTest.append(site, "wharf", good);
    }
    try (Connection site = CentralSchemaTest.as(pg, "berth")) {
      CentralSchemaTest.append(site, "berth", forged);
    }
    for (String s : List.of("wharf", "berth")) {
      fresh();
      String pub = keys.resolve("site-key.pub").toString();
      assertEquals(0, central("set-key", s, "--key", pub, "--by", "auditor"), err());
    }
    fresh();
    assertEquals(1, central("watch", "once"));
    long first = forged.stream().filter(l -> l.table().equals("anchors")).findFirst().get().link();
    assertTrue(
        out()
            .contains(
                "site berth: BAD link "
                    + first
                    + " (signed anchor): signed with another key than the one given; the site is"
                    + " disabled"),
        out());
    assertTrue(out().contains("site wharf: 2 new signed anchors good, up to link "), out());
    try (Statement st = owner.createStatement();
        ResultSet r =
            st.executeQuery(
                "SELECT (SELECT enabled FROM central.sites WHERE site_id = 'berth'),"
                    + " (SELECT count(*) FROM central.alarms WHERE site_id = 'berth'"
                    + " AND kind = 'ANCHOR' AND link = "
                    + first
                    + ")")) {
      r.next();
      assertEquals(false, r.getBoolean(1), "the site is disabled");
      assertEquals(1, r.getLong(2), "one ANCHOR alarm");
    }
    // Its next links are refused (DISABLED) until someone enables it again.
    try (Connection site = CentralSchemaTest.as(pg, "berth")) {
      assertEquals("DISABLED", CentralSchemaTest.append(site, "berth", forged).kind());
    }
    fresh();
    assertEquals(0, central("watch", "once"), out() + err());
    assertTrue(out().contains("site wharf: 2 new signed anchors good"), out());
  }

  @Test
  void badArgumentsAreOneLineExitTwoAndChangeNothing() throws Exception {
    Path good = passwordFile("meadow");
    Path short_ = dir.resolve("short.pw");
    Files.writeString(short_, "tooshort\n");
    List<String> add =
        List.of(
            "add-site",
            "meadow",
            "--name",
            "Meadow",
            "--zone",
            "Asia/Shanghai",
            "--currency",
            "CNY",
            "--password-file",
            good.toString(),
            "--by",
            "hq-admin",
            "--db",
            pg.url());
    assertBadArguments(
        "site id '-meadow' must be letters, digits, '-' or '_' (at most 40, a"
            + " letter or digit first)",
        with(add, 1, "-meadow"));
    assertBadArguments(
        "--zone 'Mars/Olympus' is not a time zone such as Asia/Shanghai",
        with(add, 5, "Mars/Olympus"));
    assertBadArguments(
        "--zone '+08:00' is not a time zone such as Asia/Shanghai", with(add, 5, "+08:00"));
    assertBadArguments("--currency 'cny' is not an ISO 4217 code such as CNY", with(add, 7, "cny"));
    assertBadArguments("--currency 'QQQ' is not an ISO 4217 code such as CNY", with(add, 7, "QQQ"));
    assertBadArguments(
        "cannot read the password file " + dir.resolve("missing.pw"),
        with(add, 9, dir.resolve("missing.pw").toString()));
    assertBadArguments(
        "the password in " + short_ + " must be 12-256 characters, not 8",
        with(add, 9, short_.toString()));
    assertBadArguments("--by is needed", add.subList(0, 10).toArray(String[]::new));
    List<String> extra = new ArrayList<>(add);
    extra.add("again");
    assertBadArguments("unexpected 'again'", extra.toArray(String[]::new));
    assertBadArguments("unknown option '--colour'", "status", "--colour", "red", "--db", pg.url());
    assertBadArguments("--db is needed", "status");
    assertBadArguments(
        "--db must be a jdbc:postgresql:// URL, not 'postgres://x/y'",
        "status",
        "--db",
        "postgres://x/y");
    assertBadArguments("--by is needed", "disable-site", "meadow", "--db", pg.url());
    assertBadArguments("a site id is needed", "enable-site", "--by", "x", "--db", pg.url());
    assertBadArguments("--site needs a value", "alarms", "--site");
    assertBadArguments("unknown command 'drop'", "drop", "--db", pg.url());
    assertBadArguments(
        "a command is needed (init, add-site, disable-site, enable-site, status,"
            + " alarms, verify, set-key, watch, restore, serve)");
    fresh();
    assertEquals(0, central(ENV, "verify", "--help"));
    assertTrue(out().startsWith("usage: central init"), out());
  }

  @Test
  void aWrongPasswordIsRefusedByTheServerInOneLine() {
    assertEquals(
        1,
        central(Map.of("PGUSER", "postgres", "PGPASSWORD", "wrong"), "status", "--db", pg.url()));
    assertTrue(err().startsWith("central: FATAL: password authentication failed"), err());
    assertEquals(1, err().lines().count(), err());
  }

  static String[] with(List<String> args, int i, String value) {
    List<String> copy = new ArrayList<>(args);
    copy.set(i, value);
    return copy.toArray(String[]::new);
  }
}
