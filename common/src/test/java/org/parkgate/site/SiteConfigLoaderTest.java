package org.parkgate.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.config.ConfigException;

class SiteConfigLoaderTest {
  static final Path DEMO =
      Path.of(System.getProperty("user.dir")).getParent().resolve("config/sites/demo.yaml");

  @TempDir Path dir;

  @Test
  void theDemoSiteHasAnEntryAndAnExitOnLoopback() throws Exception {
    SiteConfig site = SiteConfigLoader.load(DEMO);
    assertEquals("demo", site.id());
    assertEquals(ZoneId.of("Asia/Shanghai"), site.zone());
    assertEquals("CNY", site.currency().getCurrencyCode());
    assertEquals(LaneKind.ENTRY, site.lane("entry-1").orElseThrow().kind());
    LaneConfig exit = site.lane("exit-1").orElseThrow();
    assertEquals(new DeviceAddress.Tcp("127.0.0.1", 7111), exit.barrier());
    assertEquals(BarrierIoMap.DEFAULT, exit.ioMap());
    assertEquals(8080, site.console().httpPort());
    assertEquals(Duration.ofMillis(50), site.controller().pollInterval());
    assertEquals(
        DEMO.getParent().resolve("../tariffs/demo-hourly.yaml").normalize(), site.tariff());
    assertEquals(
        new CameraConfig(new DeviceAddress.Tcp("127.0.0.1", 7104), "entry-1"),
        site.lane("entry-1").orElseThrow().camera());
    assertEquals(new DeviceAddress.Tcp("127.0.0.1", 7114), exit.camera().address());
  }

  @Test
  void aCameraIsOptionalAndItsMistakesAreNamedWhereTheyAre() throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, SITE + "lanes:\n" + LANE);
    assertEquals(false, SiteConfigLoader.load(file).lane("x").orElseThrow().hasCamera());
    String cam = ", camera: {address: 'tcp://h:4', id: cam-7}}";
    Files.writeString(
        file, SITE + "lanes:\n" + LANE.replace("'tcp://h:3'}}", "'tcp://h:3'}" + cam));
    assertEquals(
        new CameraConfig(new DeviceAddress.Tcp("h", 4), "cam-7"),
        SiteConfigLoader.load(file).lane("x").orElseThrow().camera());

    assertEquals(
        "site.yaml: lanes[0].camera.adress: unknown key (known keys: address, id)",
        error(
            SITE
                + "lanes:\n"
                + LANE.replace("'tcp://h:3'}}", "'tcp://h:3'}, camera: {adress: x}}")));
    assertEquals(
        "site.yaml: lanes[0].camera.address: missing",
        error(SITE + "lanes:\n" + LANE.replace("'tcp://h:3'}}", "'tcp://h:3'}, camera: {id: c}}")));
    assertEquals(
        "site.yaml: lanes[0].camera.id: 'cam 7' must be 1-32 letters, digits, '-' or '_'",
        error(
            SITE
                + "lanes:\n"
                + LANE.replace("'tcp://h:3'}}", "'tcp://h:3'}" + cam.replace("cam-7", "'cam 7'"))));
    assertEquals(
        "site.yaml: lanes[0].camera.address: tcp://h:3 is already lane x's display; a camera needs a port of its own",
        error(
            SITE
                + "lanes:\n"
                + LANE.replace("'tcp://h:3'}}", "'tcp://h:3'}, camera: {address: 'tcp://h:3'}}")));
    String second =
        LANE.replace("id: x", "id: y")
            .replace("h:1", "h:11")
            .replace("h:2", "h:12")
            .replace("'tcp://h:3'}}", "'tcp://h:13'}, camera: {address: 'tcp://h:14', id: cam-7}}");
    assertEquals(
        "site.yaml: lanes[1].camera.id: camera id 'cam-7' is already lane x's camera; each camera needs an id of its own",
        error(SITE + "lanes:\n" + LANE.replace("'tcp://h:3'}}", "'tcp://h:3'}" + cam) + second));
  }

  @Test
  void aDrawerLimitIsAnAmountInTheSiteCurrencyAndOptional() throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, SITE + "lanes:\n" + LANE);
    assertEquals(SiteConfig.Cash.NONE, SiteConfigLoader.load(file).cash());
    Files.writeString(file, SITE + "cash: {drawerLimit: 2000}\nlanes:\n" + LANE);
    assertEquals(
        org.parkgate.money.Money.of(200000, "CNY"),
        SiteConfigLoader.load(file).cash().drawerLimit());
    assertEquals(
        "site.yaml: cash.drawerLimit: must be an amount in CNY such as 2000.00, not lots",
        error(SITE + "cash: {drawerLimit: lots}\nlanes:\n" + LANE));
    assertEquals(
        "site.yaml: cash.drawerLimit: must be more than 0, not -5",
        error(SITE + "cash: {drawerLimit: -5}\nlanes:\n" + LANE));
    assertEquals(
        "site.yaml: cash.drawerLimt: unknown key (known keys: drawerLimit)",
        error(SITE + "cash: {drawerLimt: 5}\nlanes:\n" + LANE));
  }

  @Test
  void lostCardApprovalIsNoneByDefaultAndNamedOnceSet() throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, SITE + "lanes:\n" + LANE);
    assertEquals(LostCardApproval.NONE, SiteConfigLoader.load(file).lostCardApproval());
    Files.writeString(file, SITE + "lostCard: {approval: supervisor-or-finance}\nlanes:\n" + LANE);
    SiteConfig site = SiteConfigLoader.load(file);
    assertEquals(LostCardApproval.SUPERVISOR_OR_FINANCE, site.lostCardApproval());
    assertEquals(
        java.util.Set.of(org.parkgate.api.Role.SUPERVISOR, org.parkgate.api.Role.FINANCE),
        site.lostCardApproval().approvers());
    assertEquals(
        "site.yaml: lostCard.approval: must be none, supervisor, finance or supervisor-or-finance,"
            + " not cashier",
        error(SITE + "lostCard: {approval: cashier}\nlanes:\n" + LANE));
    assertEquals(
        LostCardApproval.SUPERVISOR_OR_FINANCE,
        SiteConfigLoader.load(DEMO).lostCardApproval(),
        "the demo site's lost cards wait for a supervisor or finance");
  }

  private String error(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file))
        .getMessage()
        .replace(file.toString(), "site.yaml");
  }

  private static final String SITE =
      "site: {id: s, zone: Asia/Shanghai, currency: CNY, tariff: t.yaml}\n";
  private static final String LANE =
      "  - {id: x, kind: exit, barrier: {address: 'tcp://h:1'}, cardReader: {address: 'tcp://h:2'}, display: {address: 'tcp://h:3'}}\n";

  @Test
  void everyErrorNamesTheFileThePlaceAndTheFault() throws Exception {
    assertEquals("site.yaml: lanes: a site needs at least one lane", error(SITE));
    assertEquals(
        "site.yaml: site.zone: 'Mars/Base' is not a time zone such as Asia/Shanghai",
        error(SITE.replace("Asia/Shanghai", "Mars/Base") + "lanes:\n" + LANE));
    assertEquals(
        "site.yaml: lanes[0].kind: 'exitt' is not one of entry, exit",
        error(SITE + "lanes:\n" + LANE.replace("exit,", "exitt,")));
    assertEquals(
        "site.yaml: lanes[1].id: lane 'x' is defined twice",
        error(SITE + "lanes:\n" + LANE + LANE));
    assertEquals(
        "site.yaml: lanes[0].barrier.address: 'tcp://h' needs a host and a port 1-65535, e.g. tcp://10.0.0.5:4001",
        error(SITE + "lanes:\n" + LANE.replace("tcp://h:1", "tcp://h")));
    assertEquals(
        "site.yaml: lanes[0].barrier.unit: must be between 1 and 247, got 300",
        error(SITE + "lanes:\n" + LANE.replace("'tcp://h:1'}", "'tcp://h:1', unit: 300}")));
    assertEquals(
        "site.yaml: controller.pollIntervall: unknown key (known keys: anchors, bind, consolePort, dataDir, journalLayout, laneTimeouts, plainOffLoopback, pollInterval, sessions, tls)",
        error(SITE + "lanes:\n" + LANE + "controller: {pollIntervall: 5s}\n"));
    assertEquals(
        "site.yaml: site.currency: missing",
        error(SITE.replace(", currency: CNY", "") + "lanes:\n" + LANE));
  }

  @Test
  void laneTimeoutsDefaultAndAreReadWithTheirLimitsNamed() throws Exception {
    assertEquals(
        SiteConfig.LaneTimeouts.DEFAULT, SiteConfigLoader.load(DEMO).controller().laneTimeouts());
    assertEquals(Duration.ofSeconds(30), SiteConfig.LaneTimeouts.DEFAULT.cardNotTaken());
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        SITE
            + "lanes:\n"
            + LANE
            + "controller: {laneTimeouts: {cardNotTaken: 45s, barrierTimeout: 12s}}\n");
    assertEquals(
        new SiteConfig.LaneTimeouts(
            Duration.ofSeconds(45), Duration.ofSeconds(12), Duration.ofSeconds(3)),
        SiteConfigLoader.load(file).controller().laneTimeouts());
    assertEquals(
        "site.yaml: controller.laneTimeouts.barrierTimeout: must be from 2s to 60s, not 500ms",
        error(SITE + "lanes:\n" + LANE + "controller: {laneTimeouts: {barrierTimeout: 500ms}}\n"));
    assertEquals(
        "site.yaml: controller.laneTimeouts.cardNotTaken: must be from 5s to 10m, not 1h",
        error(SITE + "lanes:\n" + LANE + "controller: {laneTimeouts: {cardNotTaken: 1h}}\n"));
    assertEquals(
        "site.yaml: controller.laneTimeouts.cardHeld: unknown key"
            + " (known keys: barrierTimeout, cardHold, cardNotTaken)",
        error(SITE + "lanes:\n" + LANE + "controller: {laneTimeouts: {cardHeld: 5s}}\n"));
  }

  @Test
  void sessionRulesDefaultAndAreReadWithTheirLimitsNamed() throws Exception {
    assertEquals(SiteConfig.Sessions.DEFAULT, SiteConfigLoader.load(DEMO).controller().sessions());
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        SITE
            + "lanes:\n"
            + LANE
            + "controller: {sessions: {idle: 30min, lifetime: 12h, perUser: 2}}\n");
    assertEquals(
        new SiteConfig.Sessions(Duration.ofMinutes(30), Duration.ofHours(12), 2),
        SiteConfigLoader.load(file).controller().sessions());
    assertEquals(
        "site.yaml: controller.sessions.lifetime: must be at least sessions.idle (PT4H)",
        error(SITE + "lanes:\n" + LANE + "controller: {sessions: {idle: 4h, lifetime: 1h}}\n"));
    assertEquals(
        "site.yaml: controller.sessions.idle: must be from 60s to 1d, not 2d",
        error(SITE + "lanes:\n" + LANE + "controller: {sessions: {idle: 2d}}\n"));
  }

  @Test
  void anchoringDefaultsAndIsReadWithItsLimitsNamed() throws Exception {
    assertEquals(SiteConfig.Anchoring.DEFAULT, SiteConfigLoader.load(DEMO).controller().anchors());
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        SITE + "lanes:\n" + LANE + "controller: {anchors: {every: 5min, everyPayments: 20}}\n");
    assertEquals(
        new SiteConfig.Anchoring(Duration.ofMinutes(5), 20),
        SiteConfigLoader.load(file).controller().anchors());
    assertEquals(
        "site.yaml: controller.anchors.every: must be from 60s to 1d, not 10s",
        error(SITE + "lanes:\n" + LANE + "controller: {anchors: {every: 10s}}\n"));
    assertTrue(
        error(SITE + "lanes:\n" + LANE + "controller: {anchors: {everyPayments: 0}}\n")
            .startsWith("site.yaml: controller.anchors.everyPayments: "));
  }

  @Test
  void headOfficeIsOptionalAndReadWithItsErrorsNamed() throws Exception {
    assertEquals(null, SiteConfigLoader.load(DEMO).controller().central());
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        SITE
            + "lanes:\n"
            + LANE
            + "central: {url: 'jdbc:postgresql://ho.example:5432/parkgate',"
            + " user: parkgate_site_demo, passwordFile: central.password}\n");
    assertEquals(
        new SiteConfig.Central(
            "jdbc:postgresql://ho.example:5432/parkgate",
            "parkgate_site_demo",
            dir.resolve("central.password"),
            500,
            Duration.ofSeconds(5)),
        SiteConfigLoader.load(file).controller().central());
    assertEquals(
        "site.yaml: central.url: must be a jdbc:postgresql://HOST[:PORT]/DATABASE URL",
        error(
            SITE + "lanes:\n" + LANE + "central: {url: 'http://ho', user: u, passwordFile: p}\n"));
    assertTrue(
        error(SITE + "lanes:\n" + LANE + "central: {url: 'jdbc:postgresql://ho/p', user: u}\n")
            .startsWith("site.yaml: central.passwordFile: "));
    assertTrue(
        error(
                SITE
                    + "lanes:\n"
                    + LANE
                    + "central: {url: 'jdbc:postgresql://ho/p', user: u, passwordFile: p,"
                    + " batch: 0}\n")
            .startsWith("site.yaml: central.batch: "));
    assertTrue(
        error(
                SITE
                    + "lanes:\n"
                    + LANE
                    + "central: {url: 'jdbc:postgresql://ho/p', user: u, passwordFile: p,"
                    + " password: secret}\n")
            .startsWith("site.yaml: central.password: unknown key"));
  }

  @Test
  void accessRulesDefaultToHardAntiPassbackAndUnlimitedSpaces() throws Exception {
    SiteConfig site = SiteConfigLoader.load(DEMO);
    assertEquals(AntiPassback.HARD, site.access().antiPassback());
    assertEquals(AntiPassback.SOFT, site.access().seasonPlateCheck());
    assertEquals(false, site.access().capacity().limited());
  }

  @Test
  void capacityAndAntiPassbackAreRead() throws Exception {
    Path tariff = dir.resolve("mall.yaml");
    Files.copy(DEMO.getParent().resolve("../tariffs/mall.yaml"), tariff);
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        SITE.replace("tariff: t.yaml}", "tariff: mall.yaml, antiPassback: soft,")
            + "  seasonPlateCheck: hard, capacity: {total: 120, classes: {car: 100, truck: 8}}}\n"
            + "lanes:\n"
            + LANE);
    AccessRules access = SiteConfigLoader.load(file).access();
    assertEquals(AntiPassback.SOFT, access.antiPassback());
    assertEquals(AntiPassback.HARD, access.seasonPlateCheck());
    assertEquals(120, access.capacity().total().getAsInt());
    assertEquals(java.util.Map.of("car", 100, "truck", 8), access.capacity().classes());
  }

  @Test
  void theSiteSpeaksBothLanguagesUnlessItsFileChoosesOne() throws Exception {
    assertEquals(Language.BOTH, SiteConfigLoader.load(DEMO).language());
    Files.copy(DEMO.getParent().resolve("../tariffs/mall.yaml"), dir.resolve("mall.yaml"));
    Path file = dir.resolve("site.yaml");
    Files.writeString(
        file,
        SITE.replace("tariff: t.yaml}", "tariff: mall.yaml, language: en}") + "lanes:\n" + LANE);
    assertEquals(Language.EN, SiteConfigLoader.load(file).language());
    assertEquals(
        "site.yaml: site.language: 'fr' is not one of zh, en, both",
        error(
            SITE.replace("tariff: t.yaml}", "tariff: mall.yaml, language: fr}")
                + "lanes:\n"
                + LANE));
  }

  @Test
  void badAccessRulesAreNamedWhereTheyStand() throws Exception {
    Files.copy(DEMO.getParent().resolve("../tariffs/mall.yaml"), dir.resolve("mall.yaml"));
    String site = SITE.replace("tariff: t.yaml}", "tariff: mall.yaml, ");
    assertEquals(
        "site.yaml: site.antiPassback: 'strict' is not one of hard, soft",
        error(site + "antiPassback: strict}\nlanes:\n" + LANE));
    assertEquals(
        "site.yaml: site.capacity.total: must be between 0 and 1000000, got -5",
        error(site + "capacity: {total: -5}}\nlanes:\n" + LANE));
    assertEquals(
        "site.yaml: site.capacity.classes.car: must be between 0 and 1000000, got -1",
        error(site + "capacity: {classes: {car: -1}}}\nlanes:\n" + LANE));
    assertEquals(
        "site.yaml: site.capacity.classes.bus: unknown vehicle class (the tariff names: car, season, truck)",
        error(site + "capacity: {classes: {bus: 3}}}\nlanes:\n" + LANE));
    assertEquals(
        "site.yaml: site.capacity.classes.car: 50 spaces is more than the site's total of 10",
        error(site + "capacity: {total: 10, classes: {car: 50}}}\nlanes:\n" + LANE));
    assertEquals(
        "site.yaml: site.capacity.totl: unknown key (known keys: classes, total)",
        error(site + "capacity: {totl: 10}}\nlanes:\n" + LANE));
    assertEquals(
        "site.yaml: site.capacity.total: expected a whole number, got 'many'",
        error(site + "capacity: {total: many}}\nlanes:\n" + LANE));
  }

  @Test
  void aFileThatIsNotYamlOrIsMissingSaysSo() throws Exception {
    String broken = error("site: {id: [\n");
    assertEquals(true, broken.startsWith("site.yaml: not valid YAML"), broken);
    ConfigException missing =
        assertThrows(ConfigException.class, () -> SiteConfigLoader.load(dir.resolve("none.yaml")));
    assertEquals(dir.resolve("none.yaml") + ": no such file", missing.getMessage());
  }

  @Test
  void serialAddressesCarryTheirOptions() {
    DeviceAddress a = DeviceAddress.parse("serial:/dev/ttyUSB0?baud=9600&parity=none");
    assertEquals(
        new DeviceAddress.Serial(
            "/dev/ttyUSB0", java.util.Map.of("baud", "9600", "parity", "none")),
        a);
    assertEquals("serial:/dev/ttyUSB0?baud=9600&parity=none", a.toString());
  }
}
