package org.parkgate.api;

import org.parkgate.money.Money;

/**
 * A request from a console. {@code requestId} is chosen by the console and unique per request:
 * repeating a command with the same id never repeats its effect (a retried payment is recorded
 * once) and gets the first result again.
 */
public sealed interface ConsoleCommand extends ApiMessage {
  String requestId();

  /**
   * The first message on a connection: who is calling and the last event sequence it has seen (0
   * for none). The controller answers with {@link Welcome}, then every event after it.
   */
  record Hello(String requestId, String consoleId, long afterSeq) implements ConsoleCommand {}

  /** The cashier took the fee due in cash for the stay waiting at an exit lane. */
  record RecordCashPayment(String requestId, String lane, long stayId, Money amount, String cashier)
      implements ConsoleCommand {}

  /**
   * A supervisor reverses the payment with {@code receiptNo}: a reversing entry with a reason, made
   * by someone other than the cashier who took it. The original payment stays on record.
   */
  record ReversePayment(String requestId, String receiptNo, String reason, String supervisor)
      implements ConsoleCommand {}

  /**
   * A supervisor sets a lane's mode (normal, held open, closed, free exit) with a reason; the
   * change is recorded with who and why.
   */
  record SetLaneMode(
      String requestId, String lane, org.parkgate.site.LaneMode mode, String reason, String by)
      implements ConsoleCommand {}

  /**
   * A supervisor clears a card's anti-passback state, for instance when a driver was let out by
   * hand, so the card can enter (or leave) once more.
   */
  record ResetPassback(String requestId, String card, String reason, String supervisor)
      implements ConsoleCommand {}

  /**
   * A cashier starts a shift (at login). Refused while they have a shift open; their first payment
   * opens one anyway.
   */
  record OpenShift(String requestId, String cashier) implements ConsoleCommand {}

  /**
   * A cashier hands over: their open shift closes and its report is announced as {@link
   * ConsoleEvent.ShiftClosed}. Refused when they have no open shift.
   */
  record CloseShift(String requestId, String cashier) implements ConsoleCommand {}

  /**
   * A cashier looks for a vehicle's open stay, by {@code plate} (a driver who lost the card) or by
   * {@code card}: exactly one of them. Reads only; the result names each stay found, newest first,
   * with its card, entry lane and time, what the entry camera saw and the fee due now with a lost
   * card.
   */
  record FindStay(String requestId, String plate, String card) implements ConsoleCommand {}

  /**
   * The driver waiting at exit {@code lane} lost the card of stay {@code stayId} (found with {@link
   * FindStay}): the controller records the loss, bars the card, and asks the lost-card fee at that
   * lane, announced as {@link ConsoleEvent.ExitPending} like any fee; the cashier then takes it
   * with {@link RecordCashPayment} and the barrier opens. Refused unless a vehicle waits at that
   * exit with no card being dealt with, and the stay is open.
   */
  record ReportLostCard(String requestId, String lane, long stayId, String cashier)
      implements ConsoleCommand {}

  /**
   * A driver paid at a pay station before driving to the exit: the fee due now for the card's open
   * stay, taken by {@code cashier} (the station's operator, or the station itself) at {@code
   * station}. Within the tariff's exit grace the exit then opens with nothing more to pay.
   */
  record PayStationPayment(
      String requestId, String card, Money amount, String cashier, String station)
      implements ConsoleCommand {}
}
