package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
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
import org.parkgate.controller.ledger.Blacklist;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.SeasonCards;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.AccessRules;
import org.parkgate.site.AntiPassback;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/**
 * Season cards, the blacklist, anti-passback, capacity and pay-station payments as the lanes see
 * them: the site's decisions against a real ledger and the demo tariff (15 min free, then 3.00 per
 * started hour; site zone Asia/Shanghai); console commands through the command pipeline.
 */
class CredentialsTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  /** 10:00 on Saturday 9 January 2027 in Shanghai. */
  static final Instant T0 = Instant.parse("2027-01-09T02:00:00Z");

  static final String SEASON = "5EA5011001";
  static final String CASUAL = "00A1B2C3D4";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private Ledger ledger;
  private ExecutorService ledgerThread;
  private SiteService site;
  private ConsoleHub hub;
  private Desk desk;

  private SiteService start(AccessRules rules) throws Exception {
    SiteConfig d = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    SiteConfig config =
        new SiteConfig(
            d.id(),
            d.name(),
            d.zone(),
            d.currency(),
            d.tariff(),
            d.lanes(),
            d.controller(),
            d.console(),
            d.simulator(),
            rules,
            d.checks());
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledgerThread = Executors.newSingleThreadExecutor();
    hub = new ConsoleHub();
    site =
        new SiteService(
            config,
            TariffBook.open(ledger, config.tariff(), clock.instant()),
            ledger,
            clock,
            ledgerThread,
            hub);
    desk = new Desk(site, clock, Desk.ALL_DAY);
    return site;
  }

  private SiteService start() throws Exception {
    return start(AccessRules.DEFAULT);
  }

  @AfterEach
  void stop() throws Exception {
    if (ledgerThread != null) {
      desk.close();
      ledgerThread.shutdown();
      ledgerThread.awaitTermination(5, TimeUnit.SECONDS);
      ledger.close();
    }
  }

  private void season(String card, String from, String to, String... plates) {
    new SeasonCards(ledger)
        .add(
            card,
            "Li Wei",
            List.of(plates),
            "car",
            LocalDate.parse(from),
            LocalDate.parse(to),
            "office1",
            T0.minus(Duration.ofDays(30)));
  }

  private LaneEvent enter(String card) throws Exception {
    return enter(card, null);
  }

  private LaneEvent enter(String card, Sighting vehicle) throws Exception {
    return site.recordEntry("entry-1", card, vehicle).get(5, TimeUnit.SECONDS);
  }

  private LaneEvent quote(String card) throws Exception {
    return quote(card, null);
  }

  private LaneEvent quote(String card, Sighting vehicle) throws Exception {
    return site.quoteExit("exit-1", card, vehicle).get(5, TimeUnit.SECONDS);
  }

  private void leave(LaneEvent quoted) throws Exception {
    site.recordExit("exit-1", ((LaneEvent.ExitQuoted) quoted).stayId()).get(5, TimeUnit.SECONDS);
  }

  private static Money cny(long minor) {
    return Money.of(minor, "CNY");
  }

  private static String refusal(LaneEvent event) {
    return Desk.english(assertInstanceOf(LaneEvent.CardRefused.class, event).reason());
  }

  private static Money due(LaneEvent event) {
    return assertInstanceOf(LaneEvent.ExitQuoted.class, event).due();
  }

  /** Events recorded so far of one kind, after the incidents queued behind the last decision. */
  private <T extends ConsoleEvent> List<T> events(Class<T> kind) throws Exception {
    ledgerThread.submit(() -> {}).get(5, TimeUnit.SECONDS);
    ledgerThread.submit(() -> {}).get(5, TimeUnit.SECONDS);
    return new EventLog(ledger)
        .eventsAfter(0, 10_000).stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private List<String> incidents(IncidentKind kind) throws Exception {
    return events(ConsoleEvent.Incident.class).stream()
        .filter(i -> i.kind() == kind)
        .map(ConsoleEvent.Incident::detail)
        .toList();
  }

  @Test
  void aSeasonCardWithinItsWindowEntersAndLeavesFree() throws Exception {
    start();
    season(SEASON, "2027-01-01", "2027-01-31");
    assertInstanceOf(LaneEvent.EntryRecorded.class, enter(SEASON));
    clock.advance(Duration.ofHours(5));
    LaneEvent quoted = quote(SEASON);
    assertEquals(cny(0), due(quoted), "five hours on a valid season card cost nothing");
    assertTrue(events(ConsoleEvent.ExitPending.class).isEmpty(), "nobody in the booth is asked");
    leave(quoted);
    assertTrue(new Stays(ledger).openStay(SEASON).isEmpty());
  }

  @Test
  void aSeasonCardOutsideItsWindowIsRefusedAtEntryWithTheReason() throws Exception {
    start();
    season(SEASON, "2027-01-10", "2027-02-09");
    assertEquals("season card " + SEASON + " is valid from 2027-01-10", refusal(enter(SEASON)));
    season("5EA5011002", "2026-12-01", "2027-01-08");
    assertEquals("season card 5EA5011002 expired on 2027-01-08", refusal(enter("5EA5011002")));
    season("5EA5011003", "2027-01-01", "2027-01-31");
    new SeasonCards(ledger).cancel("5EA5011003", "office1", T0.minusSeconds(60));
    assertEquals(
        "season card 5EA5011003 was cancelled on 2027-01-09", refusal(enter("5EA5011003")));
    assertTrue(new Stays(ledger).openStay(SEASON).isEmpty(), "no stay was opened");
  }

  @Test
  void theWindowIsSiteLocalDaysBothInclusive() throws Exception {
    start();
    season(SEASON, "2027-01-09", "2027-01-09");
    // 23:59 local on the last day still enters; 00:00 the next day does not.
    clock.set(Instant.parse("2027-01-09T15:59:00Z"));
    assertInstanceOf(LaneEvent.EntryRecorded.class, enter(SEASON));
    clock.set(Instant.parse("2027-01-09T16:00:00Z"));
    leave(quote(SEASON));
    assertEquals("season card " + SEASON + " expired on 2027-01-09", refusal(enter(SEASON)));
  }

  @Test
  void aStayOutlastingTheWindowPaysOnlyForTheTimeAfterIt() throws Exception {
    start();
    season(SEASON, "2027-01-01", "2027-01-09");
    clock.set(Instant.parse("2027-01-09T14:00:00Z")); // 22:00 local, last valid day
    enter(SEASON);
    clock.set(Instant.parse("2027-01-09T17:30:00Z")); // 01:30 local: 1 h 30 min after the window
    // Two started hours after midnight, not the four of the whole 3 h 30 min stay.
    assertEquals(cny(600), due(quote(SEASON)));
    assertEquals(1, events(ConsoleEvent.ExitPending.class).size(), "the cashier is asked for it");
  }

  @Test
  void aPlateNotBoundToTheSeasonCardIsReportedInSoftModeAndRefusedInHardMode() throws Exception {
    start();
    season(SEASON, "2027-01-01", "2027-01-31", "沪A12345");
    assertInstanceOf(
        LaneEvent.EntryRecorded.class,
        enter(SEASON, new Sighting("沪A·12345", "car", "white")),
        "the bound plate, written with a dot, enters");
    assertTrue(incidents(IncidentKind.PLATE_MISMATCH).isEmpty());
    leave(quote(SEASON));

    assertInstanceOf(
        LaneEvent.EntryRecorded.class, enter(SEASON, new Sighting("沪B99999", "car", "red")));
    assertEquals(
        List.of(
            "车牌 沪B99999 未绑定月卡 "
                + SEASON
                + "（已绑定：沪A12345）；已放行 · plate 沪B99999 is not bound to season card "
                + SEASON
                + " (bound: 沪A12345); admitted"),
        incidents(IncidentKind.PLATE_MISMATCH));
  }

  @Test
  void hardPlateCheckRefusesAnotherVehicleOnTheSeasonCard() throws Exception {
    start(new AccessRules(AntiPassback.HARD, AntiPassback.HARD, AccessRules.Capacity.UNLIMITED));
    season(SEASON, "2027-01-01", "2027-01-31", "沪A12345");
    assertEquals(
        "plate 沪B99999 is not bound to season card " + SEASON + " (bound: 沪A12345)",
        refusal(enter(SEASON, new Sighting("沪B99999", "car", "red"))));
    assertInstanceOf(LaneEvent.EntryRecorded.class, enter(SEASON, null), "no camera, no check");
  }

  @Test
  void aBlacklistedCardOrPlateIsRefusedAtEntryAndHeldAtTheExit() throws Exception {
    start();
    Blacklist list = new Blacklist(ledger);
    list.add(Blacklist.Kind.CARD, "BADBAD0001", "stolen card", "sup1", T0);
    list.add(Blacklist.Kind.PLATE, "沪C 66666", "unpaid fines", "sup1", T0);
    assertEquals("card BADBAD0001 is blacklisted (stolen card)", refusal(enter("BADBAD0001")));
    assertEquals(
        "plate 沪C66666 is blacklisted (unpaid fines)",
        refusal(enter(CASUAL, new Sighting("沪C66666", "car", "black"))));

    assertInstanceOf(LaneEvent.EntryRecorded.class, enter(CASUAL));
    list.add(Blacklist.Kind.CARD, CASUAL, "reported lost", "sup2", T0);
    clock.advance(Duration.ofMinutes(5));
    assertEquals(
        "card " + CASUAL + " is blacklisted (reported lost): see the cashier",
        refusal(quote(CASUAL)),
        "even a stay in its grace period does not open by itself");
    assertEquals(3, incidents(IncidentKind.BLACKLISTED).size());

    list.remove(Blacklist.Kind.CARD, CASUAL, "found by its owner", "sup2", T0);
    assertEquals(cny(0), due(quote(CASUAL)));
  }

  @Test
  void hardAntiPassbackRefusesASecondEntryAndAnExitWithoutEntry() throws Exception {
    start();
    enter(CASUAL);
    String again = refusal(enter(CASUAL));
    assertEquals(
        "card " + CASUAL + " is already inside (entered " + T0 + " at entry-1): see the cashier",
        again);
    assertEquals("card FFFFFFFFFF has no open stay: see the cashier", refusal(quote("FFFFFFFFFF")));
    assertTrue(incidents(IncidentKind.PASSBACK_VIOLATION).isEmpty());
  }

  @Test
  void softAntiPassbackLetsCardsThroughAndRecordsEachViolation() throws Exception {
    start(new AccessRules(AntiPassback.SOFT, AntiPassback.SOFT, AccessRules.Capacity.UNLIMITED));
    long first = ((LaneEvent.EntryRecorded) enter(CASUAL)).stayId();
    clock.advance(Duration.ofMinutes(30));
    long second = ((LaneEvent.EntryRecorded) enter(CASUAL)).stayId();
    assertEquals(
        second, new Stays(ledger).openStay(CASUAL).orElseThrow().stayId(), "a new stay is open");
    assertTrue(
        events(ConsoleEvent.VehicleLeft.class).stream().anyMatch(e -> e.stayId() == first),
        "the previous stay was closed");

    LaneEvent out = quote("FFFFFFFFFF");
    assertEquals(cny(0), due(out), "a card that never entered is let out at no charge");
    leave(out);
    assertTrue(new Stays(ledger).openStay("FFFFFFFFFF").isEmpty());
    List<String> violations = incidents(IncidentKind.PASSBACK_VIOLATION);
    assertEquals(2, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains("stay " + first + " closed"), violations.get(0));
    assertTrue(violations.get(1).contains("left with no open stay"), violations.get(1));
    assertTrue(LedgerVerifier.verify(dir.resolve("ledger.db"), java.util.Optional.empty()).ok());
  }

  @Test
  void aSupervisorResetClosesTheStayOnceAndTheCardMayEnterAgain() throws Exception {
    start();
    enter(CASUAL);
    var reset =
        new ConsoleCommand.ResetPassback(
            "reset-1", desk.session("supervisor1"), CASUAL, "let out by hand");
    CommandResult result = desk.run(reset);
    assertEquals(
        new Answer.PassbackCleared(CASUAL, 1, "supervisor1"),
        Desk.answer(result, Answer.PassbackCleared.class));
    assertEquals(result, desk.run(reset), "a retry alike");
    List<ConsoleEvent.PassbackReset> resets = events(ConsoleEvent.PassbackReset.class);
    assertEquals(1, resets.size(), "reset once, announced once");
    assertEquals("supervisor1", resets.get(0).supervisor());
    assertEquals("let out by hand", resets.get(0).reason());
    assertInstanceOf(LaneEvent.EntryRecorded.class, enter(CASUAL));

    CommandResult outside =
        desk.run(
            new ConsoleCommand.ResetPassback(
                "reset-2", desk.session("supervisor1"), "0000000042", "x"));
    assertEquals(
        new Answer.PassbackCleared("0000000042", 0, "supervisor1"),
        Desk.answer(outside, Answer.PassbackCleared.class),
        "it was not inside: no stay closed");
  }

  @Test
  void aFullCarParkTurnsCasualCardsAwayButSeasonCardsStillEnter() throws Exception {
    start(
        new AccessRules(
            AntiPassback.HARD,
            AntiPassback.SOFT,
            new AccessRules.Capacity(OptionalInt.of(2), Map.of("truck", 1))));
    season(SEASON, "2027-01-01", "2027-01-31");
    assertInstanceOf(LaneEvent.EntryRecorded.class, enter("C1"));
    assertInstanceOf(
        LaneEvent.EntryRecorded.class, enter("T1", new Sighting("沪D00001", "truck", "blue")));
    assertEquals("car park full", refusal(enter("C2")));
    assertInstanceOf(LaneEvent.EntryRecorded.class, enter(SEASON), "season holders still enter");

    List<ConsoleEvent.Occupancy> occupancy = events(ConsoleEvent.Occupancy.class);
    assertEquals(List.of(1, 0, 0), occupancy.stream().map(ConsoleEvent.Occupancy::free).toList());
    assertEquals(Map.of("truck", 0), occupancy.get(2).byClass());
    assertEquals(new LaneEvent.SpacesFree(0, true), site.access().occupancy().spacesFree("car"));

    clock.advance(Duration.ofMinutes(5));
    leave(quote("C1"));
    leave(quote(SEASON));
    assertEquals(1, events(ConsoleEvent.Occupancy.class).get(4).free(), "exits free spaces");
    assertEquals(
        "car park full for trucks",
        refusal(enter("T2", new Sighting("沪D00002", "truck", "blue"))),
        "the truck spaces are taken though the site has room");
    assertInstanceOf(LaneEvent.EntryRecorded.class, enter("C2"));
  }

  @Test
  void occupancyIsCountedFromTheLedgerAtStart() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger before = Ledger.open(file, "demo")) {
      new Stays(before).recordEntry("entry-1", "A", T0);
      new Stays(before).recordEntry("entry-1", "B", T0);
    }
    start(
        new AccessRules(
            AntiPassback.HARD,
            AntiPassback.SOFT,
            new AccessRules.Capacity(OptionalInt.of(3), Map.of())));
    site.publishOccupancy().get(5, TimeUnit.SECONDS);
    assertEquals(1, events(ConsoleEvent.Occupancy.class).get(0).free());
    enter("C");
    assertEquals("car park full", refusal(enter("D")));
  }

  @Test
  void aPayStationPaymentLetsTheCarOutFreeWithinTheExitGraceAndChargesTheRestAfter()
      throws Exception {
    start();
    enter(CASUAL);
    clock.advance(Duration.ofMinutes(125)); // 2 h 05 min: three started hours
    var pay =
        new ConsoleCommand.PayStationPayment(
            "ps-1", desk.onShift("cashier1"), CASUAL, cny(900), "pay-1");
    CommandResult paid = desk.run(pay);
    Answer.Receipt receipt = Desk.answer(paid, Answer.Receipt.class);
    assertEquals(
        List.of("demo-000001", 1L, "pay-1", CASUAL, cny(900), "cashier1", clock.instant()),
        List.of(
            receipt.receiptNo(),
            receipt.stayId(),
            receipt.lane(),
            receipt.card(),
            receipt.amount(),
            receipt.cashier(),
            receipt.paidAt()));
    assertEquals(Desk.kept(paid), desk.run(pay), "a retry charges nothing");
    assertEquals(1, new Payments(ledger).all().size());
    assertEquals("pay-1", new Payments(ledger).all().get(0).lane());

    clock.advance(Duration.ofMinutes(10));
    assertEquals(cny(0), due(quote(CASUAL)), "10 min after paying, within the 15 min exit grace");
    clock.advance(Duration.ofMinutes(55)); // 3 h 10 min: four hours, 12.00, less 9.00 paid
    assertEquals(cny(300), due(quote(CASUAL)));
  }

  @Test
  void aPayStationPaymentThatDoesNotFitIsRefusedAndChangesNothing() throws Exception {
    start();
    enter(CASUAL);
    clock.advance(Duration.ofMinutes(125));
    assertEquals(
        "amount 8.00 CNY does not match the 9.00 CNY due now",
        Desk.refusal(payAtStation("a", CASUAL, cny(800)), Refusal.NOT_NOW));
    assertEquals(
        "card 0000000042 has no open stay",
        Desk.refusal(payAtStation("b", "0000000042", cny(900)), Refusal.NOT_NOW));
    assertEquals(
        "amount in USD; the site takes CNY",
        Desk.refusal(payAtStation("c", CASUAL, Money.of(900, "USD")), Refusal.INVALID));
    clock.set(T0.plus(Duration.ofMinutes(10)));
    assertEquals(
        "nothing is due on card " + CASUAL + " now",
        Desk.refusal(payAtStation("d", CASUAL, cny(300)), Refusal.NOT_NOW));
    assertTrue(new Payments(ledger).all().isEmpty());
  }

  private CommandResult payAtStation(String id, String card, Money amount) {
    return desk.run(
        new ConsoleCommand.PayStationPayment(id, desk.onShift("cashier1"), card, amount, "pay-1"));
  }
}
