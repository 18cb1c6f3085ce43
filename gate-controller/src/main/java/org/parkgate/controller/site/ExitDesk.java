package org.parkgate.controller.site;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Said;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.LaneModes;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Payment;
import org.parkgate.controller.ledger.Payments;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.UnpaidBalances;
import org.parkgate.fee.FeeQuote;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.SiteConfig;

/**
 * What an exit owes and what it leaves behind: the fee by the vehicle class the camera saw, checks
 * against the entry, free passes under {@link LaneMode#FREE_EXIT}, balances a plate left unpaid
 * before, and a new balance when a vehicle leaves without paying. Runs on the ledger thread.
 */
public final class ExitDesk {
  /**
   * What the lane holding stay {@code stayId} asks: {@code ownFee} is this visit's fee, without
   * balances carried from earlier visits; {@code plate} is null when the exit camera read none.
   */
  public record Asked(
      String lane, String card, String plate, Money due, Money ownFee, Priced priced) {}

  /**
   * How the exit's fee was priced, to price it again with a voucher: what the camera saw, the time
   * of the quote, and whether the card was lost.
   */
  public record Priced(Sighting vehicle, Instant at, boolean lostCard) {}

  private final Currency currency;
  private final java.time.ZoneId zone;
  private final Ledger ledger;
  private final ModeControl modes;
  private final LaneModes laneModes;
  private final Incidents incidents;
  private final ExitSightings sightings;
  private final UnpaidBalances balances;
  private final Payments payments;
  private final EventLog events;
  private final PendingExits pending;
  private final ArrearsNotices arrearsElsewhere;

  public ExitDesk(SiteConfig site, Currency currency, Ledger ledger) {
    this.currency = currency;
    this.zone = site.zone();
    this.ledger = ledger;
    this.laneModes = new LaneModes(ledger);
    this.modes = new ModeControl(laneModes);
    this.incidents = new Incidents(ledger);
    this.sightings =
        new ExitSightings(
            new Sightings(ledger), incidents, new ExitChecks(site.checks().ticketSwapAfter()));
    this.balances = new UnpaidBalances(ledger);
    this.payments = new Payments(ledger);
    this.events = new EventLog(ledger);
    this.pending = new PendingExits(ledger);
    this.arrearsElsewhere = new ArrearsNotices(incidents, zone);
  }

  /**
   * From now on a plate at an exit that owes at another of the operator's car parks is flagged to
   * the cashier ({@code OWES_ELSEWHERE}), once per stay.
   */
  public void showArrearsFrom(ArrearsElsewhere arrears) {
    arrearsElsewhere.showFrom(arrears);
  }

  public ModeControl modes() {
    return modes;
  }

  public Incidents incidents() {
    return incidents;
  }

  /** Records an entry and, in the same transaction, what the camera saw of it if it was let in. */
  public LaneEvent entered(String lane, Sighting vehicle, Instant at, Supplier<LaneEvent> entry) {
    return ledger.atomically(
        () -> {
          LaneEvent result = entry.get();
          if (vehicle != null && result instanceof LaneEvent.EntryRecorded entered) {
            sightings.entered(entered.stayId(), lane, vehicle, at);
          }
          return result;
        });
  }

  /**
   * Settles the stay's exit on {@code quote}, the fee still due after what was paid for it (null
   * when a season card covers the stay); records what the camera saw and any incident it raises.
   */
  public LaneEvent quote(String lane, Stay stay, Sighting vehicle, Instant exit, FeeQuote quote) {
    return quote(lane, stay, vehicle, exit, quote, false);
  }

  /** As {@link #quote(String, Stay, Sighting, Instant, FeeQuote)}, for a lost card or not. */
  public LaneEvent quote(
      String lane, Stay stay, Sighting vehicle, Instant exit, FeeQuote quote, boolean lostCard) {
    return ledger.atomically(
        () -> {
          String plate = vehicle == null ? null : ExitChecks.plate(vehicle.plate());
          // Recorded after the fee, so a booth shows the incident over the vehicle's fee.
          List<ExitChecks.Finding> findings =
              vehicle == null ? List.of() : sightings.checkAgainstEntry(lane, stay, vehicle, exit);
          Money zero = Money.zero(currency);
          Money paid = payments.paidFor(stay.stayId(), currency);
          Money fee = fee(quote);
          Optional<LaneModes.Change> mode = modes.of(lane);
          if (mode.isPresent() && mode.get().mode() == LaneMode.FREE_EXIT) {
            if (fee.isPositive()) {
              laneModes.waive(stay.stayId(), lane, fee, mode.get().changeId(), exit);
            }
            pending.forget(stay.stayId());
            sightings.flag(lane, stay, plate, findings, exit);
            return new LaneEvent.ExitQuoted(stay.card(), stay.stayId(), zero);
          }
          List<UnpaidBalances.Balance> carried =
              plate == null
                  ? List.of()
                  : balances.outstanding(plate).stream()
                      .filter(
                          b ->
                              b.stayId() != stay.stayId() && b.amount().currency().equals(currency))
                      .toList();
          Money due =
              hold(
                  lane,
                  stay,
                  quote,
                  new PendingExit(
                      lane,
                      stay.card(),
                      plate,
                      fee,
                      paid,
                      List.copyOf(carried),
                      false,
                      new Priced(vehicle, exit, lostCard),
                      quote == null ? null : quote.tariff()),
                  exit);
          sightings.flag(lane, stay, plate, findings, exit);
          arrearsElsewhere.flag(lane, stay, plate, exit);
          return new LaneEvent.ExitQuoted(stay.card(), stay.stayId(), due);
        });
  }

  /**
   * Keeps what the lane asks for the stay: {@code held} with its fee ({@code quote}, null for none)
   * and the balances it carries added into its due; announces the due if there is one.
   */
  private Money hold(String lane, Stay stay, FeeQuote quote, PendingExit held, Instant now) {
    Money due = held.due();
    List<ConsoleEvent.FeeItem> items = new ArrayList<>();
    if (quote != null) {
      quote
          .lines()
          .forEach(
              l ->
                  items.add(
                      new ConsoleEvent.FeeItem(l.period(), l.rule(), l.quantity(), l.amount())));
    }
    for (UnpaidBalances.Balance b : held.carried()) {
      due = due.plus(b.amount());
      items.add(balanceLine(b));
    }
    pending.put(stay.stayId(), held.withDue(due));
    if (due.isPositive()) {
      Money owed = due;
      Instant exit = held.priced().at();
      events.recordEvent(
          lane,
          seq ->
              new ConsoleEvent.ExitPending(
                  seq,
                  now,
                  lane,
                  stay.stayId(),
                  stay.card(),
                  stay.enteredAt(),
                  exit,
                  owed,
                  items,
                  held.tariff()));
    }
    return due;
  }

  /**
   * The waiting stay's fee priced again ({@code quote}, with a voucher), in the caller's
   * transaction: the lane's due becomes the new fee plus the balances it carried, announced as a
   * new fee if any is left. Returns the new due.
   */
  public Money requote(long stayId, Stay stay, FeeQuote quote, Instant now) {
    PendingExit p = pending.waiting(stayId);
    PendingExit repriced = p.withDue(fee(quote)).withWaived(false);
    if (quote != null && quote.tariff() != null) {
      repriced = repriced.withTariff(quote.tariff());
    }
    return hold(p.lane(), stay, quote, repriced, now);
  }

  /**
   * The published tariff version that priced the fee the stay {@code stayId} waits to pay; null
   * when none did (nothing quoted, or a season card's cover).
   */
  public org.parkgate.fee.TariffRef tariffOf(long stayId) {
    PendingExit p = pending.get(stayId);
    return p == null ? null : p.tariff();
  }

  /** The fee on {@code quote}, none below zero; zero for none (a season card's cover). */
  private Money fee(FeeQuote quote) {
    Money zero = Money.zero(currency);
    return quote == null ? zero : quote.total().max(zero);
  }

  /**
   * Settles the balances the paid quote carried, in the payment's transaction: call with the
   * payment inside {@link Ledger#atomically}.
   */
  public Payment paid(Payment payment) {
    PendingExit p = pending.get(payment.stayId());
    if (p != null) {
      for (UnpaidBalances.Balance b : p.carried()) {
        balances.settle(b, payment.paymentId(), payment.paidAt());
      }
    }
    return payment;
  }

  /**
   * What the exit holding the stay asks, while its vehicle has not left. The quote is committed
   * (and announced to consoles) a moment before the lane itself takes it.
   */
  public Optional<Asked> asked(long stayId) {
    PendingExit p = pending.get(stayId);
    return p == null
        ? Optional.empty()
        : Optional.of(new Asked(p.lane(), p.card(), p.plate(), p.due(), p.ownFee(), p.priced()));
  }

  /**
   * This visit's fee is waived by an approved free pass, in the approval's transaction: the vehicle
   * leaves owing nothing new, and balances it carried from earlier visits stay against its plate.
   */
  public void waive(long stayId) {
    PendingExit p = pending.waiting(stayId);
    pending.put(stayId, p.withWaived(true));
  }

  /**
   * Whether what was paid for the stay since its exit was quoted covers that quote, or a free pass
   * waived it: the lane is about to lift, so a payment now would charge twice.
   */
  public boolean settled(long stayId) {
    PendingExit p = pending.get(stayId);
    if (p == null || !p.due().isPositive()) {
      return false;
    }
    if (p.waived()) {
      return true;
    }
    return paidSince(stayId, p).minor() >= p.due().minor();
  }

  /** What was paid for the stay since its exit was quoted. */
  private Money paidSince(long stayId, PendingExit p) {
    return payments.paidFor(stayId, p.due().currency()).minus(p.paidBefore());
  }

  /**
   * Closes the stay; if its vehicle left with money still due (barrier lifted by hand, a held-open
   * lane, a fault), records what it owes against its plate and a LEFT_UNPAID incident, in the same
   * transaction.
   */
  public void exited(String lane, long stayId, Instant at, Runnable recordExit) {
    ledger.atomically(
        () -> {
          recordExit.run();
          PendingExit p = pending.forget(stayId);
          if (p == null || !p.due().isPositive() || p.waived()) {
            return null;
          }
          Currency currency = p.due().currency();
          Money paidSince = paidSince(stayId, p);
          if (paidSince.minor() >= p.due().minor()) {
            return null;
          }
          Money own = p.ownFee().minus(paidSince).max(Money.zero(currency));
          String how =
              "left through " + lane + " in " + modes.mode(lane) + " mode owing " + p.due();
          String howZh = "经 " + lane + "（" + modes.mode(lane) + " 模式）欠费 " + p.due() + " 离场";
          if (p.plate() == null) {
            incidents.record(
                lane,
                IncidentKind.LEFT_UNPAID,
                p.card(),
                null,
                Said.of(
                    howZh + "；未识别车牌，欠费无法随车追缴",
                    how + "; no plate was read, so the balance cannot follow the vehicle"),
                at);
          } else {
            if (own.isPositive()) {
              balances.record(p.plate(), stayId, lane, own, how, at);
            }
            incidents.record(
                lane,
                IncidentKind.LEFT_UNPAID,
                p.card(),
                p.plate(),
                Said.of(howZh + "；该车牌下次出场时收取", how + "; charged at the plate's next exit"),
                at);
          }
          return null;
        });
  }

  /**
   * A stay closed other than through an exit lane (a supervisor's card reset), in that transaction:
   * a quote for it is no longer acted on.
   */
  public void closedElsewhere(long stayId) {
    pending.forget(stayId);
  }

  private ConsoleEvent.FeeItem balanceLine(UnpaidBalances.Balance b) {
    LocalDate day = LocalDate.ofInstant(b.at(), zone);
    return new ConsoleEvent.FeeItem(
        Said.of(
            "以前停车的欠费（" + day + "，" + b.lane() + "，停车记录 " + b.stayId() + "）",
            "unpaid from an earlier visit ("
                + day
                + ", "
                + b.lane()
                + ", stay "
                + b.stayId()
                + ")"),
        Said.of("欠费：车牌 " + b.plate(), "Unpaid balance · plate " + b.plate()),
        1,
        b.amount());
  }
}
