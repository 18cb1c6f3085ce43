package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.Approver;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Refusal;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.BarrierInputs;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.RecordingDevices;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Blacklist;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.FreePasses;
import org.parkgate.controller.ledger.LaneModes;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.SeasonCards;
import org.parkgate.controller.ledger.SecurityEvents;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.ledger.UnpaidBalances;
import org.parkgate.controller.ledger.VoucherCode;
import org.parkgate.controller.ledger.VoucherCodeTest;
import org.parkgate.controller.ledger.Vouchers;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.AccessRules;
import org.parkgate.site.AntiPassback;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * Where credentials (season cards, blacklist, anti-passback, capacity, pay stations) meet the exit
 * desk (camera checks, lane modes, unpaid balances by plate): the site service on a real ledger
 * file, console commands given by people logged in at a booth through the command pipeline, the
 * demo tariff (15 min free, then 3.00 per started hour, 15 min exit grace) unless a test says
 * otherwise, a real exit lane with its hardware replaced by a recorder, and a clock moved by hand.
 * Each test reads back what the driver, the cashier and finance would see.
 */
class SiteSeamTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /** 10:00 on Saturday 9 January 2027 in Shanghai. */
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");

  static final String SEASON = "5EA5011001";
  static final String CASUAL = "00A1B2C3D4";
  static final String NEXT = "00A1B2C3D5";
  static final String PLATE = "沪A12345";
  static final BarrierInputs CLOSED_ARMED = new BarrierInputs(true, false, false, true, false);
  static final BarrierInputs OPEN_CLEAR = new BarrierInputs(false, false, true, false, false);
  static final BarrierInputs CLOSED_CLEAR = new BarrierInputs(false, false, false, true, false);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private final RecordingDevices devices = new RecordingDevices();
  private SiteConfig config;
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private DefaultEventLoop loop;
  private SiteService site;
  private LaneRunner exit;
  private Desk desk;

  private void start(AccessRules rules, String tariff) throws Exception {
    SiteConfig d = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    config =
        new SiteConfig(
            d.id(),
            d.name(),
            d.zone(),
            d.currency(),
            tariff == null ? d.tariff() : ROOT.resolve(tariff),
            d.lanes(),
            d.controller(),
            d.console(),
            d.simulator(),
            rules,
            d.checks());
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    loop = new DefaultEventLoop();
    site = service();
    exit = site.addLane(config.lane("exit-1").orElseThrow(), loop);
    exit.attach(devices);
    desk = new Desk(site, clock, Desk.ALL_DAY);
  }

  /** The site service as the controller builds it, on this test's ledger and clock. */
  private SiteService service() throws Exception {
    return new SiteService(
        config,
        TariffBook.open(ledger, config.tariff(), clock.instant()),
        ledger,
        clock,
        ledgerThread,
        new ConsoleHub());
  }

  private void start(AccessRules rules) throws Exception {
    start(rules, null);
  }

  private void start() throws Exception {
    start(AccessRules.DEFAULT);
  }

  @AfterEach
  void stop() throws Exception {
    if (ledgerThread != null) {
      desk.close();
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
      ledgerThread.shutdown();
      ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
      ledger.close();
    }
  }

  // --- driving the site ---

  private static Sighting car(String plate) {
    return new Sighting(plate, "car", "white");
  }

  private LaneEvent enter(String card, Sighting vehicle) throws Exception {
    return site.recordEntry("entry-1", card, vehicle).get(5, TimeUnit.SECONDS);
  }

  private long entered(String card, Sighting vehicle) throws Exception {
    return assertInstanceOf(LaneEvent.EntryRecorded.class, enter(card, vehicle)).stayId();
  }

  private LaneEvent quote(String card, Sighting vehicle) throws Exception {
    return site.quoteExit("exit-1", card, vehicle).get(5, TimeUnit.SECONDS);
  }

  private void recordExit(long stayId) throws Exception {
    site.recordExit("exit-1", stayId).get(5, TimeUnit.SECONDS);
  }

  /** A visit of {@code minutes} whose vehicle leaves without paying: the barrier lifted by hand. */
  private void leftOwing(String card, String plate, int minutes) throws Exception {
    long stay = entered(card, car(plate));
    clock.advance(Duration.ofMinutes(minutes));
    assertTrue(due(quote(card, car(plate))).isPositive());
    recordExit(stay);
  }

  private void season(String card, String... plates) {
    new SeasonCards(ledger)
        .add(
            card,
            "Li Wei",
            List.of(plates),
            "car",
            LocalDate.parse("2027-01-01"),
            LocalDate.parse("2027-01-31"),
            "office1",
            T0.minus(Duration.ofDays(30)));
  }

  /**
   * The vehicle drives onto the exit lane's loop, the camera reads it and the card is read; returns
   * once the lane waits for payment (true) or opens by itself (false).
   */
  private boolean atTheExitLane(String card, Sighting vehicle) throws Exception {
    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    exit.deliver(new LaneEvent.PlateRead(vehicle));
    exit.deliver(new LaneEvent.CardRead(card));
    for (int i = 0; i < 500; i++) {
      LaneState state = onLane(() -> exit.lane().state());
      if (state == LaneState.AWAITING_PAYMENT) {
        return true;
      }
      if (state == LaneState.OPENING) {
        return false;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the exit lane never answered: " + devices.commands());
  }

  private <T> T onLane(java.util.concurrent.Callable<T> read) throws Exception {
    return loop.submit(read).get(5, TimeUnit.SECONDS);
  }

  /** The cashier takes what the lane shows as due for the waiting vehicle. */
  private CommandResult payAtBooth(String requestId) throws Exception {
    long stay = onLane(() -> exit.lane().stayId());
    Money due = onLane(() -> exit.lane().due());
    return desk.run(
        new ConsoleCommand.RecordCashPayment(
            requestId, desk.onShift("cashier1"), "exit-1", stay, due));
  }

  /** The opened barrier lets the vehicle through; the lane records its exit and closes. */
  private void drivesThrough() throws Exception {
    for (int i = 0; i < 500 && onLane(() -> exit.lane().state()) != LaneState.OPENING; i++) {
      Thread.sleep(10);
    }
    exit.deliver(new LaneEvent.Inputs(OPEN_CLEAR));
    exit.deliver(new LaneEvent.Inputs(CLOSED_CLEAR));
    assertEquals(LaneState.IDLE, onLane(() -> exit.lane().state()));
    settle();
  }

  private CommandResult setMode(String id, LaneMode mode) throws Exception {
    return desk.run(
        new ConsoleCommand.SetLaneMode(
            id, desk.session("supervisor1"), "exit-1", mode, "fire alarm"));
  }

  // --- reading back ---

  /** The receipt a payment at the booth was answered with: its number and amount. */
  private static String receipt(CommandResult paid) {
    Answer.Receipt r = Desk.answer(paid, Answer.Receipt.class);
    return r.receiptNo() + " " + r.amount();
  }

  private static Money cny(long minor) {
    return Money.of(minor, "CNY");
  }

  private static Money due(LaneEvent event) {
    return assertInstanceOf(LaneEvent.ExitQuoted.class, event).due();
  }

  private static String refusal(LaneEvent event) {
    return Desk.english(assertInstanceOf(LaneEvent.CardRefused.class, event).reason());
  }

  /**
   * The paid car does not get through (the barrier module goes offline), backs off and presents its
   * card again {@code later}: it owes {@code owed} and its stay is still open.
   */
  private void notThroughQuotedAgain(long stay, Duration later, Money owed, String why)
      throws Exception {
    exit.deliver(new LaneEvent.BarrierOffline("no answer from the barrier module"));
    clock.advance(later);
    assertEquals(owed, due(quote(CASUAL, car(PLATE))), why);
    assertEquals(stay, new Stays(ledger).openStay(CASUAL).orElseThrow().stayId());
  }

  /** Lets the work queued on the ledger thread (incidents, exits from the lane) finish. */
  private void settle() throws Exception {
    for (int i = 0; i < 3; i++) {
      ledgerThread.submit(() -> {}).get(5, TimeUnit.SECONDS);
    }
  }

  private <T extends ConsoleEvent> List<T> events(Class<T> kind) throws Exception {
    settle();
    return new EventLog(ledger)
        .eventsAfter(0, 10_000).stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private List<ConsoleEvent.Incident> incidents(IncidentKind kind) throws Exception {
    return events(ConsoleEvent.Incident.class).stream().filter(i -> i.kind() == kind).toList();
  }

  private ConsoleEvent.ExitPending lastPending() throws Exception {
    List<ConsoleEvent.ExitPending> pending = events(ConsoleEvent.ExitPending.class);
    assertTrue(!pending.isEmpty(), "the booth was shown no fee");
    return pending.get(pending.size() - 1);
  }

  private List<Money> owedBy(String plate) {
    return new UnpaidBalances(ledger).outstanding(plate).stream().map(b -> b.amount()).toList();
  }

  private List<Money> payments() {
    return new Payments(ledger).all().stream().map(p -> p.amount()).toList();
  }

  private int free() throws Exception {
    List<ConsoleEvent.Occupancy> told = events(ConsoleEvent.Occupancy.class);
    return told.get(told.size() - 1).free();
  }

  private void verified() {
    LedgerVerifier.Result result =
        LedgerVerifier.verify(dir.resolve("ledger.db"), Optional.empty());
    assertTrue(result.ok(), result.toString());
  }

  // --- 1. season card and a balance from a casual visit ---

  @Test
  void aSeasonHolderPaysOnlyTheBalanceItsPlateLeftAndOnlyOnce() throws Exception {
    start();
    leftOwing(CASUAL, PLATE, 121); // 2 h 01 min unpaid: 9.00 follows the plate
    assertEquals(List.of(cny(900)), owedBy(PLATE));
    season(SEASON, PLATE);

    clock.advance(Duration.ofHours(3));
    entered(SEASON, car(PLATE));
    clock.advance(Duration.ofHours(5)); // five hours the season card covers
    assertTrue(atTheExitLane(SEASON, car(PLATE)), "the old balance holds the barrier");
    assertEquals(cny(900), onLane(() -> exit.lane().due()));
    assertTrue(devices.commands().contains("show 停车费 Fee 9.00 CNY"), devices.commands().toString());
    ConsoleEvent.ExitPending pending = lastPending();
    assertEquals(SEASON, pending.card());
    assertEquals(cny(900), pending.due());
    assertEquals(1, pending.items().size(), "the balance is the only line: " + pending.items());
    assertEquals(
        "欠费：车牌 " + PLATE + " · Unpaid balance · plate " + PLATE, pending.items().get(0).rule());
    assertEquals(cny(900), pending.items().get(0).amount());

    assertEquals("demo-000001 9.00 CNY", receipt(payAtBooth("pay-1")));
    drivesThrough();
    assertEquals(List.of(), owedBy(PLATE), "settled by the payment");
    assertTrue(new Stays(ledger).openStay(SEASON).isEmpty());

    clock.advance(Duration.ofHours(1));
    entered(SEASON, car(PLATE));
    clock.advance(Duration.ofHours(3));
    assertEquals(cny(0), due(quote(SEASON, car(PLATE))), "not charged again");
    assertEquals(
        2, events(ConsoleEvent.ExitPending.class).size(), "the casual visit's and the balance's");
    assertEquals(List.of(cny(900)), payments());
    assertEquals(1, incidents(IncidentKind.LEFT_UNPAID).size(), "only the casual visit left owing");
    verified();
  }

  // --- 2. pay-station prepayments at the exit ---

  @Test
  void paidAtAPayStationTheExitWithinTheGraceOwesNothingAndChargesNothingTwice() throws Exception {
    start();
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(125)); // three started hours
    assertTrue(payAtStation("ps-1", CASUAL, 900).ok());
    clock.advance(Duration.ofMinutes(10));
    assertEquals(cny(0), due(quote(CASUAL, car(PLATE))));
    recordExit(stay);
    assertEquals(List.of(), events(ConsoleEvent.ExitPending.class), "nobody in the booth is asked");
    assertEquals(List.of(cny(900)), payments());
    assertEquals(List.of(), incidents(IncidentKind.LEFT_UNPAID));
    assertEquals(List.of(), owedBy(PLATE));
    verified();
  }

  @Test
  void paidAtAPayStationTheExitAfterTheGraceOwesOnlyTheExtraTime() throws Exception {
    start();
    entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(125));
    assertTrue(payAtStation("ps-1", CASUAL, 900).ok());
    clock.advance(Duration.ofMinutes(65)); // 3 h 10 min: four hours, 12.00, less 9.00 paid
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(cny(300), onLane(() -> exit.lane().due()));
    ConsoleEvent.ExitPending pending = lastPending();
    assertEquals(cny(300), pending.due());
    assertTrue(
        pending.items().stream().anyMatch(i -> i.amount().equals(cny(-900))),
        "the booth sees the 9.00 paid: " + pending.items());
    assertEquals("demo-000002 3.00 CNY", receipt(payAtBooth("pay-1")));
    drivesThrough();
    assertEquals(List.of(cny(900), cny(300)), payments());
    assertEquals(List.of(), incidents(IncidentKind.LEFT_UNPAID));
    verified();
  }

  @Test
  void paidAtAPayStationWithABalanceOnThePlateTheExitAsksForTheBalanceOnly() throws Exception {
    start();
    leftOwing(NEXT, PLATE, 61); // 1 h 01 min: 6.00
    entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(125));
    assertTrue(payAtStation("ps-1", CASUAL, 900).ok(), "the pay station takes the stay's fee");
    clock.advance(Duration.ofMinutes(10));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(cny(600), onLane(() -> exit.lane().due()), "within the grace: the balance only");
    assertEquals(cny(600), lastPending().due());
    assertEquals("demo-000002 6.00 CNY", receipt(payAtBooth("pay-1")));
    drivesThrough();
    assertEquals(List.of(), owedBy(PLATE));
    assertEquals(List.of(cny(900), cny(600)), payments());
    verified();
  }

  @Test
  void paidAtAPayStationWithABalanceTheLateExitOwesTheExtraTimeAndTheBalance() throws Exception {
    start();
    leftOwing(NEXT, PLATE, 61);
    entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(125));
    assertTrue(payAtStation("ps-1", CASUAL, 900).ok());
    clock.advance(Duration.ofMinutes(65));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(cny(900), onLane(() -> exit.lane().due()), "3.00 extra time and 6.00 balance");
    ConsoleEvent.ExitPending pending = lastPending();
    assertEquals(
        cny(600),
        pending.items().get(pending.items().size() - 1).amount(),
        "the balance is a line of its own: " + pending.items());
    assertTrue(payAtBooth("pay-1").ok());
    drivesThrough();
    assertEquals(List.of(), owedBy(PLATE));
    assertEquals(List.of(cny(900), cny(900)), payments());
    verified();
  }

  @Test
  void aBalancePaidAtTheExitIsNotTakenAsPaidForTheStay() throws Exception {
    start();
    leftOwing(NEXT, PLATE, 61); // 6.00 owed
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(121));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(cny(1500), onLane(() -> exit.lane().due()), "9.00 for the stay, 6.00 owed");
    assertEquals("demo-000001 15.00 CNY", receipt(payAtBooth("pay-1")));
    assertEquals(List.of(), owedBy(PLATE));
    // The barrier loses power before the car is through; it waits, backs off and comes back
    // 3 h 11 min after entering: four started hours, 12.00.
    notThroughQuotedAgain(
        stay,
        Duration.ofMinutes(70),
        cny(300),
        "12.00 for the stay less the 9.00 paid for it; the 6.00 paid the old balance");
  }

  @Test
  void aBalancePaidAtTheExitDoesNotRestartTheGraceOfAPayStationPayment() throws Exception {
    start();
    leftOwing(NEXT, PLATE, 61); // 6.00 owed
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(170));
    assertTrue(payAtStation("ps-1", CASUAL, 900).ok(), "three started hours paid at the station");
    clock.advance(Duration.ofMinutes(10));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(cny(600), onLane(() -> exit.lane().due()), "within the grace: the balance only");
    assertTrue(payAtBooth("pay-1").ok());
    // The car does not get through (the barrier loses power) and is quoted again 10 minutes on:
    // 20 minutes after the station payment, past its 15-minute grace, in the fourth hour.
    notThroughQuotedAgain(
        stay,
        Duration.ofMinutes(10),
        cny(300),
        "12.00 for the stay less the 9.00 paid at the station; the booth's 6.00 paid the balance");
  }

  @Test
  void aSeasonHolderLeavingWithoutPayingThePlatesBalanceOwesItOnceStill() throws Exception {
    start();
    leftOwing(CASUAL, PLATE, 121); // 9.00
    season(SEASON, PLATE);
    long stay = entered(SEASON, car(PLATE));
    clock.advance(Duration.ofHours(2));
    assertEquals(cny(900), due(quote(SEASON, car(PLATE))));
    recordExit(stay); // the barrier lifted by hand
    List<ConsoleEvent.Incident> unpaid = incidents(IncidentKind.LEFT_UNPAID);
    assertEquals(2, unpaid.size(), "the casual visit's and the season card's");
    assertEquals(SEASON, unpaid.get(1).card());
    assertEquals(PLATE, unpaid.get(1).plate());
    assertEquals(List.of(cny(900)), owedBy(PLATE), "the old balance, not a second one");
    verified();
  }

  private CommandResult payAtStation(String id, String card, long minor) throws Exception {
    return desk.run(
        new ConsoleCommand.PayStationPayment(
            id, desk.onShift("cashier1"), card, cny(minor), "pay-1"));
  }

  // --- 3. free exit with a carried balance ---

  @Test
  void aFreeExitWaivesTheStaysFeeButTheOldBalanceStaysOwedForTheNextExit() throws Exception {
    start();
    leftOwing(NEXT, PLATE, 61); // 6.00 owed
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(121)); // 9.00 for this stay
    assertTrue(setMode("m-1", LaneMode.FREE_EXIT).ok());
    assertEquals(cny(0), due(quote(CASUAL, car(PLATE))));
    assertEquals(cny(0), due(quote(CASUAL, car(PLATE))), "a card read twice");
    recordExit(stay);

    List<LaneModes.Waiver> waivers = new LaneModes(ledger).waivers();
    assertEquals(1, waivers.size(), "waived once");
    assertEquals(stay, waivers.get(0).stayId());
    assertEquals(cny(900), waivers.get(0).amount(), "the stay's fee, not the balance");
    assertTrue(
        events(ConsoleEvent.ExitPending.class).stream().noneMatch(e -> e.stayId() == stay),
        "nobody in the booth is asked");
    assertEquals(
        1, incidents(IncidentKind.LEFT_UNPAID).size(), "only the earlier visit left owing");
    assertEquals(List.of(cny(600)), owedBy(PLATE), "not waived silently");

    assertTrue(setMode("m-2", LaneMode.NORMAL).ok());
    clock.advance(Duration.ofMinutes(5));
    entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(10)); // within the tariff's free 15 min
    assertEquals(cny(600), due(quote(CASUAL, car(PLATE))), "the next exit asks for it");
    verified();
  }

  @Test
  void aFreeExitWaivesFeesOnlyTheBlacklistAndHardPassbackStillHold() throws Exception {
    start();
    entered(CASUAL, car("沪C66666"));
    new Blacklist(ledger).add(Blacklist.Kind.PLATE, "沪C66666", "unpaid fines", "sup1", T0);
    assertTrue(setMode("m-1", LaneMode.FREE_EXIT).ok());
    clock.advance(Duration.ofMinutes(121));
    assertEquals(
        "plate 沪C66666 is blacklisted (unpaid fines): see the cashier",
        refusal(quote(CASUAL, car("沪C66666"))));
    assertEquals(
        "card FFFFFFFFFF has no open stay: see the cashier",
        refusal(quote("FFFFFFFFFF", car(PLATE))));
    assertEquals(List.of(), new LaneModes(ledger).waivers(), "nothing let out, nothing waived");
  }

  // --- 4. anti-passback and a plate that owes ---

  @Test
  void aSoftPassbackExitIsFreeButThePlatesBalanceIsStillAskedFor() throws Exception {
    start(new AccessRules(AntiPassback.SOFT, AntiPassback.SOFT, AccessRules.Capacity.UNLIMITED));
    leftOwing(NEXT, PLATE, 61);
    clock.advance(Duration.ofHours(3));
    assertTrue(atTheExitLane("FFFFFFFFFF", car(PLATE)), "the balance holds the barrier");
    assertEquals(cny(600), onLane(() -> exit.lane().due()));
    ConsoleEvent.ExitPending pending = lastPending();
    assertEquals(cny(600), pending.due());
    assertEquals(
        List.of("欠费：车牌 " + PLATE + " · Unpaid balance · plate " + PLATE),
        pending.items().stream().map(ConsoleEvent.FeeItem::rule).toList(),
        "no fee for the stay itself");
    List<ConsoleEvent.Incident> passback = incidents(IncidentKind.PASSBACK_VIOLATION);
    assertEquals(1, passback.size());
    assertTrue(passback.get(0).detail().contains("left with no open stay"), passback.toString());

    assertEquals("demo-000001 6.00 CNY", receipt(payAtBooth("pay-1")));
    drivesThrough();
    assertEquals(List.of(), owedBy(PLATE));
    assertTrue(new Stays(ledger).openStay("FFFFFFFFFF").isEmpty());
    verified();
  }

  @Test
  void aHardPassbackExitWithNoOpenStayIsRefusedAndTheBalanceIsLeftAsItIs() throws Exception {
    start();
    leftOwing(NEXT, PLATE, 61);
    assertEquals(
        "card FFFFFFFFFF has no open stay: see the cashier",
        refusal(quote("FFFFFFFFFF", car(PLATE))));
    assertEquals(List.of(cny(600)), owedBy(PLATE));
    assertEquals(1, events(ConsoleEvent.ExitPending.class).size(), "only the earlier visit's");
    assertTrue(new Stays(ledger).openStay("FFFFFFFFFF").isEmpty(), "no stay was opened");

    Instant in = clock.instant();
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(20));
    assertEquals(
        "card " + CASUAL + " is already inside (entered " + in + " at entry-1): see the cashier",
        refusal(enter(CASUAL, car(PLATE))));
    assertEquals(
        stay, new Stays(ledger).openStay(CASUAL).orElseThrow().stayId(), "its stay is as it was");
    assertEquals(List.of(), incidents(IncidentKind.PASSBACK_VIOLATION));
  }

  // --- 5. blacklisted plate at the exit ---

  @Test
  void aBlacklistedPlateAtTheExitIsHeldAndTheIncidentNamesThePlate() throws Exception {
    start();
    long stay = entered(CASUAL, car("沪C 66666"));
    new Blacklist(ledger)
        .add(Blacklist.Kind.PLATE, "沪C66666", "unpaid fines", "sup1", T0.plusSeconds(60));
    clock.advance(Duration.ofMinutes(5)); // within the free 15 min: would open by itself
    assertEquals(
        "plate 沪C66666 is blacklisted (unpaid fines): see the cashier",
        refusal(quote(CASUAL, car("沪C-66666"))));
    List<ConsoleEvent.Incident> barred = incidents(IncidentKind.BLACKLISTED);
    assertEquals(1, barred.size());
    assertEquals("沪C66666", barred.get(0).plate(), "finance can find it by plate");
    assertEquals(CASUAL, barred.get(0).card());
    assertEquals("exit-1", barred.get(0).lane());
    assertTrue(barred.get(0).detail().contains("unpaid fines"), barred.get(0).detail());
    assertEquals(stay, new Stays(ledger).openStay(CASUAL).orElseThrow().stayId(), "still inside");
    verified();
  }

  // --- 6. camera checks and the fee ---

  @Test
  void anotherPlateAtTheExitIsReportedAndTheFeeIsStillDue() throws Exception {
    start();
    entered(CASUAL, car("粤B12345"));
    clock.advance(Duration.ofMinutes(121));
    assertEquals(cny(900), due(quote(CASUAL, car("粤B54321"))));
    assertEquals(cny(900), lastPending().due());
    List<ConsoleEvent.Incident> mismatch = incidents(IncidentKind.PLATE_MISMATCH);
    assertEquals(1, mismatch.size());
    assertEquals("粤B54321", mismatch.get(0).plate());
    assertEquals(
        "入场车牌 粤B12345，出场车牌 粤B54321 · entered as 粤B12345, leaving as 粤B54321",
        mismatch.get(0).detail());
    verified();
  }

  @Test
  void aTruckLeavingOnACarTicketIsPricedAsATruckWhereTheTariffHasTrucks() throws Exception {
    start(AccessRules.DEFAULT, "config/tariffs/mall.yaml"); // car 4.00, truck 8.00 an hour
    entered(CASUAL, car("粤B12345"));
    entered(NEXT, car("粤B22222"));
    clock.advance(Duration.ofMinutes(121)); // three started hours
    assertEquals(cny(2400), due(quote(CASUAL, new Sighting("粤B12345", "Truck", "blue"))));
    assertEquals(
        List.of("入场车型 car，出场车型 truck · entered as a car, leaving as a truck"),
        incidents(IncidentKind.CLASS_MISMATCH).stream()
            .map(ConsoleEvent.Incident::detail)
            .toList());
    assertEquals(
        cny(1200),
        due(quote(NEXT, new Sighting("粤B22222", "bus", "blue"))),
        "a class the tariff lacks is priced as it entered");
  }

  @Test
  void aSeasonTruckTheCameraCouldNotClassIsPricedByItsSeasonCard() throws Exception {
    start(AccessRules.DEFAULT, "config/tariffs/mall.yaml");
    new SeasonCards(ledger)
        .add(
            SEASON,
            "Li Wei",
            List.of(),
            "truck",
            LocalDate.parse("2027-01-01"),
            LocalDate.parse("2027-01-09"),
            "office1",
            T0);
    Sighting unclassed = new Sighting("沪D00001", "unknown", "blue");
    clock.set(Instant.parse("2027-01-09T14:00:00Z")); // 22:00 local, the card's last day
    entered(SEASON, unclassed);
    clock.set(Instant.parse("2027-01-09T17:30:00Z")); // 01:30: 1 h 30 min after the window
    assertEquals(
        cny(1600),
        due(quote(SEASON, unclassed)),
        "two started hours at the truck's 8.00, not 4.00");
  }

  // --- 7. leaving owing ---

  @Test
  void aVehicleThatLeavesOwingLeavesItsBalanceOnThePlateAndFreesItsSpace() throws Exception {
    start(
        new AccessRules(
            AntiPassback.HARD,
            AntiPassback.SOFT,
            new AccessRules.Capacity(OptionalInt.of(2), Map.of())));
    season(SEASON, "沪B99999");
    long stay = entered(CASUAL, car(PLATE));
    long seasonStay = entered(SEASON, car("沪B99999"));
    assertEquals(0, free());
    assertEquals("car park full", refusal(enter("C3", car("沪D00003"))));

    clock.advance(Duration.ofMinutes(121));
    assertEquals(cny(900), due(quote(CASUAL, car(PLATE))));
    recordExit(stay); // the barrier was lifted by hand
    List<ConsoleEvent.Incident> unpaid = incidents(IncidentKind.LEFT_UNPAID);
    assertEquals(1, unpaid.size());
    assertEquals(PLATE, unpaid.get(0).plate());
    assertEquals(CASUAL, unpaid.get(0).card());
    assertTrue(unpaid.get(0).detail().contains("owing 9.00 CNY"), unpaid.get(0).detail());
    assertEquals(List.of(cny(900)), owedBy(PLATE));
    assertEquals(1, free(), "its space is free again");
    entered("C3", car("沪D00003"));

    assertEquals(cny(0), due(quote(SEASON, car("沪B99999"))));
    recordExit(seasonStay);
    assertEquals(1, incidents(IncidentKind.LEFT_UNPAID).size(), "a season card that owed nothing");
    assertEquals(List.of(), owedBy("沪B99999"));
    assertEquals(1, free());
    verified();
  }

  // --- 8. a free pass for one vehicle ---

  private CommandResult askFreePass(String id, String who, long stay) {
    return desk.run(
        new ConsoleCommand.AskFreePass(
            id, desk.session(who), "exit-1", stay, "ambulance crew on a call"));
  }

  private CommandResult decide(String id, String who, long passNo, boolean approve, String note) {
    return desk.run(
        new ConsoleCommand.DecideFreePass(id, desk.session(who), passNo, approve, note));
  }

  @Test
  void aFreePassAskedByACashierAndApprovedByASupervisorLiftsTheBarrierOnceAndOwesNothing()
      throws Exception {
    start();
    leftOwing(NEXT, PLATE, 121); // an earlier visit of the plate left 9.00 unpaid
    clock.advance(Duration.ofHours(1));
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(65)); // this visit: 6.00
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(cny(1500), onLane(() -> exit.lane().due()));

    Answer.FreePassAsked asked =
        Desk.answer(askFreePass("ask-1", "cashier1", stay), Answer.FreePassAsked.class);
    assertEquals(cny(600), asked.fee(), "this visit's fee, not the plate's old balance");
    assertEquals(PLATE, asked.plate());
    assertEquals(LaneState.AWAITING_PAYMENT, onLane(() -> exit.lane().state()), "still shut");
    assertEquals(
        "free pass 1 for this vehicle is waiting for a supervisor already",
        Desk.refusal(askFreePass("ask-2", "cashier2", stay), Refusal.NOT_NOW));
    ConsoleEvent.FreePassAsked told = events(ConsoleEvent.FreePassAsked.class).get(0);
    assertEquals(
        List.of(1L, stay, 600L), List.of(told.passNo(), told.stayId(), told.fee().minor()));
    assertEquals("cashier1", told.askedBy());

    assertEquals(
        "cashier1 (cashier) may not do this",
        Desk.refusal(decide("d-1", "cashier1", 1, true, null), Refusal.FORBIDDEN));
    assertEquals(
        "a refusal needs a note saying why",
        Desk.refusal(decide("d-2", "supervisor1", 1, false, " "), Refusal.INVALID));
    Answer.FreePassDecided approved =
        Desk.answer(
            decide("d-3", "supervisor1", 1, true, "confirmed by phone"),
            Answer.FreePassDecided.class);
    assertEquals(
        List.of("cashier1", "supervisor1", "confirmed by phone"),
        List.of(approved.askedBy(), approved.decidedBy(), approved.note()));
    assertEquals(
        approved,
        Desk.answer(
            decide("d-3", "supervisor1", 1, true, "confirmed by phone"),
            Answer.FreePassDecided.class),
        "the same request answered again");
    assertTrue(
        Desk.refusal(decide("d-4", "supervisor2", 1, true, null), Refusal.NOT_NOW)
            .contains("was approved by supervisor1 already"));
    String noPay = Desk.refusal(payAtBooth("pay-1"), Refusal.NOT_NOW);
    assertTrue(noPay.contains("lifting") || noPay.contains("no vehicle"), noPay);

    drivesThrough();
    assertEquals(List.of(), payments());
    assertEquals(1, incidents(IncidentKind.LEFT_UNPAID).size(), "only the earlier visit's");
    assertEquals(List.of(cny(900)), owedBy(PLATE), "the old balance still follows the plate");
    FreePasses.Pass pass = new FreePasses(ledger).find(1).orElseThrow();
    assertEquals(stay, pass.stayId());
    assertEquals("ambulance crew on a call", pass.reason());
    assertTrue(pass.decision().orElseThrow().approved());
    assertEquals(1, events(ConsoleEvent.FreePassDecided.class).size());
    verified();
  }

  /** A decision typed at the cashier's booth: the cashier's session, {@code who}'s password. */
  private CommandResult decideAtBooth(String id, String who, String password, boolean approve) {
    return desk.run(
        new ConsoleCommand.DecideFreePass(
            id,
            desk.session("cashier1"),
            1,
            approve,
            approve ? null : "no proof",
            new Approver(who, password),
            "booth-window"));
  }

  @Test
  void aSupervisorApprovesAtTheCashiersBoothWithTheirOwnPasswordAndTheCashierCannot()
      throws Exception {
    start();
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(65));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    Desk.answer(askFreePass("ask-1", "cashier1", stay), Answer.FreePassAsked.class);

    assertEquals(
        Refusal.BAD_LOGIN, decideAtBooth("b-1", "supervisor1", "wrong-password", true).refusal());
    assertEquals(
        "cashier1 (cashier) may not do this",
        Desk.refusal(decideAtBooth("b-2", "cashier1", Desk.PASSWORD, true), Refusal.FORBIDDEN),
        "the cashier's own password approves nothing");
    assertEquals(
        "cashier2 (cashier) may not do this",
        Desk.refusal(decideAtBooth("b-3", "cashier2", Desk.PASSWORD, true), Refusal.FORBIDDEN));
    assertTrue(new FreePasses(ledger).find(1).orElseThrow().decision().isEmpty(), "undecided");

    Answer.FreePassDecided approved =
        Desk.answer(
            decideAtBooth("b-4", "supervisor1", Desk.PASSWORD, true), Answer.FreePassDecided.class);
    assertEquals(
        List.of("cashier1", "supervisor1"), List.of(approved.askedBy(), approved.decidedBy()));
    assertEquals(
        approved,
        Desk.answer(
            decideAtBooth("b-4", "supervisor1", "whatever", true), Answer.FreePassDecided.class),
        "a retry is answered from the ledger, with no second password check");
    drivesThrough();
    assertEquals(List.of(), payments());
    verified();
  }

  @Test
  void nobodyDecidesTheirOwnFreePassAndARefusedOneLeavesTheFeeDue() throws Exception {
    start();
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(65));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    Desk.answer(askFreePass("ask-1", "supervisor1", stay), Answer.FreePassAsked.class);

    String why = Desk.refusal(decide("d-1", "supervisor1", 1, true, null), Refusal.SAME_PERSON);
    assertTrue(why.contains("ask another supervisor"), why);
    assertEquals(
        List.of(SecurityEvents.Kind.SAME_PERSON),
        new SecurityEvents(ledger).list().stream().map(SecurityEvents.Event::kind).toList());
    assertTrue(new FreePasses(ledger).find(1).orElseThrow().decision().isEmpty());

    Answer.FreePassDecided refused =
        Desk.answer(
            decide("d-2", "supervisor2", 1, false, "no proof of the call"),
            Answer.FreePassDecided.class);
    assertTrue(!refused.approved());
    assertEquals(LaneState.AWAITING_PAYMENT, onLane(() -> exit.lane().state()), "still shut");
    assertEquals("demo-000001 6.00 CNY", receipt(payAtBooth("pay-1")));
    drivesThrough();
    assertEquals(List.of(cny(600)), payments());
    verified();
  }

  @Test
  void aFreePassIsAskedOnlyForTheVehicleWaitingAtTheLaneAndApprovedOnlyWhileItWaits()
      throws Exception {
    start();
    long stay = entered(CASUAL, car(PLATE));
    assertEquals(
        "no vehicle of stay " + stay + " is waiting to pay at exit-1",
        Desk.refusal(askFreePass("ask-1", "cashier1", stay), Refusal.NOT_NOW));
    clock.advance(Duration.ofMinutes(65));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(
        "a free pass needs the stayId and a reason of 1-200 characters",
        Desk.refusal(
            desk.run(
                new ConsoleCommand.AskFreePass(
                    "ask-2", desk.session("cashier1"), "exit-1", stay, "x".repeat(201))),
            Refusal.INVALID));
    Desk.answer(askFreePass("ask-3", "cashier1", stay), Answer.FreePassAsked.class);
    assertEquals("demo-000001 6.00 CNY", receipt(payAtBooth("pay-1")));
    drivesThrough();
    assertTrue(
        Desk.refusal(decide("d-1", "supervisor1", 1, true, null), Refusal.NOT_NOW)
            .contains("is no longer waiting to pay at exit-1; nothing approved"));
    assertTrue(
        Desk.answer(
                decide("d-2", "supervisor1", 1, false, "paid in cash meanwhile"),
                Answer.FreePassDecided.class)
            .note()
            .equals("paid in cash meanwhile"));
    verified();
  }

  // --- 9. vouchers from the register ---

  private Vouchers.Issued issue(String kind, int count, LocalDate from, LocalDate to) {
    return new Vouchers(ledger)
        .issue("Cafe Lumière", kind, count, from, to, null, "finance1", clock.instant());
  }

  private CommandResult applyVoucher(String id, long stay, String code) {
    return desk.run(
        new ConsoleCommand.ApplyVoucher(id, desk.session("cashier1"), "exit-1", stay, code));
  }

  private static final LocalDate JAN_1 = LocalDate.parse("2027-01-01");
  private static final LocalDate JAN_31 = LocalDate.parse("2027-01-31");

  @Test
  void aShopVoucherTakesAnHourOffTheFeeOnceAndTheRestIsPaid() throws Exception {
    start();
    String code = issue("SHOP1H", 2, JAN_1, JAN_31).codes().get(0);
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(125)); // 3 started hours: 9.00
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(cny(900), onLane(() -> exit.lane().due()));

    clock.advance(Duration.ofMinutes(2)); // the driver looks for the voucher
    Answer.VoucherApplied applied =
        Desk.answer(
            applyVoucher("v-1", stay, VoucherCode.printed(code).toLowerCase(java.util.Locale.ROOT)),
            Answer.VoucherApplied.class);
    assertEquals(List.of(cny(900), cny(600)), List.of(applied.dueBefore(), applied.dueNow()));
    assertEquals(List.of("SHOP1H", "Cafe Lumière"), List.of(applied.kind(), applied.issuer()));
    assertEquals(cny(600), onLane(() -> exit.lane().due()), "priced at the exit's time");
    assertTrue(devices.commands().contains("show 停车费 Fee 6.00 CNY"), devices.commands().toString());
    ConsoleEvent.ExitPending pending = lastPending();
    assertEquals(cny(600), pending.due());
    assertTrue(
        pending.items().stream().anyMatch(i -> i.rule().contains("SHOP1H")),
        "the voucher is a fee line: " + pending.items());
    assertEquals(
        applied,
        Desk.answer(
            applyVoucher("v-1", stay, VoucherCode.printed(code)), Answer.VoucherApplied.class),
        "the same request answered again, the voucher used once");
    String again = Desk.refusal(applyVoucher("v-2", stay, code), Refusal.NOT_NOW);
    assertTrue(again.startsWith("voucher " + VoucherCode.printed(code) + " was used at exit-1"));

    assertEquals("demo-000001 6.00 CNY", receipt(payAtBooth("pay-1")));
    drivesThrough();
    assertEquals(List.of(cny(600)), payments());
    Vouchers.Redemption used = new Vouchers(ledger).find(code).orElseThrow().redeemed().get();
    assertEquals(
        List.of(stay, 900L, 600L),
        List.of(used.stayId(), used.dueBefore().minor(), used.dueAfter().minor()));
    assertEquals("cashier1", used.cashier());
    assertEquals(1, events(ConsoleEvent.VoucherRedeemed.class).size());
    verified();
  }

  @Test
  void aFreeVoucherLiftsTheBarrierAndNothingIsPaid() throws Exception {
    start();
    String code = issue("STAFF", 1, JAN_1, JAN_31).codes().get(0);
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(125));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(
        cny(0), Desk.answer(applyVoucher("v-1", stay, code), Answer.VoucherApplied.class).dueNow());
    drivesThrough();
    assertEquals(List.of(), payments());
    assertEquals(List.of(), incidents(IncidentKind.LEFT_UNPAID), "a free voucher is not a debt");
    assertEquals(List.of(), owedBy(PLATE));
    verified();
  }

  @Test
  void aVoucherMistypedUnknownVoidedOrOutOfDateIsRefusedAndChangesNothing() throws Exception {
    start();
    List<String> codes = issue("HALF", 3, JAN_1, JAN_31).codes();
    String future =
        issue("HALF", 1, LocalDate.parse("2027-02-01"), JAN_31.plusMonths(1)).codes().get(0);
    new Vouchers(ledger).voidCode(codes.get(1), "finance1", "batch stolen from the cafe", T0);
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(125));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    String good = codes.get(0);
    String typo = good.substring(0, 3) + (good.charAt(3) == 'A' ? 'B' : 'A') + good.substring(4);
    assertEquals(
        "voucher code " + typo + " is mistyped (its check character does not match)",
        Desk.refusal(applyVoucher("v-1", stay, typo), Refusal.INVALID));
    assertEquals(
        "a voucher code has 10 characters, not 3: ABC",
        Desk.refusal(applyVoucher("v-2", stay, "ABC"), Refusal.INVALID));
    assertTrue(
        Desk.refusal(applyVoucher("v-3", stay, codes.get(1)), Refusal.NOT_NOW)
            .endsWith("was voided by finance: batch stolen from the cafe"));
    assertEquals(
        "voucher "
            + VoucherCode.printed(future)
            + " is valid from 2027-02-01 to 2027-02-28, not on 2027-01-09",
        Desk.refusal(applyVoucher("v-4", stay, future), Refusal.NOT_NOW));
    String unknown = VoucherCodeTest.valid("23456789A");
    assertEquals(
        "no voucher " + VoucherCode.printed(unknown) + " was issued",
        Desk.refusal(applyVoucher("v-5", stay, unknown), Refusal.NOT_NOW));
    assertEquals(cny(900), onLane(() -> exit.lane().due()), "still the whole fee");
    assertEquals(List.of(), events(ConsoleEvent.VoucherRedeemed.class));
    assertTrue(new Vouchers(ledger).find(good).orElseThrow().redeemed().isEmpty());
    assertEquals(
        cny(450),
        Desk.answer(applyVoucher("v-6", stay, good), Answer.VoucherApplied.class).dueNow());
    assertEquals(
        "a 'HALF' voucher was used for this stay already",
        Desk.refusal(applyVoucher("v-7", stay, codes.get(2)), Refusal.NOT_NOW));
    verified();
  }

  // --- 10. a barrier lifted by hand ---

  private CommandResult lift(String id, String who, String reason) {
    return desk.run(new ConsoleCommand.LiftBarrier(id, desk.session(who), "exit-1", reason));
  }

  @Test
  void aBarrierLiftedByHandNeedsAReasonIsRecordedWithWhoAndTheFeeStaysOwedOnThePlate()
      throws Exception {
    start();
    assertEquals(
        "no vehicle is waiting at exit-1 (it is starting); nothing lifted",
        Desk.refusal(lift("l-0", "cashier1", "fault"), Refusal.NOT_NOW));
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofMinutes(65));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)));
    assertEquals(
        "lifting the barrier by hand needs a reason of 1-200 characters",
        Desk.refusal(lift("l-1", "cashier1", "  "), Refusal.INVALID));
    assertEquals(LaneState.AWAITING_PAYMENT, onLane(() -> exit.lane().state()), "still shut");

    Answer.BarrierLifted lifted =
        Desk.answer(
            lift("l-2", "cashier1", "driver has no money; will pay on the next visit"),
            Answer.BarrierLifted.class);
    assertEquals(
        new Answer.BarrierLifted(
            1,
            "exit-1",
            stay,
            cny(600),
            "driver has no money; will pay on the next visit",
            "cashier1"),
        lifted);
    for (int i = 0; i < 500 && onLane(() -> exit.lane().state()) != LaneState.OPENING; i++) {
      Thread.sleep(10);
    }
    // Over the loops, as a car drives: arming loop, both, the safety loop alone, then clear.
    exit.deliver(new LaneEvent.Inputs(new BarrierInputs(true, false, true, false, false)));
    exit.deliver(new LaneEvent.Inputs(new BarrierInputs(true, true, true, false, false)));
    exit.deliver(new LaneEvent.Inputs(new BarrierInputs(false, true, true, false, false)));
    exit.deliver(new LaneEvent.Inputs(OPEN_CLEAR));
    exit.deliver(new LaneEvent.Inputs(CLOSED_CLEAR));
    assertEquals(LaneState.IDLE, onLane(() -> exit.lane().state()), "the lane took every input");
    settle();
    assertEquals(1, events(ConsoleEvent.BarrierLifted.class).size());
    assertEquals(List.of(cny(600)), owedBy(PLATE), "what it owed follows the plate");
    assertEquals(1, incidents(IncidentKind.LEFT_UNPAID).size());
    assertEquals(List.of(), payments());
    verified();
  }

  // --- 11. capacity and anti-passback ---

  @Test
  void anEntryTheLedgerCannotRecordLeavesTheCountAsItWas() throws Exception {
    start(
        new AccessRules(
            AntiPassback.HARD,
            AntiPassback.HARD,
            new AccessRules.Capacity(OptionalInt.of(2), Map.of())));
    entered(CASUAL, car(PLATE));
    assertEquals(1, free());
    // The stay is opened and counted, then recording what the camera saw fails.
    sql(
        "CREATE TRIGGER disk_trouble BEFORE INSERT ON sightings"
            + " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    java.util.concurrent.ExecutionException failed =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class, () -> enter(NEXT, car("沪B99999")));
    assertTrue(failed.getMessage().contains("disk trouble"), failed.getMessage());
    assertTrue(new Stays(ledger).openStay(NEXT).isEmpty(), "no stay recorded");
    sql("DROP TRIGGER disk_trouble");

    entered(NEXT, car("沪B99999"));
    assertEquals(0, free(), "two cars inside, two spaces: the failed entry was not counted");
    assertEquals("car park full", refusal(enter("C3", car("沪D00003"))));
  }

  /** A statement on the ledger file from outside the controller, as an operator's tool would. */
  private void sql(String statement) throws Exception {
    try (java.sql.Connection db =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        java.sql.Statement st = db.createStatement()) {
      st.execute(statement);
    }
  }

  @Test
  void aSoftPassbackReEntryIntoAFullCarParkReplacesItsStayAndIsNotCountedTwice() throws Exception {
    start(
        new AccessRules(
            AntiPassback.SOFT,
            AntiPassback.SOFT,
            new AccessRules.Capacity(OptionalInt.of(2), Map.of())));
    long first = entered(CASUAL, car(PLATE));
    long next = entered(NEXT, car("沪B99999"));
    assertEquals(0, free());

    clock.advance(Duration.ofMinutes(30));
    long again = entered(CASUAL, car(PLATE)); // it left unseen and comes back in
    assertTrue(again != first);
    assertEquals(0, free(), "one car, one space");
    assertEquals(again, new Stays(ledger).openStay(CASUAL).orElseThrow().stayId());
    assertEquals(1, incidents(IncidentKind.PASSBACK_VIOLATION).size());

    clock.advance(Duration.ofMinutes(10));
    LaneEvent out = quote(CASUAL, car(PLATE));
    assertEquals(cny(0), due(out), "the new stay is 10 min old");
    recordExit(again);
    assertEquals(1, free());

    site = service(); // the controller restarts on the same ledger and counts the open stays again
    desk.close();
    desk = new Desk(site, clock, Desk.ALL_DAY);
    site.publishOccupancy().get(5, TimeUnit.SECONDS);
    assertEquals(1, free(), "the replaced stay is not counted");

    CommandResult reset =
        desk.run(
            new ConsoleCommand.ResetPassback(
                "reset-1", desk.session("supervisor1"), NEXT, "let out by hand"));
    assertEquals(
        new Answer.PassbackCleared(NEXT, next, "supervisor1"),
        Desk.answer(reset, Answer.PassbackCleared.class));
    assertEquals(2, free());
    verified();
  }

  /**
   * A car waits at the exit with 3.00 due; the driver calls the supervisor, who resets the card:
   * its stay is closed, unpaid, and the booth's pay key for it then records nothing.
   */
  private long resetWhileItsCarWaitsAtTheExit() throws Exception {
    long stay = entered(CASUAL, car(PLATE));
    clock.advance(Duration.ofHours(1));
    assertTrue(atTheExitLane(CASUAL, car(PLATE)), "3.00 due: the barrier holds");
    assertEquals(cny(300), lastPending().due());

    CommandResult reset =
        desk.run(
            new ConsoleCommand.ResetPassback(
                "reset-1", desk.session("supervisor1"), CASUAL, "let out by hand"));
    assertEquals(
        new Answer.PassbackCleared(CASUAL, stay, "supervisor1"),
        Desk.answer(reset, Answer.PassbackCleared.class));

    CommandResult pay =
        desk.run(
            new ConsoleCommand.RecordCashPayment(
                "pay-1", desk.session("cashier1"), "exit-1", stay, cny(300)));
    assertTrue(!pay.ok(), "a closed stay is not charged: " + pay);
    assertEquals(List.of(), payments());
    return stay;
  }

  private LaneState laneSettlesOn(LaneState expected) throws Exception {
    for (int i = 0; i < 500 && onLane(() -> exit.lane().state()) != expected; i++) {
      Thread.sleep(10);
    }
    return onLane(() -> exit.lane().state());
  }

  @Test
  void aStayClosedByACardResetIsNotChargedAtTheExitWhereItsCarWaits() throws Exception {
    start(); // hard anti-passback: a card with no open stay is sent to the cashier
    long stay = resetWhileItsCarWaitsAtTheExit();
    // The lane no longer waits for that stay's fee: the card is priced again, as a card with no
    // open stay, and the driver is asked to see the cashier; no fee is shown.
    assertEquals(LaneState.WAITING_CARD, laneSettlesOn(LaneState.WAITING_CARD));
    assertEquals(0, onLane(() -> exit.lane().stayId()), "not the closed stay");
    assertEquals(null, onLane(() -> exit.lane().due()), "no fee");
    assertEquals(1, events(ConsoleEvent.ExitPending.class).size(), "no fee shown again");
    assertTrue(
        events(ConsoleEvent.CardRejected.class).stream()
            .anyMatch(r -> r.reason().contains("has no open stay")),
        "refused as a card not inside");
    assertTrue(new Stays(ledger).openStayById(stay).isEmpty());
    verified();
  }

  @Test
  void aStayClosedByACardResetLeavesAtNoChargeUnderSoftAntiPassback() throws Exception {
    start(new AccessRules(AntiPassback.SOFT, AntiPassback.SOFT, AccessRules.DEFAULT.capacity()));
    long stay = resetWhileItsCarWaitsAtTheExit();
    assertEquals(
        LaneState.OPENING, laneSettlesOn(LaneState.OPENING), devices.commands().toString());
    assertTrue(onLane(() -> exit.lane().stayId()) != stay, "not the closed stay");
    assertEquals(1, events(ConsoleEvent.ExitPending.class).size(), "no fee shown again");
    drivesThrough();
    assertEquals(List.of(), payments(), "nothing charged");
    assertTrue(new Stays(ledger).openStay(CASUAL).isEmpty());
    verified();
  }

  /** What the lane display shows once its first row is {@code first}; fails if it never is. */
  private List<String> displayOnce(String first) throws Exception {
    for (int i = 0; i < 500; i++) {
      List<String> rows = devices.display();
      if (rows != null && !rows.isEmpty() && rows.get(0).equals(first)) {
        return rows;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the display never showed '" + first + "': " + devices.display());
  }

  @Test
  void theDriverIsToldWhatToDoInFreeExitModeAndWhenABarredCardIsHeld() throws Exception {
    start();
    entered(CASUAL, car(PLATE));
    new Blacklist(ledger).add(Blacklist.Kind.CARD, CASUAL, "reported lost", "sup1", T0);
    exit.deliver(new LaneEvent.Inputs(CLOSED_CLEAR));
    assertTrue(setMode("m-1", LaneMode.FREE_EXIT).ok());
    List<String> freeExit = List.of("免费放行 Free exit", "请插卡出场 Insert your card to leave");
    assertEquals(freeExit, displayOnce("免费放行 Free exit"), "idle, in free-exit mode");

    exit.deliver(new LaneEvent.Inputs(CLOSED_ARMED));
    assertEquals(LaneState.WAITING_CARD, laneSettlesOn(LaneState.WAITING_CARD));
    assertEquals(freeExit, devices.display(), "a car arrives: it is told the same");

    clock.advance(Duration.ofMinutes(30));
    exit.deliver(new LaneEvent.CardRead(CASUAL));
    assertEquals(
        List.of("请联系收费员 Please see the cashier", "此卡不能使用 This card cannot be used"),
        displayOnce("请联系收费员 Please see the cashier"),
        "the driver's words, not the ledger's reason");
    assertTrue(
        events(ConsoleEvent.CardRejected.class).stream()
            .anyMatch(r -> r.reason().contains("is blacklisted (reported lost)")),
        "the booth still hears the reason");
  }
}
