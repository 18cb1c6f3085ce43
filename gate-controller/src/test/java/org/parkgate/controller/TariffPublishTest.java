package org.parkgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.command.Desk;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.LedgerVerifier;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.TariffVersions;
import org.parkgate.controller.site.MutableClock;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.fee.TariffException;
import org.parkgate.fee.TariffRef;
import org.parkgate.money.Money;
import org.parkgate.site.SiteConfig;

/**
 * A tariff published while the lanes run: the car already quoted pays what it was quoted under the
 * version that quoted it, the next car is priced by the new version, and each fee, receipt and
 * payment names its version.
 */
class TariffPublishTest {
  static final Instant ENTRY = Instant.parse("2027-01-09T02:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(ENTRY.plus(Duration.ofMinutes(121)));
  private ExitLaneSite lane;
  private Ledger ledger;
  private SiteService site;
  private SiteConfig config;

  @BeforeEach
  void start() throws Exception {
    config = ExitLaneSite.demo();
    lane = ExitLaneSite.open(dir, config, clock);
    ledger = lane.ledger;
    site = lane.site;
  }

  @AfterEach
  void stop() throws Exception {
    lane.close();
  }

  /** The demo tariff at another hourly price: "5.00" for "3.00". */
  private TariffVersions.Draft demoAt(String hourly) throws Exception {
    String text =
        Files.readString(config.tariff()).replace("price: \"3.00\"", "price: \"" + hourly + "\"");
    assertTrue(text.contains(hourly), "the demo tariff still has its hourly price");
    return new TariffVersions.Draft(text, "demo-hourly", "Demo site, hourly", "demo-" + hourly);
  }

  private long waitingToPay(String card) throws Exception {
    return lane.waitingToPay(card, ENTRY);
  }

  private Money due() throws Exception {
    return lane.due();
  }

  private TariffRef lastFeeTariff() {
    List<ConsoleEvent> events = new EventLog(ledger).eventsAfter(0, 10_000);
    return events.stream()
        .filter(e -> e instanceof ConsoleEvent.ExitPending)
        .map(e -> ((ConsoleEvent.ExitPending) e).tariff())
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private Answer.Receipt pay(String requestId, long stayId, Money amount) {
    CommandResult r =
        lane.desk.run(
            new ConsoleCommand.RecordCashPayment(
                requestId, lane.desk.onShift("cashier1"), "exit-1", stayId, amount));
    return Desk.answer(r, Answer.Receipt.class);
  }

  @Test
  void theCarQuotedBeforeAPublishPaysItsQuoteAndTheNextCarTheNewPrice() throws Exception {
    long first = waitingToPay("CARD-A");
    // 15 min grace then 3.00 per started hour: 2 h 01 min is three started hours.
    assertEquals(Money.of(900, "CNY"), due());
    TariffRef v1 = lastFeeTariff();
    assertEquals(1, v1.version(), "the site file's tariff is version 1");
    assertEquals("demo-hourly", v1.id());

    TariffVersions.Version v2 =
        new TariffVersions(ledger)
            .publish(demoAt("5.00"), clock.instant(), "supervisor1", clock.instant());
    assertEquals(2, v2.versionNo());
    List<TariffBook.Edition> taken = site.tariffs().refresh();
    assertEquals(List.of(2L), taken.stream().map(e -> e.ref().version()).toList());

    Answer.Receipt paid = pay("pay-a", first, Money.of(900, "CNY"));
    assertEquals(Money.of(900, "CNY"), paid.amount(), "the quote the driver was shown");
    assertEquals(v1, paid.tariff(), "the receipt names the version that priced it");
    lane.drivesOut();

    long second = waitingToPay("CARD-B");
    assertEquals(Money.of(1500, "CNY"), due(), "three started hours at 5.00");
    assertEquals(v2.ref(), lastFeeTariff());
    Answer.Receipt next = pay("pay-b", second, Money.of(1500, "CNY"));
    assertEquals(2, next.tariff().version());

    Payments payments = new Payments(ledger);
    assertEquals(1, payments.tariffOf(idOf(paid)).orElseThrow().version());
    assertEquals(2, payments.tariffOf(idOf(next)).orElseThrow().version());
    assertTrue(
        LedgerVerifier.verify(ledger.file(), java.util.Optional.empty()).ok(), "the chain holds");
  }

  private long idOf(Answer.Receipt r) {
    return new Payments(ledger).paymentByReceipt(r.receiptNo()).orElseThrow().paymentId();
  }

  @Test
  void aVersionPublishedForLaterPricesFromItsStartOnly() throws Exception {
    Instant sixPm = clock.instant().plus(Duration.ofHours(3));
    new TariffVersions(ledger).publish(demoAt("4.00"), sixPm, "finance1", clock.instant());
    site.tariffs().refresh();
    assertEquals(1, site.tariffs().at(clock.instant()).ref().version(), "not yet");
    assertEquals(2, site.tariffs().at(sixPm).ref().version(), "from its start");
    assertEquals(2, site.tariffs().at(sixPm.plusSeconds(86_400)).ref().version());
  }

  @Test
  void aRestartKeepsThePublishedVersionUntilTheSiteFileChanges() throws Exception {
    new TariffVersions(ledger)
        .publish(demoAt("5.00"), clock.instant(), "supervisor1", clock.instant());
    clock.set(clock.instant().plusSeconds(3600));
    // The same site file again: nothing new, version 2 stays in force.
    TariffBook again = TariffBook.open(ledger, config.tariff(), clock.instant());
    assertEquals(2, again.editions().size());
    assertEquals(2, again.at(clock.instant()).ref().version());
    // The site file edited: published at start as version 3.
    Path edited = dir.resolve("demo-edited.yaml");
    Files.writeString(edited, demoAt("6.00").body());
    TariffBook edit = TariffBook.open(ledger, edited, clock.instant());
    TariffBook.Edition now = edit.at(clock.instant());
    assertEquals(3, now.ref().version());
    assertEquals(TariffBook.SITE_FILE, now.publishedBy());
    // Back to the first site file (as the README's walk-through switches sites on one ledger):
    // its tariff is in force again, as a new version.
    clock.set(clock.instant().plusSeconds(60));
    TariffBook back = TariffBook.open(ledger, config.tariff(), clock.instant());
    assertEquals(4, back.at(clock.instant()).ref().version());
    assertEquals(back.editions().get(0).ref().sha256(), back.at(clock.instant()).ref().sha256());
    assertEquals(4, TariffBook.open(ledger, config.tariff(), clock.instant()).editions().size());
  }

  @Test
  void refusedPublicationsChangeNothing() throws Exception {
    TariffVersions versions = new TariffVersions(ledger);
    Instant now = clock.instant();
    LedgerException again =
        assertThrows(
            LedgerException.class,
            () ->
                versions.publish(
                    new TariffVersions.Draft(
                        Files.readString(config.tariff()), "demo-hourly", "Demo", "x"),
                    now,
                    "finance1",
                    now));
    assertTrue(again.getMessage().contains("version 1 already"), again.getMessage());
    LedgerException past =
        assertThrows(
            LedgerException.class,
            () -> versions.publish(demoAt("5.00"), now.minusSeconds(60), "finance1", now));
    assertTrue(past.getMessage().contains("before it is published"), past.getMessage());
    assertThrows(
        LedgerException.class, () -> versions.publish(demoAt("5.00"), now, " ", now), "who");
    assertEquals(1, versions.latestNumber());
    // Another currency would split the ledger's money: the controller refuses to take it.
    versions.publish(
        new TariffVersions.Draft(
            demoAt("5.00").body().replace("currency: CNY", "currency: HKD"),
            "demo-hourly",
            "Demo",
            "hkd"),
        now,
        "finance1",
        now);
    TariffException refused = assertThrows(TariffException.class, () -> site.tariffs().refresh());
    assertTrue(refused.getMessage().contains("HKD"), refused.getMessage());
    assertEquals(1, site.tariffs().at(now).ref().version(), "the version in force stays");
  }
}
