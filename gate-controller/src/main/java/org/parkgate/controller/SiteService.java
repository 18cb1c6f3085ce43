package org.parkgate.controller;

import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.LongFunction;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.LaneTimings;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.controller.site.ExitDesk;
import org.parkgate.controller.site.LaneDesk;
import org.parkgate.controller.site.LaneRequest;
import org.parkgate.controller.site.StayFinder;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.SiteConfig;

/**
 * The site's decisions: ties lanes to the ledger, the fee engine and the consoles. Every ledger
 * call runs on the one ledger thread, which is also where events reach the consoles; a lane's
 * requests go there through the {@link LaneDesk}, one handler for each.
 */
public final class SiteService implements LaneRunner.LaneServices {
  private final SiteConfig site;
  private final TariffBook tariffs;
  private final Ledger ledger;
  private final Clock clock;
  private final ExecutorService ledgerThread;
  private final ConsoleHub hub;
  private final Map<String, LaneRunner> lanes = new LinkedHashMap<>();

  private final AccessControl access;
  private final ExitDesk exits;
  private final StatusEvents statusEvents;
  private final StayFinder finder;
  private final LaneDesk desk;

  public SiteService(
      SiteConfig site,
      TariffBook tariffs,
      Ledger ledger,
      Clock clock,
      ExecutorService ledgerThread,
      ConsoleHub hub) {
    this.site = site;
    this.tariffs = tariffs;
    this.ledger = ledger;
    this.clock = clock;
    this.ledgerThread = ledgerThread;
    this.hub = hub;
    this.exits = new ExitDesk(site, tariffs.currency(), ledger);
    this.statusEvents = new StatusEvents(ledger, ledgerThread);
    ledger.onCommittedEvent(hub::publish);
    this.access = new AccessControl(site, tariffs, ledger, this::recordIncident, lanes::values);
    this.finder = new StayFinder(ledger, access, Money.zero(tariffs.currency()));
    this.desk = new LaneDesk(ledger, ledgerThread, clock, access, exits, new Stays(ledger));
  }

  public AccessControl access() {
    return access;
  }

  /** Tells consoles and entry lanes the free spaces; once at start, then after every change. */
  public CompletableFuture<Void> publishOccupancy() {
    return onLedger(
        () -> {
          access.publishOccupancy(now());
          return null;
        });
  }

  public LaneRunner addLane(LaneConfig lane, EventExecutor executor) {
    LaneRunner runner =
        new LaneRunner(lane, executor, this, LaneTimings.of(site.controller().laneTimeouts()));
    if (new org.parkgate.controller.ledger.Incidents(ledger).powerLostUnrestored(lane.id())) {
      // Lost before the last stop: its POWER_RESTORED is due once the barrier answers.
      runner.powerLostBeforeStart();
    }
    lanes.put(lane.id(), runner);
    return runner;
  }

  public Map<String, LaneRunner> lanes() {
    return lanes;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public org.parkgate.site.Language language() {
    return site.language();
  }

  @Override
  public CompletableFuture<LaneEvent> recordEntry(String lane, String card, Sighting vehicle) {
    return desk.submit(new LaneRequest.Entry(lane, card, vehicle));
  }

  @Override
  public CompletableFuture<LaneEvent> quoteExit(String lane, String card, Sighting vehicle) {
    return desk.submit(new LaneRequest.ExitQuote(lane, card, vehicle));
  }

  @Override
  public CompletableFuture<Void> recordExit(String lane, long stayId) {
    return desk.submit(new LaneRequest.Exit(lane, stayId));
  }

  @Override
  public CompletableFuture<Void> recordPassage(String lane, long stayId) {
    return desk.submit(new LaneRequest.Passage(lane, stayId));
  }

  @Override
  public void reportIncident(String lane, IncidentKind kind, String card, String detail) {
    recordIncident(lane, kind, card, null, detail);
  }

  /** As {@link #reportIncident}, with the plate the lane's camera read (null if none). */
  private void recordIncident(
      String lane, IncidentKind kind, String card, String plate, String detail) {
    desk.report(new LaneRequest.IncidentReport(lane, kind, card, plate, detail, now()));
  }

  /** Status-like events are written many to a commit; see {@link StatusEvents}. */
  @Override
  public void publish(String lane, LongFunction<ConsoleEvent> event) {
    statusEvents.add(lane, event);
  }

  /** Gives each lane the mode last recorded for it; call once the lanes' devices are attached. */
  public CompletableFuture<Void> restoreLaneModes() {
    return onLedger(
        () -> {
          exits
              .modes()
              .restore(
                  lanes.keySet(),
                  (lane, mode) -> lanes.get(lane).deliver(new LaneEvent.ModeSet(mode)));
          return null;
        });
  }

  /** The site's parts that console commands act on; use them on the ledger thread. */
  public SiteConfig site() {
    return site;
  }

  /** The published tariffs; the one in force prices each quote. */
  public TariffBook tariffs() {
    return tariffs;
  }

  public Ledger ledger() {
    return ledger;
  }

  public ExitDesk exits() {
    return exits;
  }

  public StayFinder finder() {
    return finder;
  }

  public ConsoleHub hub() {
    return hub;
  }

  public ExecutorService ledgerThread() {
    return ledgerThread;
  }

  private <T> CompletableFuture<T> onLedger(java.util.function.Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, ledgerThread);
  }
}
