package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.BarrierInputs;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.RecordingDevices;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.SeasonCards;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * Exits that owe nothing open by themselves: the site service and a real exit lane, the barrier
 * replaced by a recorder, and no console connected to take a payment or press a button.
 */
class OpenWithoutConsoleTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");
  static final BarrierInputs CLOSED_ARMED = new BarrierInputs(true, false, false, true, false);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private final RecordingDevices devices = new RecordingDevices();
  private final List<String> commands = devices.commands();
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private DefaultEventLoop loop;
  private ConsoleHub hub;
  private SiteService site;
  private LaneRunner exit;

  @BeforeEach
  void start() throws Exception {
    SiteConfig config = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    loop = new DefaultEventLoop();
    hub = new ConsoleHub();
    site =
        new SiteService(
            config,
            TariffBook.open(ledger, config.tariff(), clock.instant()),
            ledger,
            clock,
            ledgerThread,
            hub);
    exit = site.addLane(config.lane("exit-1").orElseThrow(), loop);
    exit.attach(devices);
  }

  @AfterEach
  void stop() throws Exception {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    ledgerThread.shutdown();
    ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
    ledger.close();
  }

  /** Presents the card at the exit and waits for the barrier to open, or for a refusal. */
  private boolean opensFor(String card) throws Exception {
    assertEquals(0, hub.consoles(), "no console is connected");
    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    exit.deliver(new LaneEvent.CardRead(card));
    for (int i = 0; i < 300 && !commands.contains("open"); i++) {
      if (commands.stream().anyMatch(c -> c.startsWith("show 停车费"))) {
        return false;
      }
      Thread.sleep(10);
    }
    return commands.contains("open");
  }

  private void entered(String card) throws Exception {
    site.recordEntry("entry-1", card, null).get(5, TimeUnit.SECONDS);
  }

  @Test
  void aStayWithinTheGracePeriodOpens() throws Exception {
    entered("00A1B2C3D4");
    clock.advance(Duration.ofMinutes(14));
    assertTrue(opensFor("00A1B2C3D4"), commands.toString());
  }

  @Test
  void aValidSeasonCardOpensAfterAWholeDay() throws Exception {
    new SeasonCards(ledger)
        .add(
            "5EA5011001",
            "Li Wei",
            List.of(),
            "car",
            LocalDate.parse("2027-01-01"),
            LocalDate.parse("2027-01-31"),
            "office1",
            T0);
    entered("5EA5011001");
    clock.advance(Duration.ofHours(26));
    assertTrue(opensFor("5EA5011001"), commands.toString());
  }

  /** Paid at a pay station, which then hangs up: no console is left to open the exit. */
  private void paidAtStationAfter(Duration stay) throws Exception {
    entered("00A1B2C3D4");
    clock.advance(stay);
    try (Desk station = new Desk(site, clock, Desk.ALL_DAY)) {
      assertTrue(
          station
              .run(
                  new ConsoleCommand.PayStationPayment(
                      "ps-1",
                      station.onShift("cashier1"),
                      "00A1B2C3D4",
                      Money.of(900, "CNY"),
                      "pay-1"))
              .ok());
    }
  }

  @Test
  void aCarPaidAtAPayStationOpensWithinTheExitGrace() throws Exception {
    paidAtStationAfter(Duration.ofMinutes(125));
    clock.advance(Duration.ofMinutes(12));
    assertTrue(opensFor("00A1B2C3D4"), commands.toString());
  }

  @Test
  void aCarPaidAtAPayStationOwesTheDifferenceAfterTheExitGrace() throws Exception {
    paidAtStationAfter(Duration.ofMinutes(125));
    clock.advance(Duration.ofMinutes(72)); // 3 h 17 min: four hours, 12.00, less 9.00 paid
    assertFalse(opensFor("00A1B2C3D4"), commands.toString());
    assertTrue(commands.contains("show 停车费 Fee 3.00 CNY"), commands.toString());
  }
}
