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

  /**
   * The cashier took the fee due ({@code amount}) for the stay waiting at an exit lane, by {@code
   * tender} (null: cash). For cash, {@code tendered} is what the driver handed over (null: exactly
   * the fee) and the controller works out the change; a bank card or mobile payment takes exactly
   * the fee and carries the terminal's or app's {@code reference}.
   */
  record RecordCashPayment(
      String requestId,
      String session,
      String lane,
      long stayId,
      Money amount,
      Tender tender,
      Money tendered,
      String reference)
      implements Acting {
    /** The fee taken in cash, exactly: the one-key payment. */
    public RecordCashPayment(
        String requestId, String session, String lane, long stayId, Money amount) {
      this(requestId, session, lane, stayId, amount, Tender.CASH, null, null);
    }
  }

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
   * A cashier starts a shift with the float ({@code cashFloat}, 备用金) counted into the drawer by
   * denomination. A cashier whose shift is still open carries on in it. Without a float the command
   * only asks: the open shift's figures, or a refusal ({@link Refusal#NOT_NOW}) when none is open.
   * No payment is taken from a cashier without an open shift.
   */
  record OpenShift(String requestId, String session, CashCount cashFloat) implements Acting {
    /** Asks for the person's open shift without opening one. */
    public OpenShift(String requestId, String session) {
      this(requestId, session, null);
    }
  }

  /**
   * A cashier hands over: the drawer is counted blind by denomination ({@code counted}, required),
   * their open shift closes and its report, with the cash expected against the cash counted, is
   * announced as {@link ConsoleEvent.ShiftClosed}. Refused when they have no open shift, and while
   * an incident raised since the shift opened is unresolved ({@link ResolveIncident}). {@code
   * cards} and {@code receipts} are the IC cards taken back and the receipt stubs counted, blind
   * like the cash (null: not counted); the report sets them against what the ledger expects.
   */
  record CloseShift(String requestId, String session, CashCount counted, Long cards, Long receipts)
      implements Acting {
    /** A close without a count: refused, since the drawer must be counted. */
    public CloseShift(String requestId, String session) {
      this(requestId, session, null);
    }

    /** A close with the cash counted but not the IC cards and receipts. */
    public CloseShift(String requestId, String session, CashCount counted) {
      this(requestId, session, counted, null, null);
    }
  }

  /**
   * Looks for a vehicle's open stay, by {@code plate} (a driver who lost the card) or by {@code
   * card}: exactly one of them. Reads only; the answer is {@link Answer.StaysFound}.
   */
  record FindStay(String requestId, String session, String plate, String card) implements Acting {}

  /**
   * The driver waiting at exit {@code lane} lost the card: the cashier registers the loss with the
   * driver's {@code form} (停车卡遗失登记表). {@code stayId} is the entry matched to the vehicle (found
   * with {@link FindStay}), or 0 when nothing matches: the fee is then the tariff's lost-card rule.
   * Either way the card replacement fee is added. Where the site requires it the release waits for
   * a supervisor's or finance's approval ({@link DecideLostCard}); otherwise, and once approved,
   * the fee is asked at that lane, announced as {@link ConsoleEvent.ExitPending} like any fee, and
   * taken with {@link RecordCashPayment}. Refused unless a vehicle waits at that exit with no card
   * being dealt with, and a matched stay is open.
   */
  record ReportLostCard(
      String requestId, String session, String lane, long stayId, LostCardForm form)
      implements Acting {}

  /**
   * A driver paid at a pay station before driving to the exit: the fee due now for the card's open
   * stay, taken by the person logged in at {@code station}. Within the tariff's exit grace the exit
   * then opens with nothing more to pay. {@code tender}, {@code tendered} and {@code reference} as
   * for {@link RecordCashPayment} (null tender: cash).
   */
  record PayStationPayment(
      String requestId,
      String session,
      String card,
      Money amount,
      String station,
      Tender tender,
      Money tendered,
      String reference)
      implements Acting {
    /** The fee taken in cash, exactly. */
    public PayStationPayment(
        String requestId, String session, String card, Money amount, String station) {
      this(requestId, session, card, amount, station, Tender.CASH, null, null);
    }
  }

  /**
   * The cashier takes {@code amount} of cash out of their drawer for deposit (缴款), recorded in
   * their open shift in their name. Past the site's drawer limit no more cash is taken until one is
   * recorded.
   */
  record RecordCashDrop(String requestId, String session, Money amount) implements Acting {}

  /**
   * The cashier asks a supervisor to let the vehicle waiting at {@code lane} (stay {@code stayId})
   * out without paying its fee, and says why. Nothing opens until a supervisor other than the one
   * asking approves it ({@link DecideFreePass}).
   */
  record AskFreePass(String requestId, String session, String lane, long stayId, String reason)
      implements Acting {}

  /**
   * A supervisor approves or refuses free pass {@code passNo}, from any console, with a note
   * (required when refusing), or at the cashier's booth with their own credentials ({@code
   * approver}, see {@link Countersigned}). An approval works once, only while that vehicle is still
   * waiting at its lane, and never by the person who asked.
   */
  record DecideFreePass(
      String requestId,
      String session,
      long passNo,
      boolean approve,
      String note,
      Approver approver,
      String source)
      implements Acting, Countersigned {
    /** Decided by the session's person, at their own console. */
    public DecideFreePass(
        String requestId, String session, long passNo, boolean approve, String note) {
      this(requestId, session, passNo, approve, note, null, null);
    }
  }

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

  /**
   * A supervisor or finance (as the site's {@code lostCard.approval} says) approves or refuses the
   * lost-card release {@code lostCardNo}, with a note (required when refusing). Decided once, only
   * while its vehicle still waits at the lane, and never by the person who registered it.
   */
  record DecideLostCard(
      String requestId, String session, long lostCardNo, boolean approve, String note)
      implements Acting {}

  /**
   * The lost-card register for the site's days {@code from} to {@code to}, both included (null:
   * today). Reads only; supervisors and finance. The answer is {@link Answer.LostCardRegister}.
   */
  record ListLostCards(
      String requestId, String session, java.time.LocalDate from, java.time.LocalDate to)
      implements Acting {}

  /**
   * An incident ({@code incidentNo}, as {@link ConsoleEvent.Incident} numbered it) resolved with a
   * note of 1-200 characters saying what was done; recorded in the name of the session's person,
   * once per incident. A shift cannot close while an incident raised since it opened is unresolved.
   */
  record ResolveIncident(String requestId, String session, long incidentNo, String note)
      implements Acting {}

  /**
   * Handover (交接班) at the booth: the outgoing cashier (the session's person) closes their shift
   * with the blind count of the drawer ({@code counted}), IC cards ({@code cards}) and receipts
   * ({@code receipts}), and the incoming cashier, typing {@code incomingUsername} and {@code
   * incomingPassword} at the same booth, recounts the drawer ({@code recounted}). The controller
   * checks the incoming password exactly as a login from {@code source} (the browser's address, as
   * for {@link Login}: same throttle and lockout); the two counts must agree note for note. The
   * incoming cashier's shift then opens with the counted cash as its float, and any difference
   * found later is theirs. The answer is {@link Answer.HandedOver}.
   */
  record HandOverShift(
      String requestId,
      String session,
      CashCount counted,
      Long cards,
      Long receipts,
      String incomingUsername,
      String incomingPassword,
      CashCount recounted,
      String source)
      implements Acting {
    /** Never prints the incoming password. */
    @Override
    public String toString() {
      return "HandOverShift[requestId="
          + requestId
          + ", counted="
          + counted
          + ", cards="
          + cards
          + ", receipts="
          + receipts
          + ", incomingUsername="
          + incomingUsername
          + ", recounted="
          + recounted
          + "]";
    }
  }

  /**
   * A copy of closed shift {@code shiftNo}'s report, marked 副本 COPY; the reprint is recorded before
   * the console prints. The answer is {@link Answer.ShiftReportCopy}.
   */
  record ReprintShiftReport(String requestId, String session, long shiftNo) implements Acting {}

  /**
   * The voucher register's newest batches, each with its codes used and voided, and the voucher
   * kinds the site's tariff accepts (what a batch may be issued as). Reads only; finance and
   * supervisors. The answer is {@link Answer.VoucherBatches}.
   */
  record ListVoucherBatches(String requestId, String session) implements Acting {}

  /**
   * Finance issues a batch of {@code count} single-use codes granting the tariff's voucher {@code
   * kind}, handed out by {@code issuer} (a merchant, the site office), valid on the site's days
   * {@code validFrom} to {@code validTo}, both included; {@code note} is optional. Who issued it
   * comes from the session. The answer, {@link Answer.VouchersIssued}, carries every code as
   * printed, and a retry with the same request id gets the same codes.
   */
  record IssueVouchers(
      String requestId,
      String session,
      String kind,
      String issuer,
      int count,
      java.time.LocalDate validFrom,
      java.time.LocalDate validTo,
      String note)
      implements Acting {}

  /**
   * One code looked up, typed in any case with or without dashes. Reads only; finance and
   * supervisors. The answer is {@link Answer.VoucherShown}.
   */
  record ShowVoucher(String requestId, String session, String code) implements Acting {}

  /**
   * Finance voids an unused code (lost, stolen) with a reason of 1-200 characters, so no exit
   * accepts it; once per code. The answer is {@link Answer.VoucherVoided}.
   */
  record VoidVoucher(String requestId, String session, String code, String reason)
      implements Acting {}

  /**
   * The exemption register for the site's days {@code from} to {@code to}, both included (null:
   * today): free passes asked with their decisions, and barriers lifted by hand. Reads only;
   * supervisors and finance. The answer is {@link Answer.ExemptionRegister}.
   */
  record ListExemptions(
      String requestId, String session, java.time.LocalDate from, java.time.LocalDate to)
      implements Acting {}

  /**
   * A finance report ({@link org.parkgate.report.ReportRequest}: kind, days and filters) computed
   * by the controller from its ledger. Reads only; the roles of the kind's {@link
   * org.parkgate.report.ReportKind#readers()} (finance and supervisors). A request the report
   * cannot be computed for (days backwards or over a year, a filter the kind does not take, an
   * unknown lane) is refused as invalid with its reason. The answer is {@link Answer.ReportShown}.
   */
  record ShowReport(String requestId, String session, org.parkgate.report.ReportRequest request)
      implements Acting {}

  /**
   * A page of a report's export, for a console writing the file as the rows arrive: with no {@code
   * cursor} the export starts (checked as {@link ShowReport} is) and the first page comes back;
   * with the {@code cursor} a page named, the rows after it. Every page of one export is read on
   * the same ledger snapshot, so the file is of one chain head whatever is written meanwhile; the
   * role is checked on every page, and only the person who started an export reads its pages. The
   * answer is {@link Answer.ReportPage}.
   */
  record ExportReportPage(
      String requestId, String session, org.parkgate.report.ReportRequest request, String cursor)
      implements Acting {}
}
