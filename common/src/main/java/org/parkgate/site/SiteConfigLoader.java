package org.parkgate.site;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.parkgate.config.ConfigException;
import org.parkgate.config.ConfigNode;

/** Reads and validates a site file; see {@code docs/configuration.md} for every key. */
public final class SiteConfigLoader {
  private SiteConfigLoader() {}

  public static SiteConfig load(Path file) throws ConfigException {
    ConfigNode root =
        ConfigNode.read(file)
            .onlyKeys(
                Set.of(
                    "site",
                    "lanes",
                    "booths",
                    "controller",
                    "console",
                    "simulator",
                    "checks",
                    "cash",
                    "lostCard",
                    "central"));
    ConfigNode site =
        root.required("site")
            .onlyKeys(
                Set.of(
                    "id",
                    "name",
                    "zone",
                    "currency",
                    "tariff",
                    "antiPassback",
                    "seasonPlateCheck",
                    "capacity",
                    "language"));
    Path base = file.toAbsolutePath().getParent();
    // Read in the order of the file, so the first fault reported is the first one a reader meets.
    String id = site.text("id");
    String name = site.text("name", id);
    java.time.ZoneId zone = site.zone("zone");
    java.util.Currency currency = site.currency("currency");
    Path tariff = base.resolve(site.text("tariff")).normalize();
    Language language =
        site.has("language") ? site.choice("language", Language.class) : Language.BOTH;
    AccessRules access = AccessRulesLoader.access(site, tariff);

    List<LaneConfig> lanes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    SharedPorts ports = new SharedPorts();
    java.util.Map<String, String> cameraIds = new java.util.HashMap<>();
    for (ConfigNode lane : root.list("lanes")) {
      LaneConfig parsed = lane(lane);
      if (!ids.add(parsed.id())) {
        throw lane.child("id").error("lane '" + parsed.id() + "' is defined twice");
      }
      ports.barrier(lane.child("barrier"), parsed.id(), parsed.barrier(), parsed.barrierUnit());
      ports.device(lane.child("cardReader"), parsed.id(), "card reader", parsed.cardReader());
      ports.device(lane.child("display"), parsed.id(), "display", parsed.display());
      if (parsed.hasCamera()) {
        ports.device(lane.child("camera"), parsed.id(), "camera", parsed.camera().address());
        String owner = cameraIds.putIfAbsent(parsed.camera().id(), parsed.id());
        if (owner != null) {
          throw lane.child("camera")
              .child("id")
              .error(
                  "camera id '"
                      + parsed.camera().id()
                      + "' is already lane "
                      + owner
                      + "'s camera; each camera needs an id of its own");
        }
      }
      lanes.add(parsed);
    }
    if (lanes.isEmpty()) {
      throw root.child("lanes").error("a site needs at least one lane");
    }
    List<BoothConfig> booths = new ArrayList<>();
    Set<String> boothIds = new HashSet<>();
    for (ConfigNode booth : root.has("booths") ? root.list("booths") : List.<ConfigNode>of()) {
      booth.onlyKeys(Set.of("id", "printer", "lanes"));
      String boothId = booth.text("id");
      if (!boothId.matches("[A-Za-z0-9_-]{1,32}")) {
        throw booth.child("id").error("'" + boothId + "' must be 1-32 letters, digits, '-' or '_'");
      }
      if (!boothIds.add(boothId)) {
        throw booth.child("id").error("booth '" + boothId + "' is defined twice");
      }
      DeviceAddress printer = null;
      if (booth.has("printer")) {
        ConfigNode p = booth.required("printer").onlyKeys(Set.of("address"));
        printer = address(p, "address");
        ports.device(p, boothId, "receipt printer", printer);
      }
      List<String> boothLanes = new ArrayList<>();
      for (String lane : booth.text("lanes", "").split(",")) {
        if (lane.isBlank()) {
          continue;
        }
        if (lanes.stream().noneMatch(l -> l.id().equals(lane.strip()))) {
          throw booth.child("lanes").error("no lane '" + lane.strip() + "' on this site");
        }
        boothLanes.add(lane.strip());
      }
      booths.add(new BoothConfig(boothId, printer, boothLanes));
    }

    ConfigNode c = root.optional("controller").orElse(root.child("controller"));
    if (root.has("controller")) {
      c.onlyKeys(
          Set.of(
              "bind",
              "consolePort",
              "dataDir",
              "pollInterval",
              "laneTimeouts",
              "tls",
              "plainOffLoopback",
              "sessions",
              "anchors",
              "journalLayout"));
    }
    SiteConfig.ControllerSettings controller =
        new SiteConfig.ControllerSettings(
            c.text("bind", "127.0.0.1"),
            c.integer("consolePort", 7200, 1, 65535),
            base.resolve(c.text("dataDir", "../../data")).normalize(),
            c.duration("pollInterval", Duration.ofMillis(50)),
            laneTimeouts(c),
            c.has("tls") ? c.parse("tls", TlsMode::parse, "one of auto, on, off") : TlsMode.AUTO,
            c.bool("plainOffLoopback", false),
            sessions(c),
            ControllerConfigLoader.anchors(c),
            c.has("journalLayout") ? base.resolve(c.text("journalLayout", "")).normalize() : null,
            ControllerConfigLoader.central(root, base));
    if (!controller.consoleTls()
        && !controller.plainOffLoopback()
        && !org.parkgate.tls.Loopback.is(controller.bindHost())) {
      throw c.child(c.has("tls") ? "tls" : "bind")
          .error(
              "the console API would be plain ws on "
                  + controller.bindHost()
                  + ", which is not loopback; set controller.tls to auto or on, bind to"
                  + " 127.0.0.1, or set controller.plainOffLoopback: true");
    }

    ConfigNode k = root.optional("console").orElse(root.child("console"));
    if (root.has("console")) {
      k.onlyKeys(
          Set.of(
              "bind",
              "httpPort",
              "controllerUrl",
              "controllerFingerprint",
              "plainOffLoopback",
              "https",
              "dataDir"));
    }
    String scheme = controller.consoleTls() ? "wss" : "ws";
    SiteConfig.ConsoleSettings console =
        new SiteConfig.ConsoleSettings(
            k.text("bind", "127.0.0.1"),
            k.integer("httpPort", 8080, 1, 65535),
            k.text(
                "controllerUrl", scheme + "://127.0.0.1:" + controller.consolePort() + "/console"),
            k.has("controllerFingerprint")
                ? k.parse(
                    "controllerFingerprint",
                    org.parkgate.tls.Fingerprint::parse,
                    "a fingerprint sha256:<64 hex digits>")
                : null,
            k.bool("plainOffLoopback", false),
            k.bool("https", false),
            k.has("dataDir")
                ? base.resolve(k.text("dataDir")).normalize()
                : controller.dataDir().resolve("console"));

    ConfigNode s = root.optional("simulator").orElse(root.child("simulator"));
    if (root.has("simulator")) {
      s.onlyKeys(Set.of("bind", "controlPort", "barrierTravel"));
    }
    SiteConfig.SimulatorSettings simulator =
        new SiteConfig.SimulatorSettings(
            s.text("bind", "127.0.0.1"),
            s.integer("controlPort", 7000, 1, 65535),
            s.duration("barrierTravel", Duration.ofMillis(800)));

    return new SiteConfig(
        id,
        name,
        zone,
        currency,
        tariff,
        lanes,
        controller,
        console,
        simulator,
        access,
        checks(root),
        booths,
        cash(root, currency),
        lostCardApproval(root),
        language);
  }

  private static LostCardApproval lostCardApproval(ConfigNode root) throws ConfigException {
    if (!root.has("lostCard")) {
      return LostCardApproval.NONE;
    }
    ConfigNode lost = root.required("lostCard").onlyKeys(Set.of("approval"));
    if (!lost.has("approval")) {
      return LostCardApproval.NONE;
    }
    String text = lost.text("approval");
    return LostCardApproval.parse(text)
        .orElseThrow(
            () ->
                lost.child("approval")
                    .error(
                        "must be none, supervisor, finance or supervisor-or-finance, not " + text));
  }

  private static SiteConfig.Cash cash(ConfigNode root, java.util.Currency currency)
      throws ConfigException {
    if (!root.has("cash")) {
      return SiteConfig.Cash.NONE;
    }
    ConfigNode cash = root.required("cash").onlyKeys(Set.of("drawerLimit"));
    if (!cash.has("drawerLimit")) {
      return SiteConfig.Cash.NONE;
    }
    String text = cash.text("drawerLimit");
    org.parkgate.money.Money limit;
    try {
      limit = org.parkgate.money.Money.parse(text, currency);
    } catch (IllegalArgumentException e) {
      throw cash.child("drawerLimit")
          .error("must be an amount in " + currency + " such as 2000.00, not " + text);
    }
    if (!limit.isPositive()) {
      throw cash.child("drawerLimit").error("must be more than 0, not " + text);
    }
    return new SiteConfig.Cash(limit);
  }

  private static SiteConfig.Sessions sessions(ConfigNode controller) throws ConfigException {
    if (!controller.has("sessions")) {
      return SiteConfig.Sessions.DEFAULT;
    }
    ConfigNode s = controller.required("sessions").onlyKeys(Set.of("idle", "lifetime", "perUser"));
    SiteConfig.Sessions d = SiteConfig.Sessions.DEFAULT;
    Duration idle = within(s, "idle", d.idle(), Duration.ofMinutes(1), Duration.ofHours(24));
    Duration lifetime =
        within(s, "lifetime", d.lifetime(), Duration.ofMinutes(10), Duration.ofDays(7));
    if (lifetime.compareTo(idle) < 0) {
      throw s.child("lifetime").error("must be at least sessions.idle (" + idle + ")");
    }
    return new SiteConfig.Sessions(idle, lifetime, s.integer("perUser", d.perUser(), 1, 100));
  }

  private static SiteConfig.LaneTimeouts laneTimeouts(ConfigNode controller)
      throws ConfigException {
    if (!controller.has("laneTimeouts")) {
      return SiteConfig.LaneTimeouts.DEFAULT;
    }
    ConfigNode t =
        controller
            .required("laneTimeouts")
            .onlyKeys(Set.of("cardNotTaken", "barrierTimeout", "cardHold"));
    SiteConfig.LaneTimeouts d = SiteConfig.LaneTimeouts.DEFAULT;
    return new SiteConfig.LaneTimeouts(
        within(t, "cardNotTaken", d.cardNotTaken(), Duration.ofSeconds(5), Duration.ofMinutes(10)),
        within(
            t, "barrierTimeout", d.barrierTimeout(), Duration.ofSeconds(2), Duration.ofSeconds(60)),
        within(t, "cardHold", d.cardHold(), Duration.ofSeconds(1), Duration.ofSeconds(60)));
  }

  static Duration within(ConfigNode node, String key, Duration fallback, Duration min, Duration max)
      throws ConfigException {
    Duration d = node.duration(key, fallback);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw node.child(key)
          .error("must be from " + text(min) + " to " + text(max) + ", not " + node.text(key));
    }
    return d;
  }

  private static String text(Duration d) {
    if (d.toSeconds() >= 86_400 && d.toSeconds() % 86_400 == 0) {
      return d.toDays() + "d";
    }
    if (d.toSeconds() >= 3_600 && d.toSeconds() % 3_600 == 0) {
      return d.toHours() + "h";
    }
    return d.toSeconds() % 60 == 0 && d.toSeconds() >= 600
        ? d.toMinutes() + "m"
        : d.toSeconds() + "s";
  }

  private static SiteConfig.Checks checks(ConfigNode root) throws ConfigException {
    if (!root.has("checks")) {
      return SiteConfig.Checks.DEFAULT;
    }
    ConfigNode checks = root.required("checks").onlyKeys(Set.of("ticketSwapAfter"));
    Duration after =
        checks.duration("ticketSwapAfter", SiteConfig.Checks.DEFAULT.ticketSwapAfter());
    if (after.compareTo(Duration.ofHours(1)) < 0) {
      throw checks
          .child("ticketSwapAfter")
          .error("must be at least 1h, not " + checks.text("ticketSwapAfter"));
    }
    return new SiteConfig.Checks(after);
  }

  private static LaneConfig lane(ConfigNode lane) throws ConfigException {
    lane.onlyKeys(Set.of("id", "kind", "name", "barrier", "cardReader", "display", "camera"));
    String id = lane.text("id");
    if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
      throw lane.child("id").error("'" + id + "' must be 1-32 letters, digits, '-' or '_'");
    }
    ConfigNode barrier = lane.required("barrier").onlyKeys(Set.of("address", "unit", "map"));
    BarrierIoMap map = BarrierIoMap.DEFAULT;
    if (barrier.has("map")) {
      ConfigNode m =
          barrier
              .required("map")
              .onlyKeys(
                  Set.of(
                      "openCoil",
                      "closeCoil",
                      "armingLoop",
                      "safetyLoop",
                      "openLimit",
                      "closedLimit",
                      "fault"));
      BarrierIoMap d = BarrierIoMap.DEFAULT;
      map =
          new BarrierIoMap(
              m.integer("openCoil", d.openCoil(), 0, 65535),
              m.integer("closeCoil", d.closeCoil(), 0, 65535),
              m.integer("armingLoop", d.armingLoopInput(), 0, 65535),
              m.integer("safetyLoop", d.safetyLoopInput(), 0, 65535),
              m.integer("openLimit", d.openLimitInput(), 0, 65535),
              m.integer("closedLimit", d.closedLimitInput(), 0, 65535),
              m.integer("fault", d.faultInput(), 0, 65535));
      if (map.inputCount() > 2000) {
        throw m.error("inputs must lie within 2000 consecutive addresses");
      }
    }
    ConfigNode reader = lane.required("cardReader").onlyKeys(Set.of("address", "protocol"));
    return new LaneConfig(
        id,
        lane.choice("kind", LaneKind.class),
        lane.text("name", id),
        address(barrier, "address"),
        barrier.integer("unit", 1, 1, 247),
        map,
        address(reader, "address"),
        reader.has("protocol") ? reader.choice("protocol", CardProtocol.class) : CardProtocol.ASCII,
        address(lane.required("display").onlyKeys(Set.of("address")), "address"),
        lane.has("camera") ? camera(lane.required("camera"), id) : null);
  }

  private static CameraConfig camera(ConfigNode camera, String laneId) throws ConfigException {
    camera.onlyKeys(Set.of("address", "id"));
    DeviceAddress address = address(camera, "address");
    String id = camera.text("id", laneId);
    if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
      throw camera.child("id").error("'" + id + "' must be 1-32 letters, digits, '-' or '_'");
    }
    return new CameraConfig(address, id);
  }

  private static DeviceAddress address(ConfigNode node, String key) throws ConfigException {
    String text = node.text(key);
    try {
      return DeviceAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw node.child(key).error(e.getMessage());
    }
  }
}
