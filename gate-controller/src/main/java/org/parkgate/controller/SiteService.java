package org.parkgate.controller;

import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.LongFunction;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Welcome;
import org.parkgate.controller.console.ConsoleHub;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.LaneTimings;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.LaneModes;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.Payment;
import org.parkgate.controller.ledger.Reversal;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.controller.site.ExitDecision;
import org.parkgate.controller.site.ExitDesk;
import org.parkgate.controller.site.ModeControl;
import org.parkgate.controller.site.StayFinder;
import org.parkgate.fee.Tariff;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneKind;
import org.parkgate.site.SiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's decisions: ties lanes to the ledger, the fee engine and the consoles. Every ledger
 * call runs on the one ledger thread, which is also where events reach the consoles.
 */
public final class SiteService implements LaneRunner.LaneServices {
  private static final Logger log = LoggerFactory.getLogger(SiteService.class);

  private final SiteConfig site;
  private final Tariff tariff;
  private final Ledger ledger;
  private final Clock clock;
  private final ExecutorService ledgerThread;
  private final ConsoleHub hub;
  private final Map<String, LaneRunner> lanes = new LinkedHashMap<>();

  /** Lost-card answers by request id, so a retried request is not charged twice. */
  private final Map<String, CommandResult> lostCardAnswers =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CommandResult> eldest) {
              return size() > 1_000;
            }
          });

  private final ShiftDesk shiftDesk;
  private final AccessControl access;
  private final ExitDesk exits;
  private final StatusEvents statusEvents;
  private final StayFinder finder;

  public SiteService(
      SiteConfig site,
      Tariff tariff,
      Ledger ledger,
      Clock clock,
      ExecutorService ledgerThread,
      ConsoleHub hub) {
    this.site = site;
    this.tariff = tariff;
    this.ledger = ledger;
    this.clock = clock;
    this.ledgerThread = ledgerThread;
    this.hub = hub;
    this.exits = new ExitDesk(site, tariff, ledger);
    this.statusEvents = new StatusEvents(ledger, ledgerThread);
    ledger.onCommittedEvent(hub::publish);
    this.shiftDesk = new ShiftDesk(new org.parkgate.controller.ledger.Shifts(ledger), clock);
    this.access = new AccessControl(site, tariff, ledger, this::recordIncident, lanes::values);
    this.finder = new StayFinder(ledger, access, site.zone(), Money.zero(tariff.currency()));
  }

  AccessControl access() {
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
  public CompletableFuture<LaneEvent> recordEntry(String lane, String card, Sighting vehicle) {
    return onLedger(
        () -> {
          Instant at = now();
          return exits.entered(lane, vehicle, at, () -> access.enter(lane, card, vehicle, at));
        });
  }

  @Override
  public CompletableFuture<LaneEvent> quoteExit(String lane, String card, Sighting vehicle) {
    return onLedger(
        () ->
            ledger.atomically(
                () -> {
                  Instant exit = now();
                  ExitDecision decision = access.exit(lane, card, vehicle, exit);
                  if (decision.refused()) {
                    return new LaneEvent.CardRefused(card, decision.refusal());
                  }
                  return exits.quote(lane, decision.stay(), vehicle, exit, decision.quote());
                }));
  }

  @Override
  public CompletableFuture<Void> recordExit(String lane, long stayId) {
    return onLedger(
        () ->
            ledger.atomically(
                () -> {
                  Instant at = now();
                  exits.exited(lane, stayId, at, () -> ledger.recordExit(stayId, lane, at));
                  access.left(stayId, at);
                  return null;
                }));
  }

  @Override
  public void reportIncident(String lane, IncidentKind kind, String card, String detail) {
    recordIncident(lane, kind, card, null, detail);
  }

  /** As {@link #reportIncident}, with the plate the lane's camera read (null if none). */
  private void recordIncident(
      String lane, IncidentKind kind, String card, String plate, String detail) {
    log.warn("{}: incident {} card={} plate={} {}", lane, kind, card, plate, detail);
    Instant at = now();
    onLedger(() -> exits.incidents().record(lane, kind, card, plate, detail, at))
        .exceptionally(
            e -> {
              log.error("{}: incident {} not recorded: {}", lane, kind, e.getMessage());
              return null;
            });
  }

  /** Status-like events are written many to a commit; see {@link StatusEvents}. */
  @Override
  public void publish(String lane, LongFunction<ConsoleEvent> event) {
    statusEvents.add(lane, event);
  }

  /**
   * Sets a lane's mode for the supervisor named in the command: recorded with its reason, then
   * handed to the lane. A request id seen before returns its first result and changes nothing.
   */
  public CompletableFuture<CommandResult> setLaneMode(ConsoleCommand.SetLaneMode cmd) {
    String refusal = ModeControl.refusal(cmd, lanes.keySet());
    if (refusal != null) {
      return CompletableFuture.completedFuture(CommandResult.refused(cmd.requestId(), refusal));
    }
    return onLedger(
        () -> {
          try {
            LaneModes.Outcome outcome = exits.modes().set(cmd, now());
            if (outcome.made()) {
              lanes.get(cmd.lane()).deliver(new LaneEvent.ModeSet(cmd.mode()));
            }
            LaneModes.Change c = outcome.change();
            return CommandResult.ok(
                cmd.requestId(), "lane " + c.lane() + " set to " + c.mode() + " by " + c.by());
          } catch (RuntimeException e) {
            log.error("{}: mode change not recorded", cmd.lane(), e);
            return CommandResult.refused(
                cmd.requestId(), "mode change not recorded: " + e.getMessage());
          }
        });
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

  /** Catches a console up and keeps it live, on the ledger thread so nothing slips between. */
  public CompletableFuture<Welcome> join(
      io.netty.channel.Channel console, ConsoleCommand.Hello hello) {
    return onLedger(
        () -> {
          Welcome welcome =
              new Welcome(
                  site.id(),
                  site.name(),
                  site.zone(),
                  site.currency().getCurrencyCode(),
                  ledger.lastSeq(),
                  lanes.keySet().stream().toList());
          ConsoleHub.send(console, welcome);
          hub.join(console, ledger, hello.afterSeq());
          return welcome;
        });
  }

  /**
   * Records a cash payment for the vehicle waiting at an exit, then lifts its barrier. A request id
   * seen before returns its first result and charges nothing.
   */
  public CompletableFuture<CommandResult> pay(ConsoleCommand.RecordCashPayment cmd) {
    return onLedger(() -> ledger.paymentFor(cmd.requestId()))
        .thenCompose(
            earlier -> {
              if (earlier.isPresent()) {
                return CompletableFuture.completedFuture(paid(cmd.requestId(), earlier.get()));
              }
              LaneRunner runner = lanes.get(cmd.lane());
              if (runner == null || runner.config().kind() != LaneKind.EXIT) {
                return CompletableFuture.completedFuture(
                    CommandResult.refused(
                        cmd.requestId(),
                        "unknown exit lane '"
                            + cmd.lane()
                            + "' (exit lanes: "
                            + exitLanes()
                            + ")"));
              }
              CompletableFuture<String> reserved = new CompletableFuture<>();
              runner
                  .executor()
                  .execute(
                      () -> reserved.complete(runner.reservePayment(cmd.stayId(), cmd.amount())));
              return reserved.thenCompose(
                  refusal ->
                      refusal != null
                          ? CompletableFuture.completedFuture(
                              CommandResult.refused(cmd.requestId(), refusal))
                          : record(runner, cmd));
            });
  }

  private CompletableFuture<CommandResult> record(
      LaneRunner runner, ConsoleCommand.RecordCashPayment cmd) {
    return onLedger(
            () ->
                ledger.atomically(
                    () ->
                        exits.paid(
                            ledger.recordPayment(
                                cmd.requestId(),
                                cmd.stayId(),
                                cmd.lane(),
                                cmd.amount(),
                                cmd.cashier(),
                                now()))))
        .handle(
            (payment, error) -> {
              if (error != null) {
                runner.executor().execute(() -> runner.releasePayment(cmd.stayId()));
                log.error(
                    "{}: payment for stay {} not recorded: {}",
                    cmd.lane(),
                    cmd.stayId(),
                    error.getMessage());
                return CommandResult.refused(
                    cmd.requestId(), "payment not recorded: " + error.getMessage());
              }
              // Durable now: only after the commit does the barrier lift.
              runner.deliver(new LaneEvent.Paid(cmd.stayId()));
              return paid(cmd.requestId(), payment);
            });
  }

  /**
   * Reverses a payment by its receipt number for the supervisor named in the command. A request id
   * seen before returns its first result and reverses nothing more.
   */
  public CompletableFuture<CommandResult> reverse(ConsoleCommand.ReversePayment cmd) {
    return onLedger(
        () -> {
          try {
            Reversal reversal =
                ledger.reversePayment(
                    cmd.requestId(), cmd.receiptNo(), cmd.supervisor(), cmd.reason(), now());
            log.info(
                "receipt {} reversed by {}: {}",
                reversal.receiptNo(),
                reversal.supervisor(),
                reversal.reason());
            return CommandResult.ok(cmd.requestId(), "reversed receipt " + reversal.receiptNo());
          } catch (LedgerException e) {
            return CommandResult.refused(cmd.requestId(), e.getMessage());
          } catch (RuntimeException e) {
            log.error("reversal of receipt {} not recorded", cmd.receiptNo(), e);
            return CommandResult.refused(
                cmd.requestId(), "reversal not recorded: " + e.getMessage());
          }
        });
  }

  /** Opens or closes a cashier's shift; a request id seen before gets its first result. */
  public CompletableFuture<CommandResult> shift(ConsoleCommand command) {
    return onLedger(() -> shiftDesk.handle(command));
  }

  /** A supervisor clears a card's anti-passback state; a retried request changes nothing more. */
  public CompletableFuture<CommandResult> resetPassback(ConsoleCommand.ResetPassback cmd) {
    return onLedger(() -> guarded(cmd.requestId(), () -> access.resetPassback(cmd, now())));
  }

  /** A payment taken at a pay station for a card's open stay, before it reaches the exit. */
  public CompletableFuture<CommandResult> payAtStation(ConsoleCommand.PayStationPayment cmd) {
    return onLedger(() -> guarded(cmd.requestId(), () -> access.payAtStation(cmd, now())));
  }

  /** A cashier looks for an open stay by plate or card; reads only. */
  public CompletableFuture<CommandResult> findStay(ConsoleCommand.FindStay cmd) {
    return onLedger(() -> guarded(cmd.requestId(), () -> finder.find(cmd, now())));
  }

  /**
   * The driver waiting at an exit lost the card of a stay: records the loss (LOST_CARD), bars the
   * card and asks the lost-card fee at that lane, as for a card read there; the cashier then takes
   * it with a cash payment. A request id seen before gets its first answer and changes nothing.
   */
  public CompletableFuture<CommandResult> reportLostCard(ConsoleCommand.ReportLostCard cmd) {
    CommandResult earlier = lostCardAnswers.get(cmd.requestId());
    if (earlier != null) {
      return CompletableFuture.completedFuture(earlier);
    }
    LaneRunner runner = lanes.get(cmd.lane());
    if (runner == null || runner.config().kind() != LaneKind.EXIT) {
      return CompletableFuture.completedFuture(
          CommandResult.refused(
              cmd.requestId(),
              "unknown exit lane '" + cmd.lane() + "' (exit lanes: " + exitLanes() + ")"));
    }
    CompletableFuture<Boolean> waiting = new CompletableFuture<>();
    runner.executor().execute(() -> waiting.complete(runner.lane().waitingWithoutCard()));
    return waiting.thenCompose(
        ready ->
            ready
                ? onLedger(() -> lostCard(cmd, runner))
                : CompletableFuture.completedFuture(
                    CommandResult.refused(
                        cmd.requestId(),
                        "no vehicle is waiting at " + cmd.lane() + " without a card")));
  }

  private CommandResult lostCard(ConsoleCommand.ReportLostCard cmd, LaneRunner runner) {
    CommandResult earlier = lostCardAnswers.get(cmd.requestId());
    if (earlier != null) {
      return earlier;
    }
    Instant at = now();
    CommandResult result =
        guarded(
            cmd.requestId(),
            () -> {
              Optional<LaneEvent.LostCardQuoted> asked =
                  ledger.atomically(
                      () -> {
                        Optional<Stay> open = ledger.openStayById(cmd.stayId());
                        if (open.isEmpty()) {
                          return Optional.empty();
                        }
                        Stay stay = open.get();
                        LaneEvent quoted =
                            exits.quote(cmd.lane(), stay, null, at, access.quoteLostCard(stay, at));
                        Money due = ((LaneEvent.ExitQuoted) quoted).due();
                        String detail =
                            "card "
                                + stay.card()
                                + " of stay "
                                + stay.stayId()
                                + " reported lost at "
                                + cmd.lane()
                                + " by "
                                + cmd.cashier()
                                + "; lost-card fee "
                                + due;
                        // Reported once per stay, whatever the request id: a retry after a
                        // restart (the answers kept above are gone) asks the fee again for the
                        // lane, which forgot it, and records nothing more.
                        if (!exits
                            .incidents()
                            .recorded(IncidentKind.LOST_CARD, stay.card(), stay.enteredAt())) {
                          access.barLostCard(stay.card(), cmd.cashier(), detail, at);
                          exits
                              .incidents()
                              .record(
                                  cmd.lane(),
                                  IncidentKind.LOST_CARD,
                                  stay.card(),
                                  null,
                                  detail,
                                  at);
                        }
                        return Optional.of(new LaneEvent.LostCardQuoted(stay.stayId(), due));
                      });
              if (asked.isEmpty()) {
                return CommandResult.refused(
                    cmd.requestId(), "stay " + cmd.stayId() + " is not open");
              }
              // Durable now: the lane asks the fee (or opens, if nothing is due).
              runner.deliver(asked.get());
              return CommandResult.ok(
                  cmd.requestId(),
                  "lost card: stay "
                      + cmd.stayId()
                      + " asks "
                      + asked.get().due()
                      + " at "
                      + cmd.lane());
            });
    if (result.ok()) {
      lostCardAnswers.put(cmd.requestId(), result);
    }
    return result;
  }

  private static CommandResult guarded(
      String requestId, java.util.function.Supplier<CommandResult> work) {
    try {
      return work.get();
    } catch (LedgerException e) {
      return CommandResult.refused(requestId, e.getMessage());
    } catch (RuntimeException e) {
      log.error("request {} failed", requestId, e);
      return CommandResult.refused(requestId, "not recorded: " + e.getMessage());
    }
  }

  private static CommandResult paid(String requestId, Payment payment) {
    return CommandResult.ok(
        requestId, "receipt " + payment.receiptNo() + " for " + payment.amount());
  }

  private String exitLanes() {
    return String.join(
        ", ",
        lanes.values().stream()
            .filter(l -> l.config().kind() == LaneKind.EXIT)
            .map(LaneRunner::id)
            .toList());
  }

  private <T> CompletableFuture<T> onLedger(java.util.function.Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, ledgerThread);
  }
}
