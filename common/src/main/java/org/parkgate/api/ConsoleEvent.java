package org.parkgate.api;

import java.time.Instant;
import java.util.List;
import org.parkgate.fee.TariffRef;
import org.parkgate.money.Money;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.IncidentKind;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

/**
 * Something that happened on the site, pushed to every console. {@code seq} increases by one for
 * each event the controller records, so a console that reconnects asks for what it missed.
 */
public sealed interface ConsoleEvent extends ApiMessage {
  long seq();

  Instant at();

  String lane();

  /**
   * A lane's state changed: its barrier, loops, lane state machine and driver display, and the mode
   * it obeys.
   */
  record LaneStatus(
      long seq,
      Instant at,
      String lane,
      LaneKind kind,
      LaneState state,
      BarrierPosition barrier,
      boolean vehiclePresent,
      List<String> display,
      LaneMode mode)
      implements ConsoleEvent {
    public LaneStatus {
      display = List.copyOf(display);
    }
  }

  /** A casual parker entered: a card was issued and the stay opened. */
  record EntryRecorded(long seq, Instant at, String lane, long stayId, String card)
      implements ConsoleEvent {}

  /**
   * A vehicle waits at an exit with a fee due; the cashier collects it. {@code tariff} is the
   * published tariff version that priced the fee (null when none did: balances carried only).
   */
  record ExitPending(
      long seq,
      Instant at,
      String lane,
      long stayId,
      String card,
      Instant entryAt,
      Instant exitAt,
      Money due,
      List<FeeItem> items,
      TariffRef tariff)
      implements ConsoleEvent {
    public ExitPending {
      items = List.copyOf(items);
    }
  }

  /** A payment is durably recorded; the barrier lifts next. */
  record PaymentRecorded(
      long seq,
      Instant at,
      String lane,
      long stayId,
      String card,
      Money amount,
      String receiptNo,
      String cashier)
      implements ConsoleEvent {}

  /**
   * A supervisor reversed the payment with {@code receiptNo}. {@code amount} is what that payment
   * took (positive); {@code lane} is the lane it was taken at.
   */
  record PaymentReversed(
      long seq,
      Instant at,
      String lane,
      String receiptNo,
      Money amount,
      String supervisor,
      String reason)
      implements ConsoleEvent {}

  /** The vehicle cleared the exit and the stay closed. */
  record VehicleLeft(long seq, Instant at, String lane, long stayId, String card)
      implements ConsoleEvent {}

  /** A device went offline or came back. */
  record DeviceStatus(
      long seq, Instant at, String lane, String device, boolean online, String detail)
      implements ConsoleEvent {}

  /** A card presented at a lane that the lane cannot accept, and why. */
  record CardRejected(long seq, Instant at, String lane, String card, String reason)
      implements ConsoleEvent {}

  /**
   * Cheating or a fault, flagged at a lane and kept for finance. {@code card} and {@code plate} are
   * null when unknown. {@code incidentNo} is the number a booth resolves it by ({@link
   * ConsoleCommand.ResolveIncident}); null in events recorded before incidents were resolved.
   */
  record Incident(
      long seq,
      Instant at,
      String lane,
      IncidentKind kind,
      String card,
      String plate,
      String detail,
      Long incidentNo)
      implements ConsoleEvent {}

  /** A supervisor changed a lane's mode, and why. */
  record LaneModeChanged(long seq, Instant at, String lane, LaneMode mode, String by, String reason)
      implements ConsoleEvent {}

  /**
   * Spaces free on the site after a vehicle entered or left; {@code byClass} holds the classes that
   * have their own capacity. {@code lane} is the lane that changed it.
   */
  record Occupancy(
      long seq, Instant at, String lane, int free, java.util.Map<String, Integer> byClass)
      implements ConsoleEvent {
    public Occupancy {
      byClass = java.util.Map.copyOf(byClass);
    }
  }

  /** A supervisor cleared a card's anti-passback state (it may now enter or leave once). */
  record PassbackReset(
      long seq, Instant at, String lane, String card, String supervisor, String reason)
      implements ConsoleEvent {}

  /**
   * A cashier closed their shift at handover: what was taken and reversed in it, per currency, the
   * receipts range, and the ledger chain head when it closed. {@code lane} is null (a shift is the
   * cashier's, not a lane's); {@code at} is the closing time. The float, the cash expected and
   * counted, their variance and the takings by tender are null (empty) for shifts closed before
   * drawers were counted.
   */
  record ShiftClosed(
      long seq,
      Instant at,
      String lane,
      long shiftNo,
      String cashier,
      Instant openedAt,
      long payments,
      String firstReceipt,
      String lastReceipt,
      long reversals,
      List<ShiftTotal> totals,
      long chainLink,
      String chainHead,
      Money cashFloat,
      Money expectedCash,
      Money countedCash,
      Money variance,
      List<ShiftFigures.TenderTotal> byTender)
      implements ConsoleEvent {
    public ShiftClosed {
      totals = List.copyOf(totals);
      byTender = byTender == null ? List.of() : List.copyOf(byTender);
    }
  }

  /**
   * A cashier asked for the vehicle waiting at {@code lane} to leave free: every supervisor's
   * console shows it until it is decided. {@code fee} is this visit's fee the pass would waive;
   * {@code plate} is null when the exit camera read none.
   */
  record FreePassAsked(
      long seq,
      Instant at,
      String lane,
      long passNo,
      long stayId,
      String card,
      String plate,
      Money fee,
      String reason,
      String askedBy)
      implements ConsoleEvent {}

  /**
   * Free pass {@code passNo} approved (the barrier lifts next and {@code fee} is waived) or
   * refused, by {@code decidedBy}, with their note (null when none).
   */
  record FreePassDecided(
      long seq,
      Instant at,
      String lane,
      long passNo,
      long stayId,
      boolean approved,
      Money fee,
      String askedBy,
      String decidedBy,
      String note)
      implements ConsoleEvent {}

  /**
   * A voucher used for the vehicle waiting at {@code lane}: {@code code} as printed, the tariff's
   * voucher it grants ({@code kind}), who issued it, and the exit's due before and after it.
   */
  record VoucherRedeemed(
      long seq,
      Instant at,
      String lane,
      long stayId,
      String code,
      String kind,
      String issuer,
      Money dueBefore,
      Money dueAfter,
      String cashier)
      implements ConsoleEvent {}

  /**
   * A barrier lifted by hand from a booth: by whom and why, and the stay of the vehicle let out (0
   * when its card was never read) with what it owed then (null when nothing was asked).
   */
  record BarrierLifted(
      long seq,
      Instant at,
      String lane,
      long liftNo,
      long stayId,
      Money due,
      String reason,
      String by)
      implements ConsoleEvent {}

  /**
   * A lost card registered at {@code lane}: every console shows it, and a supervisor's or finance's
   * while it waits for them. It carries the vehicle and the fee, not the driver's personal details,
   * which stay in the register.
   */
  record LostCardRegistered(
      long seq,
      Instant at,
      String lane,
      long lostCardNo,
      long stayId,
      String plate,
      String entryPlate,
      String exitPlate,
      String vehicleClass,
      String colour,
      Money parkingFee,
      Money replacementFee,
      Money due,
      LostCardStatus status,
      String registeredBy)
      implements ConsoleEvent {}

  /** Lost card {@code lostCardNo} approved (its fee is asked next) or refused, and by whom. */
  record LostCardDecided(
      long seq,
      Instant at,
      String lane,
      long lostCardNo,
      long stayId,
      boolean approved,
      Money due,
      String registeredBy,
      String decidedBy,
      String note)
      implements ConsoleEvent {}

  /** Incident {@code incidentNo} at {@code lane} resolved by {@code by} with a note. */
  record IncidentResolved(
      long seq, Instant at, String lane, long incidentNo, String note, String by)
      implements ConsoleEvent {}

  /**
   * Shift {@code closedShiftNo} of {@code from} handed over at the booth to {@code to}, whose shift
   * {@code openedShiftNo} opened with {@code cashFloat}, the cash both counted. {@code lane} is
   * null.
   */
  record ShiftHandedOver(
      long seq,
      Instant at,
      String lane,
      long closedShiftNo,
      String from,
      String to,
      long openedShiftNo,
      Money cashFloat)
      implements ConsoleEvent {}

  /** One currency's takings in a shift; {@code reversed} is negative or zero. */
  record ShiftTotal(long payments, Money paid, long reversals, Money reversed) {}

  /** One line of a fee's explanation, as shown to cashier and driver. */
  record FeeItem(String period, String rule, long quantity, Money amount) {}
}
