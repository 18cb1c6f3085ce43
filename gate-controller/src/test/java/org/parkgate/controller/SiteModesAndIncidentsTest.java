package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Refusal;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * Lane modes and incidents through the site service, with a real ledger file; modes set by a
 * supervisor logged in at a booth, through the command pipeline.
 */
class SiteModesAndIncidentsTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant ENTRY = Instant.parse("2027-01-09T02:00:00Z");
  static final Clock CLOCK = Clock.fixed(ENTRY.plus(Duration.ofMinutes(121)), ZoneOffset.UTC);

  @TempDir Path dir;
  private SiteConfig config;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private DefaultEventLoop loop;
  private SiteService site;
  private Desk desk;

  @BeforeEach
  void start() throws Exception {
    config = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    loop = new DefaultEventLoop();
    site = service();
    desk = new Desk(site, CLOCK);
  }

  private SiteService service() throws Exception {
    SiteService s =
        new SiteService(
            config,
            TariffBook.open(ledger, config.tariff(), CLOCK.instant()),
            ledger,
            CLOCK,
            ledgerThread,
            new ConsoleHub());
    config.lanes().forEach(l -> s.addLane(l, loop));
    return s;
  }

  @AfterEach
  void stop() throws Exception {
    desk.close();
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  private CommandResult setMode(String id, String lane, LaneMode mode, String reason) {
    return desk.run(
        new ConsoleCommand.SetLaneMode(id, desk.session("supervisor1"), lane, mode, reason));
  }

  private <T extends ConsoleEvent> List<T> events(Class<T> type) {
    return new EventLog(ledger)
        .eventsAfter(0, 1000).stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void aModeChangeIsRecordedWithWhoAndWhyAndARetryGetsTheSameAnswer() throws Exception {
    CommandResult result = setMode("m-1", "exit-1", LaneMode.CLOSED, "resurfacing");
    Answer.ModeSet set = Desk.answer(result, Answer.ModeSet.class);
    assertEquals(
        List.of("exit-1", LaneMode.CLOSED, "supervisor1", "resurfacing"),
        List.of(set.lane(), set.mode(), set.by(), set.reason()));
    assertEquals(result, setMode("m-1", "exit-1", LaneMode.CLOSED, "resurfacing"));
    List<ConsoleEvent.LaneModeChanged> changes = events(ConsoleEvent.LaneModeChanged.class);
    assertEquals(1, changes.size(), "recorded once");
    assertEquals("resurfacing", changes.get(0).reason());
  }

  @Test
  void aBadModeChangeIsRefusedAndRecordsNothing() throws Exception {
    assertEquals(
        "unknown lane 'exit-9' (lanes: entry-1, exit-1)",
        Desk.refusal(setMode("m-1", "exit-9", LaneMode.CLOSED, "x"), Refusal.INVALID));
    assertEquals(
        "a mode change needs a reason",
        Desk.refusal(setMode("m-2", "exit-1", LaneMode.CLOSED, ""), Refusal.INVALID));
    assertEquals(List.of(), events(ConsoleEvent.LaneModeChanged.class));
  }

  @Test
  void aFreeExitStaysFreeAfterARestart() throws Exception {
    long stay = new Stays(ledger).recordEntry("entry-1", "CARD1", ENTRY).stayId();
    assertTrue(setMode("m-1", "exit-1", LaneMode.FREE_EXIT, "fire alarm").ok());
    assertEquals(
        new LaneEvent.ExitQuoted("CARD1", stay, Money.of(0, "CNY")),
        site.quoteExit("exit-1", "CARD1", null).get(5, TimeUnit.SECONDS));

    site = service(); // the controller restarted on the same ledger
    desk.close();
    desk = new Desk(site, CLOCK);
    site.restoreLaneModes().get(5, TimeUnit.SECONDS);
    assertEquals(
        new LaneEvent.ExitQuoted("CARD1", stay, Money.of(0, "CNY")),
        site.quoteExit("exit-1", "CARD1", null).get(5, TimeUnit.SECONDS));

    assertTrue(setMode("m-2", "exit-1", LaneMode.NORMAL, "all clear").ok());
    assertEquals(
        new LaneEvent.ExitQuoted("CARD1", stay, Money.of(900, "CNY")),
        site.quoteExit("exit-1", "CARD1", null).get(5, TimeUnit.SECONDS));
  }

  @Test
  void aLaneIncidentIsKeptWithItsEvent() throws Exception {
    site.reportIncident("exit-1", IncidentKind.TAILGATING, "CARD1", "second vehicle");
    ledgerThread.submit(() -> null).get(5, TimeUnit.SECONDS);
    List<Incidents.Incident> kept =
        new Incidents(ledger).between(ENTRY, ENTRY.plus(Duration.ofDays(1)));
    assertEquals(1, kept.size());
    assertEquals("TAILGATING", kept.get(0).kind());
    assertEquals("CARD1", kept.get(0).card());
    ConsoleEvent.Incident told = events(ConsoleEvent.Incident.class).get(0);
    assertEquals("second vehicle", told.detail());
  }

  @Test
  void theCamerasPlateAtEntryIsComparedAtTheExit() throws Exception {
    site.recordEntry("entry-1", "CARD1", new Sighting("粤B12345", "car", "white"))
        .get(5, TimeUnit.SECONDS);
    LaneEvent quoted =
        site.quoteExit("exit-1", "CARD1", new Sighting("粤B54321", "car", "white"))
            .get(5, TimeUnit.SECONDS);
    assertTrue(quoted instanceof LaneEvent.ExitQuoted, quoted.toString());
    ConsoleEvent.Incident told = events(ConsoleEvent.Incident.class).get(0);
    assertEquals(IncidentKind.PLATE_MISMATCH, told.kind());
    assertEquals("粤B54321", told.plate());
  }
}
