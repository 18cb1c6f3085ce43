package org.parkgate.api;

import org.parkgate.money.Money;
import org.parkgate.site.LaneMode;

/**
 * A request from a console. {@code requestId} is chosen by the console and unique per request: the
 * controller keeps every request id in its ledger with the first result, so repeating a command
 * with the same id, even after a restart of console or controller, never repeats its effect (a
 * retried payment is recorded once) and gets the first result again.
 *
 * <p>A console first says {@link Hello} with its enrolled credential; the controller refuses every
 * other message until it has. A person then logs in through the console ({@link Login}) and every
 * command done for them carries the session the controller returned ({@link Acting#session()}): the
 * controller takes who acts from that session and checks the role itself. Commands carry no names
 * of people.
 */
public sealed interface ConsoleCommand extends ApiMessage {
  String requestId();

  /** A command done for a logged-in person. */
  sealed interface Acting extends ConsoleCommand {
    /** The session returned by {@link Login}. */
    String session();
  }

  /**
   * The first message on a connection: the console's enrolled id and credential, and the last event
   * sequence it has seen (0 for none). The controller answers with {@link Welcome}, then every
   * event after it; an unknown or disabled console, or a wrong credential, is refused and
   * disconnected.
   */
  record Hello(String requestId, String consoleId, String credential, long afterSeq)
      implements ConsoleCommand {}

  /**
   * A person logs in at the console. {@code source} is where the person is (the browser's address
   * as the console saw it): wrong passwords slow down that source, not the account. The answer is
   * {@link Answer.LoggedIn}.
   */
  record Login(String requestId, String username, String password, String source)
      implements ConsoleCommand {}

  /** The person ends their session. */
  record Logout(String requestId, String session) implements Acting {}

  /** The cashier took the fee due in cash for the stay waiting at an exit lane. */
  record RecordCashPayment(String requestId, String session, String lane, long stayId, Money amount)
      implements Acting {}

  /**
   * A supervisor reverses the payment with {@code receiptNo}: a reversing entry with a reason, made
   * by someone other than the cashier who took it. The original payment stays on record.
   */
  record ReversePayment(String requestId, String session, String receiptNo, String reason)
      implements Acting {}

  /**
   * A supervisor sets a lane's mode (normal, held open, closed, free exit) with a reason; the
   * change is recorded with who and why.
   */
  record SetLaneMode(String requestId, String session, String lane, LaneMode mode, String reason)
      implements Acting {}

  /**
   * A supervisor clears a card's anti-passback state, for instance when a driver was let out by
   * hand, so the card can enter (or leave) once more.
   */
  record ResetPassback(String requestId, String session, String card, String reason)
      implements Acting {}

  /**
   * A cashier starts a shift (at login). A cashier whose shift is still open carries on in it;
   * their first payment opens one anyway.
   */
  record OpenShift(String requestId, String session) implements Acting {}

  /**
   * A cashier hands over: their open shift closes and its report is announced as {@link
   * ConsoleEvent.ShiftClosed}. Refused when they have no open shift.
   */
  record CloseShift(String requestId, String session) implements Acting {}

  /**
   * Looks for a vehicle's open stay, by {@code plate} (a driver who lost the card) or by {@code
   * card}: exactly one of them. Reads only; the answer is {@link Answer.StaysFound}.
   */
  record FindStay(String requestId, String session, String plate, String card) implements Acting {}

  /**
   * The driver waiting at exit {@code lane} lost the card of stay {@code stayId} (found with {@link
   * FindStay}): the controller records the loss, bars the card, and asks the lost-card fee at that
   * lane, announced as {@link ConsoleEvent.ExitPending} like any fee; the cashier then takes it
   * with {@link RecordCashPayment} and the barrier opens. Refused unless a vehicle waits at that
   * exit with no card being dealt with, and the stay is open.
   */
  record ReportLostCard(String requestId, String session, String lane, long stayId)
      implements Acting {}

  /**
   * A driver paid at a pay station before driving to the exit: the fee due now for the card's open
   * stay, taken by the person logged in at {@code station}. Within the tariff's exit grace the exit
   * then opens with nothing more to pay.
   */
  record PayStationPayment(
      String requestId, String session, String card, Money amount, String station)
      implements Acting {}

  /**
   * The cashier asks a supervisor to let the vehicle waiting at {@code lane} (stay {@code stayId})
   * out without paying its fee, and says why. Nothing opens until a supervisor other than the one
   * asking approves it ({@link DecideFreePass}).
   */
  record AskFreePass(String requestId, String session, String lane, long stayId, String reason)
      implements Acting {}

  /**
   * A supervisor approves or refuses free pass {@code passNo}, from any console, with a note
   * (required when refusing). An approval works once, only while that vehicle is still waiting at
   * its lane, and never by the person who asked.
   */
  record DecideFreePass(String requestId, String session, long passNo, boolean approve, String note)
      implements Acting {}

  /**
   * A voucher typed or scanned at the booth for the vehicle waiting at {@code lane}: a code from
   * the voucher register, used once. The exit's fee is priced again with it; what is left is due,
   * and the barrier lifts if nothing is.
   */
  record ApplyVoucher(String requestId, String session, String lane, long stayId, String code)
      implements Acting {}

  /**
   * The barrier of exit {@code lane} lifted by hand from the booth for the vehicle waiting there (a
   * fault, a driver who cannot pay), with a reason; recorded with who did it. What the vehicle owed
   * stays owed against its plate.
   */
  record LiftBarrier(String requestId, String session, String lane, String reason)
      implements Acting {}

  /** A supervisor or admin lets a locked account log in again. */
  record UnlockUser(String requestId, String session, String username) implements Acting {}

  /**
   * "No sale": the cashier opens the cash drawer without a payment, with a reason (change for the
   * float, a cash drop). Recorded before the console kicks the drawer; the answer is {@link
   * Answer.DrawerOpened}.
   */
  record OpenDrawer(String requestId, String session, String reason) implements Acting {}

  /**
   * A copy of the receipt of a recorded payment, marked as a copy. The reprint is recorded before
   * the console prints; the answer, {@link Answer.ReceiptCopy}, carries the payment as the ledger
   * holds it.
   */
  record ReprintReceipt(String requestId, String session, String receiptNo) implements Acting {}
}
