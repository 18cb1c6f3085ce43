package org.parkgate.site;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * A car park: its identity, time zone, currency, tariff, lanes and the ports its processes serve
 * on. One file describes the whole site, so controller, console and simulator agree on it.
 */
public record SiteConfig(
    String id,
    String name,
    ZoneId zone,
    Currency currency,
    Path tariff,
    List<LaneConfig> lanes,
    ControllerSettings controller,
    ConsoleSettings console,
    SimulatorSettings simulator,
    AccessRules access,
    Checks checks,
    List<BoothConfig> booths,
    Cash cash,
    LostCardApproval lostCardApproval,
    Language language) {

  public SiteConfig {
    lostCardApproval = lostCardApproval == null ? LostCardApproval.NONE : lostCardApproval;
    lanes = List.copyOf(lanes);
    booths = List.copyOf(booths);
    language = language == null ? Language.BOTH : language;
  }

  /** A site whose lost-card releases need nobody's approval, speaking both languages. */
  public SiteConfig(
      String id,
      String name,
      ZoneId zone,
      Currency currency,
      Path tariff,
      List<LaneConfig> lanes,
      ControllerSettings controller,
      ConsoleSettings console,
      SimulatorSettings simulator,
      AccessRules access,
      Checks checks,
      List<BoothConfig> booths,
      Cash cash) {
    this(
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
        checks,
        booths,
        cash,
        LostCardApproval.NONE,
        Language.BOTH);
  }

  /** This site with its access rules {@code rules}. */
  public SiteConfig withAccess(AccessRules rules) {
    return with(tariff, rules, booths, cash, lostCardApproval, language);
  }

  /** This site priced by the tariff file {@code file}. */
  public SiteConfig withTariff(Path file) {
    return with(file, access, booths, cash, lostCardApproval, language);
  }

  /** This site with the booths {@code list}. */
  public SiteConfig withBooths(List<BoothConfig> list) {
    return with(tariff, access, list, cash, lostCardApproval, language);
  }

  /** This site with the cash rules {@code rules}. */
  public SiteConfig withCash(Cash rules) {
    return with(tariff, access, booths, rules, lostCardApproval, language);
  }

  /** This site with lost cards released on {@code approval}. */
  public SiteConfig withLostCardApproval(LostCardApproval approval) {
    return with(tariff, access, booths, cash, approval, language);
  }

  /** This site speaking {@code spoken}. */
  public SiteConfig withLanguage(Language spoken) {
    return with(tariff, access, booths, cash, lostCardApproval, spoken);
  }

  private SiteConfig with(
      Path tariff,
      AccessRules access,
      List<BoothConfig> booths,
      Cash cash,
      LostCardApproval lostCardApproval,
      Language language) {
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
        checks,
        booths,
        cash,
        lostCardApproval,
        language);
  }

  /** The booth of that console id, if the site file names it. */
  public Optional<BoothConfig> booth(String boothId) {
    return booths.stream().filter(b -> b.id().equals(boothId)).findFirst();
  }

  /** A site with no booth printers configured and no drawer limit. */
  public SiteConfig(
      String id,
      String name,
      ZoneId zone,
      Currency currency,
      Path tariff,
      List<LaneConfig> lanes,
      ControllerSettings controller,
      ConsoleSettings console,
      SimulatorSettings simulator,
      AccessRules access,
      Checks checks) {
    this(
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
        checks,
        List.of(),
        Cash.NONE);
  }

  /**
   * A site with the default access rules (hard anti-passback, unlimited spaces) and exit checks.
   */
  public SiteConfig(
      String id,
      String name,
      ZoneId zone,
      Currency currency,
      Path tariff,
      List<LaneConfig> lanes,
      ControllerSettings controller,
      ConsoleSettings console,
      SimulatorSettings simulator) {
    this(
        id,
        name,
        zone,
        currency,
        tariff,
        lanes,
        controller,
        console,
        simulator,
        AccessRules.DEFAULT,
        Checks.DEFAULT);
  }

  public Optional<LaneConfig> lane(String laneId) {
    return lanes.stream().filter(l -> l.id().equals(laneId)).findFirst();
  }

  /**
   * Where the controller listens and keeps its data, how long its lanes wait, and whether the
   * console API is served over TLS.
   *
   * @param plainOffLoopback allows plain ws on a bind address other than loopback
   * @param journalLayout the accounting journal's column layout for reports the consoles ask for
   *     (docs/reports.md), or null for the default layout
   * @param central where the ledger is replicated to head office, or null when it is not
   */
  public record ControllerSettings(
      String bindHost,
      int consolePort,
      Path dataDir,
      java.time.Duration pollInterval,
      LaneTimeouts laneTimeouts,
      TlsMode tls,
      boolean plainOffLoopback,
      Sessions sessions,
      Anchoring anchors,
      Path journalLayout,
      Central central) {

    /** Settings with {@code tls: auto}, the default session rules and the default anchoring. */
    public ControllerSettings(
        String bindHost,
        int consolePort,
        Path dataDir,
        java.time.Duration pollInterval,
        LaneTimeouts laneTimeouts) {
      this(
          bindHost,
          consolePort,
          dataDir,
          pollInterval,
          laneTimeouts,
          TlsMode.AUTO,
          false,
          Sessions.DEFAULT,
          Anchoring.DEFAULT,
          null,
          null);
    }

    /** Whether the console API is served over TLS: {@code auto} means off loopback only. */
    public boolean consoleTls() {
      return switch (tls) {
        case ON -> true;
        case OFF -> false;
        case AUTO -> !org.parkgate.tls.Loopback.is(bindHost);
      };
    }
  }

  /**
   * The head office's PostgreSQL the controller ships its ledger's links to (docs/central.md).
   *
   * @param url {@code jdbc:postgresql://HOST[:PORT]/DATABASE}
   * @param user the site's database role, as head office registered it
   * @param passwordFile a file holding the role's password (first line), readable by the
   *     controller's user only
   * @param batch the most links shipped in one call
   * @param retry how long the shipper waits after a failure before it tries again
   * @param arrearsElsewhere whether a plate owing at another of the operator's sites is flagged to
   *     the cashier at this site's exits
   * @param arrearsEvery how often what plates owe elsewhere is asked of head office
   */
  public record Central(
      String url,
      String user,
      Path passwordFile,
      int batch,
      java.time.Duration retry,
      boolean arrearsElsewhere,
      java.time.Duration arrearsEvery) {

    /** Shipping only: arrears elsewhere not asked. */
    public Central(
        String url, String user, Path passwordFile, int batch, java.time.Duration retry) {
      this(url, user, passwordFile, batch, retry, false, java.time.Duration.ofSeconds(30));
    }
  }

  /**
   * How long a person's session lasts at the controller (docs/configuration.md).
   *
   * @param idle a session with no command for this long ends
   * @param lifetime a session ends this long after its login in any case
   * @param perUser the most sessions one person holds at once; a login beyond ends their least
   *     recently used one
   */
  public record Sessions(java.time.Duration idle, java.time.Duration lifetime, int perUser) {
    /** A booth shift with long quiet spells at night fits in these. */
    public static final Sessions DEFAULT =
        new Sessions(java.time.Duration.ofHours(4), java.time.Duration.ofHours(16), 8);
  }

  /**
   * How often the controller signs its ledger's chain head with the site key besides every shift
   * close and Z-report (docs/reliability.md): when {@code every} has passed since the last signed
   * anchor, or {@code everyPayments} payments were chained since, whichever comes first.
   */
  public record Anchoring(java.time.Duration every, int everyPayments) {
    public static final Anchoring DEFAULT = new Anchoring(java.time.Duration.ofMinutes(15), 100);
  }

  /**
   * How long a lane waits for the driver and the barrier before it says so (docs/lanes.md).
   *
   * @param cardNotTaken an entry card offered and not taken by then is reported
   * @param barrierTimeout an arm that has not reached its limit by then is commanded again or
   *     reported stuck
   * @param cardHold a card read before its vehicle is seen on the arming loop is kept this long
   */
  public record LaneTimeouts(
      java.time.Duration cardNotTaken,
      java.time.Duration barrierTimeout,
      java.time.Duration cardHold) {
    public static final LaneTimeouts DEFAULT =
        new LaneTimeouts(
            java.time.Duration.ofSeconds(30),
            java.time.Duration.ofSeconds(8),
            java.time.Duration.ofSeconds(3));
  }

  /**
   * Where the cashier console serves the booth UI and how it reaches the controller.
   *
   * @param controllerFingerprint the controller certificate a {@code wss://} link accepts, or null
   * @param plainOffLoopback allows a plain {@code ws://} link to a host other than loopback
   * @param https serves the booth UI over HTTPS with the console's own certificate
   * @param dataDir where the console keeps its users file and booth certificate
   */
  public record ConsoleSettings(
      String bindHost,
      int httpPort,
      String controllerUrl,
      org.parkgate.tls.Fingerprint controllerFingerprint,
      boolean plainOffLoopback,
      boolean https,
      Path dataDir) {

    /** Plain HTTP, a link with no pinned certificate, data under the working directory. */
    public ConsoleSettings(String bindHost, int httpPort, String controllerUrl) {
      this(bindHost, httpPort, controllerUrl, null, false, false, Path.of("data", "console"));
    }
  }

  /** Where the simulator serves its control interface. */
  public record SimulatorSettings(
      String bindHost, int controlPort, java.time.Duration barrierTravel) {}

  /**
   * Exit checks against what the plate camera saw at entry.
   *
   * @param ticketSwapAfter a stay longer than this whose exit plate entered later on another
   *     ticket, or differs from the entry plate, is flagged as a ticket swap
   */
  public record Checks(java.time.Duration ticketSwapAfter) {
    public static final Checks DEFAULT = new Checks(java.time.Duration.ofHours(72));
  }

  /**
   * The cash a booth's drawer may hold (现金限额).
   *
   * @param drawerLimit past this cash expected in a drawer the controller takes no more cash until
   *     a cash drop (缴款) is recorded; null for no limit
   */
  public record Cash(org.parkgate.money.Money drawerLimit) {
    public static final Cash NONE = new Cash(null);
  }
}
