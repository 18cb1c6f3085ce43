package org.parkgate.controller.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.LaneModes;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.ledger.UnpaidBalances;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.SiteConfig;
import org.parkgate.site.SiteConfigLoader;

/** Exits against a real ledger file and the demo tariff: 15 minutes free, 3.00 a started hour. */
class ExitDeskTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Instant ENTRY = Instant.parse("2027-01-09T02:00:00Z");
  static final Instant EXIT = ENTRY.plus(Duration.ofMinutes(121)); // three started hours
  static final Money NINE = Money.of(900, "CNY");
  static final Sighting CAR = new Sighting("粤B12345", "car", "white");

  @TempDir Path dir;
  private Ledger ledger;
  private ExitDesk desk;
  private AccessControl access;
  private final List<ConsoleEvent> heard = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    SiteConfig site = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    ledger = Ledger.open(dir.resolve("ledger.db"), "demo");
    ledger.onCommittedEvent(heard::add);
    TariffBook tariffs = TariffBook.open(ledger, site.tariff(), ENTRY.minusSeconds(60));
    desk = new ExitDesk(site, tariffs.currency(), ledger);
    access = access(site, tariffs);
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private Stay enter(String card, Sighting seen, Instant at) {
    desk.entered("entry-1", seen, at, () -> access.enter("entry-1", card, seen, at));
    return new Stays(ledger).openStay(card).orElseThrow();
  }

  private AccessControl access(SiteConfig site, TariffBook tariffs) {
    return new AccessControl(
        site, tariffs, ledger, (lane, kind, card, plate, detail) -> {}, List::of);
  }

  /** The exit as the site runs it: access control prices the stay, the desk settles it. */
  private static LaneEvent quote(
      ExitDesk desk, AccessControl access, String lane, Stay stay, Sighting seen, Instant at) {
    return desk.quote(lane, stay, seen, at, access.quote(stay, seen, at));
  }

  private LaneEvent quote(String lane, Stay stay, Sighting seen, Instant at) {
    return quote(desk, access, lane, stay, seen, at);
  }

  private Money due(LaneEvent quoted) {
    return ((LaneEvent.ExitQuoted) quoted).due();
  }

  private List<Incidents.Incident> incidents() {
    return desk.incidents().between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
  }

  private <T extends ConsoleEvent> List<T> heard(Class<T> type) {
    return heard.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void anotherPlateAtTheExitIsRecordedAsAnIncidentAndTheQuoteStillStands() {
    Stay stay = enter("CARD1", CAR, ENTRY);
    LaneEvent quoted = quote("exit-1", stay, new Sighting("粤B 99999", "car", "red"), EXIT);

    assertEquals(NINE, due(quoted), "the driver is still asked to pay");
    List<Incidents.Incident> found = incidents();
    assertEquals(1, found.size(), found.toString());
    assertEquals("PLATE_MISMATCH", found.get(0).kind());
    assertEquals("CARD1", found.get(0).card());
    assertEquals("粤B99999", found.get(0).plate());
    assertEquals(
        "入场车牌 粤B12345，出场车牌 粤B99999 · entered as 粤B12345, leaving as 粤B99999",
        found.get(0).detail());
    ConsoleEvent.Incident told = heard(ConsoleEvent.Incident.class).get(0);
    assertEquals(IncidentKind.PLATE_MISMATCH, told.kind());
    assertEquals("exit-1", told.lane());
    assertTrue(
        heard(ConsoleEvent.ExitPending.class).get(0).seq() < told.seq(),
        "the booth hears the fee first, so the incident shows over it");

    quote("exit-1", stay, new Sighting("粤B99999", "car", "red"), EXIT.plusSeconds(5));
    assertEquals(1, incidents().size(), "a card read again is not a second incident");
  }

  @Test
  void aPlateOwingAtAnotherCarParkIsShownToTheCashierOncePerStayAndNotCharged() {
    ArrearsElsewhere.Owed owed =
        new ArrearsElsewhere.Owed(
            "north", "北区停车场", Money.of(2000, "CNY"), Instant.parse("2027-01-02T10:00:00Z"));
    desk.showArrearsFrom(plate -> plate.equals("粤B12345") ? List.of(owed) : List.of());
    Stay stay = enter("CARD1", CAR, ENTRY);

    assertEquals(NINE, due(quote("exit-1", stay, CAR, EXIT)), "only this stay's fee is asked");
    List<Incidents.Incident> found = incidents();
    assertEquals(1, found.size(), found.toString());
    assertEquals("OWES_ELSEWHERE", found.get(0).kind());
    assertEquals("粤B12345", found.get(0).plate());
    assertEquals(
        "车牌 粤B12345 在 北区停车场（north）欠费 20.00 CNY，自 2027-01-02 起"
            + " · plate 粤B12345 owes 20.00 CNY at 北区停车场 (north) since 2027-01-02",
        found.get(0).detail());
    assertEquals(IncidentKind.OWES_ELSEWHERE, heard(ConsoleEvent.Incident.class).get(0).kind());

    quote("exit-1", stay, CAR, EXIT.plusSeconds(5));
    assertEquals(1, incidents().size(), "a card read again is not a second incident");

    Stay other = enter("CARD2", new Sighting("粤B77777", "car", "red"), ENTRY);
    quote("exit-2", other, new Sighting("粤B77777", "car", "red"), EXIT);
    assertEquals(1, incidents().size(), "a plate owing nothing elsewhere raises nothing");
  }

  @Test
  void theSameCarLeavingRaisesNothing() {
    Stay stay = enter("CARD1", CAR, ENTRY);
    quote("exit-1", stay, new Sighting("粤B12345", "CAR", "white"), EXIT);
    assertEquals(List.of(), incidents());
  }

  @Test
  void theClassTheCameraSeesPricesTheStayWhenTheTariffKnowsIt() throws Exception {
    SiteConfig site = SiteConfigLoader.load(ROOT.resolve("config/sites/demo.yaml"));
    // The mall tariff: cars 4.00 and trucks 8.00 a started hour.
    // Published over the demo tariff as the site's next version.
    TariffBook mallTariffs =
        TariffBook.open(ledger, ROOT.resolve("config/tariffs/mall.yaml"), ENTRY);
    ExitDesk mall = new ExitDesk(site, mallTariffs.currency(), ledger);
    AccessControl mallAccess = access(site, mallTariffs);
    Stay truck = enter("CARD1", null, ENTRY);
    Stay odd = enter("CARD2", null, ENTRY);
    Stay unseen = enter("CARD3", null, ENTRY);
    assertEquals(
        Money.of(2400, "CNY"),
        due(quote(mall, mallAccess, "exit-1", truck, new Sighting("粤B1", "Truck", null), EXIT)));
    assertEquals(
        Money.of(1200, "CNY"),
        due(quote(mall, mallAccess, "exit-1", odd, new Sighting("粤B2", "hovercraft", null), EXIT)),
        "a class the tariff does not know is priced as a car");
    assertEquals(Money.of(1200, "CNY"), due(quote(mall, mallAccess, "exit-1", unseen, null, EXIT)));
  }

  @Test
  void aFreeExitChargesNothingAndRecordsWhatWasWaivedOnceAgainstTheModeChange() {
    LaneModes.Change change =
        desk.modes()
            .set(
                new ConsoleCommand.SetLaneMode(
                    "m-1", "session", "exit-1", LaneMode.FREE_EXIT, "fire alarm: let everyone out"),
                "sup1",
                ENTRY)
            .change();
    Stay stay = enter("CARD1", null, ENTRY);

    assertEquals(Money.zero(NINE.currency()), due(quote("exit-1", stay, null, EXIT)));
    quote("exit-1", stay, null, EXIT.plusSeconds(3));

    List<LaneModes.Waiver> waivers = new LaneModes(ledger).waivers();
    assertEquals(1, waivers.size(), "a second read of the same card is not a second waiver");
    assertEquals(NINE, waivers.get(0).amount());
    assertEquals(stay.stayId(), waivers.get(0).stayId());
    assertEquals(change.changeId(), waivers.get(0).changeId());
    assertTrue(heard(ConsoleEvent.ExitPending.class).isEmpty(), "nothing to pay at the booth");
  }

  @Test
  void aVehicleLeavingUnpaidOwesItsFeeAtItsPlatesNextExitWhichSettlesIt() {
    Stay first = enter("CARD1", CAR, ENTRY);
    assertEquals(NINE, due(quote("exit-1", first, CAR, EXIT)));
    desk.exited(
        "exit-1",
        first.stayId(),
        EXIT,
        () -> new Stays(ledger).recordExit(first.stayId(), "exit-1", EXIT));

    UnpaidBalances balances = new UnpaidBalances(ledger);
    List<UnpaidBalances.Balance> owed = balances.outstanding("粤B12345");
    assertEquals(1, owed.size());
    assertEquals(NINE, owed.get(0).amount());
    assertEquals(first.stayId(), owed.get(0).stayId());
    assertEquals("LEFT_UNPAID", incidents().get(0).kind());
    assertEquals("粤B12345", incidents().get(0).plate());

    Instant back = ENTRY.plus(Duration.ofDays(1));
    Stay second = enter("CARD2", CAR, back);
    Instant leave = back.plus(Duration.ofMinutes(30)); // one started hour: 3.00
    assertEquals(Money.of(1200, "CNY"), due(quote("exit-1", second, CAR, leave)));
    ConsoleEvent.ExitPending pending = heard(ConsoleEvent.ExitPending.class).get(1);
    assertEquals(Money.of(1200, "CNY"), pending.due());
    ConsoleEvent.FeeItem last = pending.items().get(pending.items().size() - 1);
    assertEquals("欠费：车牌 粤B12345 · Unpaid balance · plate 粤B12345", last.rule());
    assertEquals(
        "unpaid from an earlier visit (2027-01-09, exit-1, stay " + first.stayId() + ")",
        Desk.english(last.period()));
    assertEquals(NINE, last.amount());

    ledger.atomically(
        () ->
            desk.paid(
                new Payments(ledger)
                    .recordPayment(
                        "pay-2", second.stayId(), "exit-1", Money.of(1200, "CNY"), "c1", leave)));
    desk.exited(
        "exit-1",
        second.stayId(),
        leave,
        () -> new Stays(ledger).recordExit(second.stayId(), "exit-1", leave));
    assertEquals(List.of(), balances.outstanding("粤B12345"), "the payment settled the balance");
    assertEquals(1, incidents().size(), "a paid exit raises no incident");

    Stay third = enter("CARD3", CAR, back.plus(Duration.ofDays(1)));
    assertEquals(
        Money.of(300, "CNY"),
        due(quote("exit-1", third, CAR, back.plus(Duration.ofDays(1)).plusSeconds(1800))),
        "a settled balance is never charged again");
    LedgerVerifier.Result verified =
        LedgerVerifier.verify(dir.resolve("ledger.db"), Optional.empty());
    assertTrue(verified.ok(), verified.summary());
  }

  @Test
  void withoutAPlateALeftUnpaidIsAnIncidentWithNoBalanceToFollow() {
    Stay stay = enter("CARD1", null, ENTRY);
    quote("exit-1", stay, null, EXIT);
    desk.exited(
        "exit-1",
        stay.stayId(),
        EXIT,
        () -> new Stays(ledger).recordExit(stay.stayId(), "exit-1", EXIT));

    List<Incidents.Incident> found = incidents();
    assertEquals(1, found.size());
    assertEquals("LEFT_UNPAID", found.get(0).kind());
    assertTrue(found.get(0).detail().contains("no plate was read"), found.get(0).detail());
  }

  @Test
  void aPaidExitOwesNothing() {
    Stay stay = enter("CARD1", CAR, ENTRY);
    quote("exit-1", stay, CAR, EXIT);
    ledger.atomically(
        () ->
            desk.paid(
                new Payments(ledger)
                    .recordPayment("pay-1", stay.stayId(), "exit-1", NINE, "c1", EXIT)));
    desk.exited(
        "exit-1",
        stay.stayId(),
        EXIT,
        () -> new Stays(ledger).recordExit(stay.stayId(), "exit-1", EXIT));
    assertEquals(List.of(), incidents());
    assertEquals(List.of(), new UnpaidBalances(ledger).outstanding("粤B12345"));
  }

  @Test
  void aModeChangeIsRecordedOncePerRequestAndRestoredToTheLanes() {
    var cmd =
        new ConsoleCommand.SetLaneMode("m-1", "session", "exit-1", LaneMode.CLOSED, "resurfacing");
    assertTrue(desk.modes().set(cmd, "sup1", ENTRY).made());
    assertEquals(
        false,
        desk.modes().set(cmd, "sup1", ENTRY.plusSeconds(1)).made(),
        "a retry changes nothing");
    assertEquals(1, heard(ConsoleEvent.LaneModeChanged.class).size());
    ConsoleEvent.LaneModeChanged told = heard(ConsoleEvent.LaneModeChanged.class).get(0);
    assertEquals(
        List.of("exit-1", LaneMode.CLOSED, "sup1", "resurfacing"),
        List.of(told.lane(), told.mode(), told.by(), told.reason()));

    // As after a restart: a new desk reads the modes from the ledger.
    ModeControl restarted = new ModeControl(new LaneModes(ledger));
    List<String> delivered = new ArrayList<>();
    restarted.restore(
        java.util.Set.of("entry-1", "exit-1"), (lane, mode) -> delivered.add(lane + " " + mode));
    assertEquals(List.of("exit-1 CLOSED"), delivered);
    assertEquals(LaneMode.NORMAL, restarted.mode("entry-1"));
  }

  @Test
  void aBadModeRequestIsRefusedWithTheReason() {
    var lanes = java.util.Set.of("entry-1", "exit-1");
    assertEquals(
        "unknown lane 'exit-9' (lanes: entry-1, exit-1)",
        Desk.english(
            ModeControl.refusal(
                new ConsoleCommand.SetLaneMode("r", "s", "exit-9", LaneMode.CLOSED, "x"),
                new java.util.LinkedHashSet<>(List.of("entry-1", "exit-1")))));
    assertEquals(
        "a mode change needs a reason",
        Desk.english(
            ModeControl.refusal(
                new ConsoleCommand.SetLaneMode("r", "s", "exit-1", LaneMode.CLOSED, " "), lanes)));
    assertEquals(
        "the reason is at most 200 characters",
        Desk.english(
            ModeControl.refusal(
                new ConsoleCommand.SetLaneMode(
                    "r", "s", "exit-1", LaneMode.CLOSED, "x".repeat(201)),
                lanes)));
    assertTrue(
        Desk.english(
                ModeControl.refusal(
                    new ConsoleCommand.SetLaneMode("r", "s", "exit-1", null, "x"), lanes))
            .startsWith("a mode change needs a mode"));
  }
}
