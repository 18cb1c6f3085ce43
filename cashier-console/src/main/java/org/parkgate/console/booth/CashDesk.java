package org.parkgate.console.booth;

import static org.parkgate.console.booth.RequestChecks.INVALID_REQUEST_ID;
import static org.parkgate.console.booth.RequestChecks.cardProblem;
import static org.parkgate.console.booth.RequestChecks.exitLaneProblem;
import static org.parkgate.console.booth.RequestChecks.laneMode;
import static org.parkgate.console.booth.RequestChecks.laneProblem;
import static org.parkgate.console.booth.RequestChecks.modeProblem;
import static org.parkgate.console.booth.RequestChecks.normalPlate;
import static org.parkgate.console.booth.RequestChecks.plateProblem;
import static org.parkgate.console.booth.RequestChecks.reasonProblem;
import static org.parkgate.console.booth.RequestChecks.trimmed;
import static org.parkgate.console.booth.RequestChecks.validRequestId;

import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.parkgate.api.Answer;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.api.Tender;
import org.parkgate.console.auth.Session;
import org.parkgate.console.printer.ReceiptOutput;
import org.parkgate.console.printer.ReceiptPrint;
import org.parkgate.money.Money;
import org.parkgate.site.LaneMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns "cash received" at the booth into a {@link ConsoleCommand.RecordCashPayment}. The page
 * names the request id, the stay and the amount it showed; the console checks them against the exit
 * actually waiting, so a stale page never records a payment for the wrong car or amount. It also
 * sends a supervisor's reversals, lane modes and anti-passback resets, the booth's searches for a
 * vehicle's stay and its reports of a lost card at an exit, checked first by {@link RequestChecks};
 * a retry with the same request id resends the same command ({@link SentCommands}).
 *
 * <p>Every command carries the controller session of the person signed in at the page and no
 * person's name: the controller takes who acts from the session and checks the role and the
 * four-eyes rules itself. The role checks here only answer early, in the booth's words, for a key
 * the page should not have shown; the checks against what the page showed are the console's own.
 */
public final class CashDesk {
  private static final Logger log = LoggerFactory.getLogger(CashDesk.class);
  private static final int PRINTED_REMEMBERED = 256;

  private final BrowserHub hub;
  private final Function<ConsoleCommand, CompletableFuture<CommandResult>> controller;
  private final SentCommands sent;
  private final String siteName;
  private final ReceiptOutput output;
  private final ShiftDesk shifts;
  private final RegisterDesk registers;

  /** Request ids whose printout went to the printer: a retry's answer never prints twice. */
  private final Set<String> printed =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > PRINTED_REMEMBERED;
            }
          });

  public CashDesk(
      BrowserHub hub, Function<ConsoleCommand, CompletableFuture<CommandResult>> controller) {
    this(hub, controller, "", ReceiptOutput.NONE);
  }

  public CashDesk(
      BrowserHub hub,
      Function<ConsoleCommand, CompletableFuture<CommandResult>> controller,
      String siteName,
      ReceiptOutput output) {
    this.hub = hub;
    this.controller = controller;
    this.sent = new SentCommands(controller);
    this.siteName = siteName;
    this.output = output;
    this.shifts = new ShiftDesk(hub, controller, siteName, output);
    this.registers = new RegisterDesk(controller);
  }

  /** The voucher and exemption registers, for finance and supervisors. */
  public RegisterDesk registers() {
    return registers;
  }

  /** The booth's handovers, incident resolutions and shift reports. */
  public ShiftDesk shifts() {
    return shifts;
  }

  public CompletableFuture<CommandResult> cashReceived(Session cashier, CashRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(id, "只有收费员或主管可以收款 · Only cashiers and supervisors take cash");
    }
    // A retry: what was checked and sent the first time goes again, if it is this person's.
    Optional<CompletableFuture<CommandResult>> retry =
        sent.retry(id, cashier.token(), ConsoleCommand.RecordCashPayment.class);
    if (retry.isPresent()) {
      return retry.get().thenApply(r -> receipt(r, null));
    }
    Optional<ConsoleEvent.ExitPending> waiting =
        hub.pendingAt(request.lane() == null ? "" : request.lane());
    if (waiting.isEmpty() || waiting.get().stayId() != request.stayId()) {
      return notNow(id, "该车道没有这辆待缴费车辆 · No such vehicle waiting to pay at " + request.lane());
    }
    ConsoleEvent.ExitPending exit = waiting.get();
    Optional<Tender> tender =
        request.tender() == null || request.tender().isBlank()
            ? Optional.of(Tender.CASH)
            : Tender.of(request.tender());
    if (tender.isEmpty()) {
      return refused(
          id,
          "收款方式只有现金、银行卡或扫码支付 · Pay by cash, card or mobile, not "
              + RequestChecks.quoted(request.tender()));
    }
    Optional<String> badReference = tender.get().referenceProblem(request.reference());
    if (badReference.isPresent()) {
      return refused(id, badReference.get());
    }
    if (exit.due().minor() != request.dueMinor()) {
      return notNow(
          id,
          "应收金额已变为 "
              + BoothFormat.money(exit.due())
              + "，请核对后再收 · The amount due changed to "
              + BoothFormat.money(exit.due())
              + ", check and press again");
    }
    Money tendered =
        request.tenderedMinor() == null
            ? null
            : Money.of(request.tenderedMinor(), exit.due().currency());
    if (tendered != null && tender.get() == Tender.CASH && tendered.compareTo(exit.due()) < 0) {
      return refused(
          id,
          "实收 "
              + BoothFormat.money(tendered)
              + " 少于应收 "
              + BoothFormat.money(exit.due())
              + " · Tendered "
              + BoothFormat.money(tendered)
              + " is less than the "
              + BoothFormat.money(exit.due())
              + " due");
    }
    String reference = tender.get() == Tender.CASH ? null : request.reference().trim();
    return sent.sendOnce(
            new ConsoleCommand.RecordCashPayment(
                id,
                cashier.token(),
                exit.lane(),
                exit.stayId(),
                exit.due(),
                tender.get(),
                tendered,
                reference))
        .thenApply(r -> receipt(r, exit));
  }

  /**
   * "No sale" (开钱箱): the controller records the opening with its reason, and only then does the
   * drawer open. Cashiers and supervisors only; a reason of 1-200 characters is required.
   */
  public CompletableFuture<CommandResult> openDrawer(Session cashier, DrawerRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(id, "只有收费员或主管可以开钱箱 · Only cashiers and supervisors may open the drawer");
    }
    String reason = trimmed(request.reason());
    Optional<String> wrong =
        reasonProblem(reason, "请填写开钱箱原因 · Enter the reason for opening the drawer");
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    return sent.sendOnce(new ConsoleCommand.OpenDrawer(id, cashier.token(), reason))
        .thenApply(
            r -> {
              if (r.ok() && r.answer() instanceof Answer.DrawerOpened d && once(id)) {
                output.kickDrawer(d.openingNo());
              }
              return r;
            });
  }

  /**
   * Reprints a receipt, marked 副本 COPY: the controller records the reprint and answers with the
   * payment as its ledger holds it, which is what prints. Cashiers and supervisors only.
   */
  public CompletableFuture<CommandResult> reprint(Session cashier, ReprintRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(id, "只有收费员或主管可以补打收据 · Only cashiers and supervisors may reprint a receipt");
    }
    String receiptNo = trimmed(request.receiptNo());
    if (receiptNo.isEmpty()) {
      return refused(id, "请填写收据号 · Enter the receipt number");
    }
    if (receiptNo.length() > 64) {
      return refused(id, "收据号过长 · A receipt number is at most 64 characters");
    }
    return sent.sendOnce(new ConsoleCommand.ReprintReceipt(id, cashier.token(), receiptNo))
        .thenApply(
            r -> {
              if (r.ok() && r.answer() instanceof Answer.ReceiptCopy c && once(id)) {
                print(
                    new ReceiptPrint(
                        siteName,
                        c.lane(),
                        c.plate(),
                        c.card(),
                        c.enteredAt(),
                        c.paidAt(),
                        List.of(),
                        c.amount(),
                        null,
                        null,
                        Tender.of(c.method()).orElse(Tender.CASH),
                        c.cashier(),
                        c.receiptNo(),
                        link(c.ledgerLink()),
                        c.verificationCode(),
                        true));
              }
              return r;
            });
  }

  /**
   * Prints the receipt of a payment the controller answered, with what the booth showed of the stay
   * ({@code exit}, null on a retry whose first answer was lost). Never fails the payment.
   */
  private CommandResult receipt(CommandResult r, ConsoleEvent.ExitPending exit) {
    if (r.ok() && r.answer() instanceof Answer.Receipt paid && once(r.requestId())) {
      print(
          new ReceiptPrint(
              siteName,
              paid.lane(),
              paid.plate(),
              paid.card(),
              exit == null ? null : exit.entryAt(),
              paid.paidAt(),
              exit == null
                  ? List.of()
                  : exit.items().stream()
                      .map(
                          i ->
                              new ReceiptPrint.FeeItem(
                                  i.period(), i.rule(), i.quantity(), i.amount()))
                      .toList(),
              paid.amount(),
              paid.tendered(),
              paid.change(),
              paid.tender() == null ? Tender.CASH : paid.tender(),
              paid.cashier(),
              paid.receiptNo(),
              link(paid.ledgerLink()),
              paid.verificationCode(),
              false));
    }
    return r;
  }

  /** A ledger link as printed; null for none (0). */
  private static String link(long link) {
    return link > 0 ? Long.toString(link) : null;
  }

  private boolean once(String requestId) {
    synchronized (printed) {
      return printed.add(requestId);
    }
  }

  private void print(ReceiptPrint receipt) {
    try {
      output.receipt(receipt);
    } catch (RuntimeException e) {
      // A printer fault is the booth's alarm, never the payment's failure.
      log.error("booth: receipt {} not queued for printing", receipt.receiptNo(), e);
    }
  }

  /**
   * Sends a supervisor's reversal of a receipt. Only supervisors may reverse, and the supervisor is
   * the signed-in user, never a name the page chose; the controller refuses a supervisor reversing
   * a payment they took themselves. A retry with the same request id resends the same command.
   */
  public CompletableFuture<CommandResult> reverse(Session supervisor, ReverseRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(supervisor.role()).reverses()) {
      return forbidden(id, "只有主管可以冲正 · Only supervisors may reverse a receipt");
    }
    String receiptNo = trimmed(request.receiptNo());
    String reason = trimmed(request.reason());
    if (receiptNo.isEmpty()) {
      return refused(id, "请填写收据号 · Enter the receipt number");
    }
    if (reason.isEmpty()) {
      return refused(id, "请填写冲正原因 · Enter the reason for the reversal");
    }
    return sent.sendOnce(
        new ConsoleCommand.ReversePayment(id, supervisor.token(), receiptNo, reason));
  }

  /** Ends the person's controller session (logout, or a browser session the console ended). */
  public CompletableFuture<CommandResult> logout(Session session) {
    return controller.apply(
        new ConsoleCommand.Logout("logout-" + java.util.UUID.randomUUID(), session.token()));
  }

  /**
   * Asks the controller for the signed-in person's open shift and its figures (a page opening): the
   * answer is {@code shift-open}, or a refusal when none is open and the page asks for a float.
   */
  public CompletableFuture<CommandResult> askShift(Session cashier) {
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden("shift-ask", "只有收费员或主管有班次 · Only cashiers and supervisors have shifts");
    }
    return controller.apply(
        new ConsoleCommand.OpenShift(
            "shift-ask-" + java.util.UUID.randomUUID(), cashier.token(), null));
  }

  /**
   * Opens the signed-in person's shift with the float counted into the drawer by note and coin. A
   * shift still open carries on. The count is checked here (notes and coins of the site's currency,
   * whole counts of 0-10000) and again by the controller.
   */
  public CompletableFuture<CommandResult> openShift(
      Session cashier, String requestId, CountRequest count) {
    return counted(cashier, requestId, count, Said.of("备用金", "Float"))
        .map(c -> sent.sendOnce(new ConsoleCommand.OpenShift(requestId, cashier.token(), c)))
        .orElseGet(() -> countRefusal(cashier, requestId, count, Said.of("备用金", "Float")));
  }

  /**
   * Closes the signed-in user's open shift at handover (交接班) with the blind count of the drawer;
   * the report arrives as the answer and as an event. The cashier is the signed-in user, never a
   * name the page chose.
   */
  public CompletableFuture<CommandResult> closeShift(
      Session cashier, String requestId, CountRequest count) {
    return closeShift(cashier, requestId, count, null, null);
  }

  /**
   * Closes the shift as {@link #closeShift(Session, String, CountRequest)}, with the IC cards and
   * receipts counted (null: not counted), and prints the report the controller answers with.
   */
  public CompletableFuture<CommandResult> closeShift(
      Session cashier, String requestId, CountRequest count, Long cards, Long receipts) {
    return counted(cashier, requestId, count, Said.of("清点", "Count"))
        .map(
            c ->
                sent.sendOnce(
                        new ConsoleCommand.CloseShift(
                            requestId, cashier.token(), c, cards, receipts))
                    .thenApply(shifts::printed))
        .orElseGet(() -> countRefusal(cashier, requestId, count, Said.of("清点", "Count")));
  }

  /**
   * Records cash taken out of the signed-in person's drawer for deposit (缴款), {@code amountMinor}
   * in the site's currency, above 0; whether the drawer holds that much is the controller's call.
   */
  public CompletableFuture<CommandResult> cashDrop(Session cashier, CashDropRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(id, "只有收费员或主管可以缴款 · Only cashiers and supervisors drop cash");
    }
    if (request.amountMinor() == null || request.amountMinor() <= 0) {
      return refused(id, "缴款金额应大于 0 · A cash drop is an amount above 0");
    }
    return sent.sendOnce(
        new ConsoleCommand.RecordCashDrop(
            id, cashier.token(), Money.of(request.amountMinor(), siteCurrency())));
  }

  private Optional<CashCount> counted(
      Session cashier, String requestId, CountRequest count, String what) {
    if (!validRequestId(requestId) || !RoleKeys.of(cashier.role()).takesCash()) {
      return Optional.empty();
    }
    return countProblem(count, what).isPresent() ? Optional.empty() : Optional.of(count(count));
  }

  private CompletableFuture<CommandResult> countRefusal(
      Session cashier, String requestId, CountRequest count, String what) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(requestId, "只有收费员或主管有班次 · Only cashiers and supervisors have shifts");
    }
    return refused(requestId, countProblem(count, what).orElseThrow());
  }

  private Optional<String> countProblem(CountRequest count, String what) {
    if (count == null || count.pieces() == null) {
      return Optional.of(
          Said.of(
              Said.zh(what) + "：请按面额清点", Said.en(what) + ": count the drawer by note and coin"));
    }
    return count(count)
        .problem(siteCurrency())
        .map(p -> Said.after(Said.zh(what) + "：清点有误，", Said.en(what) + ": ", p));
  }

  private CashCount count(CountRequest count) {
    return new CashCount(siteCurrency().getCurrencyCode(), count.pieces());
  }

  private Currency siteCurrency() {
    return Currency.getInstance(hub.view().site().currency());
  }

  /**
   * Sends a supervisor's change of a lane's mode. Only supervisors may, the lane must be one of the
   * site's, the mode one of {@link LaneMode}'s and the reason given; the supervisor is the
   * signed-in user. Anything wrong is refused here, naming what, and nothing is sent.
   */
  public CompletableFuture<CommandResult> setLaneMode(Session supervisor, LaneModeRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(supervisor.role()).controlsLanes()) {
      return forbidden(id, "只有主管可以设置车道模式 · Only supervisors may set a lane's mode");
    }
    String lane = trimmed(request.lane());
    String reason = trimmed(request.reason());
    Optional<String> wrong =
        laneProblem(lane, hub)
            .or(() -> modeProblem(request.mode()))
            .or(() -> reasonProblem(reason, "请填写设置原因 · Enter the reason for the lane mode"));
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    LaneMode mode = laneMode(request.mode()).orElseThrow();
    return sent.sendOnce(
        new ConsoleCommand.SetLaneMode(id, supervisor.token(), lane, mode, reason));
  }

  /**
   * Sends a supervisor's reset of a card's anti-passback state (防潜回). Only supervisors may; the
   * card number (1-32 letters or digits) and a reason are required; the supervisor is the signed-in
   * user. A card that is inside has its stay closed by the controller.
   */
  public CompletableFuture<CommandResult> resetPassback(
      Session supervisor, PassbackResetRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(supervisor.role()).controlsLanes()) {
      return forbidden(id, "只有主管可以重置防潜回 · Only supervisors may reset a card's anti-passback");
    }
    String card = trimmed(request.card());
    if (card.isEmpty()) {
      return refused(id, "请填写卡号 · Enter the card number");
    }
    String reason = trimmed(request.reason());
    Optional<String> wrong =
        cardProblem(card)
            .or(() -> reasonProblem(reason, "请填写重置原因 · Enter the reason for the reset"));
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    return sent.sendOnce(new ConsoleCommand.ResetPassback(id, supervisor.token(), card, reason));
  }

  /**
   * Asks the controller for the open stay of a vehicle whose driver lost the card, by plate or by
   * card number: exactly one of the two. It reads only. Cashiers, supervisors and finance may ask.
   * The plate is sent as the controller compares it (upper case, without spaces, '-', '·' or '.'),
   * and refused here when it cannot be a plate, naming what is wrong; the controller still checks.
   */
  public CompletableFuture<CommandResult> findStay(Session user, FindStayRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(user.role()).findsStays()) {
      return forbidden(
          id, "只有收费员、主管或财务可以查找车辆 · Only cashiers, supervisors and finance may find a vehicle");
    }
    String plate = trimmed(request.plate());
    String card = trimmed(request.card());
    if (plate.isEmpty() && card.isEmpty()) {
      return refused(id, "请填写车牌或卡号 · Enter a plate or a card number");
    }
    if (!plate.isEmpty() && !card.isEmpty()) {
      return refused(id, "车牌和卡号只填一项 · Give a plate or a card number, not both");
    }
    if (!card.isEmpty()) {
      Optional<String> wrong = cardProblem(card);
      if (wrong.isPresent()) {
        return refused(id, wrong.get());
      }
      return sent.sendOnce(new ConsoleCommand.FindStay(id, user.token(), null, card));
    }
    String normal = normalPlate(plate);
    Optional<String> wrong = plateProblem(plate, normal);
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    return sent.sendOnce(new ConsoleCommand.FindStay(id, user.token(), normal, null));
  }

  /**
   * Tells the controller that the driver waiting at exit {@code lane} lost the card of stay {@code
   * stayId}, found with {@link #findStay}: it bars the card and asks the lost-card fee at that
   * lane, which the booth then shows and takes like any fee. Cashiers and supervisors only, the
   * people who take that fee; the cashier is the signed-in user. The lane must be one of the site's
   * exit lanes and the stay a positive number; whether a vehicle waits there is the controller's
   * call.
   */
  public CompletableFuture<CommandResult> reportLostCard(Session cashier, LostCardRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(
          id, "只有收费员或主管可以收遗失卡费 · Only cashiers and supervisors may charge a lost card");
    }
    String lane = trimmed(request.lane());
    Optional<String> wrong = exitLaneProblem(lane, hub);
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    if (request.stayId() < 0) {
      return refused(
          id,
          "停车记录号应为正整数，无匹配时为 0 · The stay number is a positive whole number, or 0 when"
              + " nothing matched, not "
              + request.stayId());
    }
    if (request.form() == null) {
      return refused(id, "请填写停车卡遗失登记表 · Fill in the lost-card registration form");
    }
    Optional<String> badForm = request.form().problem();
    if (badForm.isPresent()) {
      return refused(id, badForm.get());
    }
    return sent.sendOnce(
        new ConsoleCommand.ReportLostCard(
            id, cashier.token(), lane, request.stayId(), request.form().normal()));
  }

  /**
   * A supervisor's or finance's decision on lost card {@code lostCardNo}: approve, or refuse with a
   * note. Sent as {@link ConsoleCommand.DecideLostCard}; the controller decides who may.
   */
  public CompletableFuture<CommandResult> decideLostCard(
      Session approver, LostCardDecision request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (approver.role() != org.parkgate.api.Role.SUPERVISOR
        && approver.role() != org.parkgate.api.Role.FINANCE) {
      return forbidden(id, "只有主管或财务可以批准遗失卡 · Only supervisors and finance may decide a lost card");
    }
    if (request.lostCardNo() <= 0) {
      return refused(
          id,
          "遗失卡登记号应为正整数 · The lost card number is a positive whole number, not "
              + request.lostCardNo());
    }
    if (request.approve() == null) {
      return refused(id, "请选择批准或拒绝 · Choose approve or refuse");
    }
    String note = trimmed(request.note());
    if (note.length() > RequestChecks.MAX_REASON) {
      return refused(
          id,
          "备注最多 "
              + RequestChecks.MAX_REASON
              + " 个字 · The note is at most "
              + RequestChecks.MAX_REASON
              + " characters");
    }
    if (!request.approve() && note.isEmpty()) {
      return refused(id, "拒绝须填写备注 · Enter a note to refuse");
    }
    return sent.sendOnce(
        new ConsoleCommand.DecideLostCard(
            id,
            approver.token(),
            request.lostCardNo(),
            request.approve(),
            note.isEmpty() ? null : note));
  }

  /** The lost-card register for days {@code from} to {@code to} (null: today); reads only. */
  public CompletableFuture<CommandResult> listLostCards(
      Session reader, String requestId, java.time.LocalDate from, java.time.LocalDate to) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (reader.role() != org.parkgate.api.Role.SUPERVISOR
        && reader.role() != org.parkgate.api.Role.FINANCE) {
      return forbidden(
          requestId,
          "只有主管或财务可以查看遗失卡登记 · Only supervisors and finance may read the lost-card register");
    }
    return sent.sendOnce(new ConsoleCommand.ListLostCards(requestId, reader.token(), from, to));
  }

  /**
   * A voucher typed or scanned for the vehicle waiting at exit {@code lane}: sent as {@link
   * ConsoleCommand.ApplyVoucher} once the stay the page showed is the one still waiting. Whether
   * the code is in the register and unused is the controller's call. Cashiers and supervisors only.
   */
  public CompletableFuture<CommandResult> applyVoucher(Session cashier, VoucherRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(id, "只有收费员或主管可以使用优惠券 · Only cashiers and supervisors may apply a voucher");
    }
    Optional<CompletableFuture<CommandResult>> retry =
        sent.retry(id, cashier.token(), ConsoleCommand.ApplyVoucher.class);
    if (retry.isPresent()) {
      return retry.get();
    }
    String code = trimmed(request.code());
    Optional<String> wrong = RequestChecks.voucherCodeProblem(code);
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    Optional<ConsoleEvent.ExitPending> exit = waitingExit(request.lane(), request.stayId());
    if (exit.isEmpty()) {
      return notWaiting(id, request.lane());
    }
    return sent.sendOnce(
        new ConsoleCommand.ApplyVoucher(
            id, cashier.token(), exit.get().lane(), exit.get().stayId(), code));
  }

  /**
   * Asks a supervisor for a free pass (免费放行) for the vehicle waiting at exit {@code lane}, with a
   * reason: sent as {@link ConsoleCommand.AskFreePass}. Nothing opens until a supervisor other than
   * the one asking approves it. Cashiers and supervisors only.
   */
  public CompletableFuture<CommandResult> askFreePass(Session cashier, FreePassRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(
          id, "只有收费员或主管可以申请免费放行 · Only cashiers and supervisors may ask for a free pass");
    }
    Optional<CompletableFuture<CommandResult>> retry =
        sent.retry(id, cashier.token(), ConsoleCommand.AskFreePass.class);
    if (retry.isPresent()) {
      return retry.get();
    }
    String reason = trimmed(request.reason());
    Optional<String> wrong =
        reasonProblem(reason, "请填写免费放行原因 · Enter the reason for the free pass");
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    Optional<ConsoleEvent.ExitPending> exit = waitingExit(request.lane(), request.stayId());
    if (exit.isEmpty()) {
      return notWaiting(id, request.lane());
    }
    return sent.sendOnce(
        new ConsoleCommand.AskFreePass(
            id, cashier.token(), exit.get().lane(), exit.get().stayId(), reason));
  }

  /**
   * A supervisor's decision on free pass {@code passNo}: approve, or refuse with a note. Sent as
   * {@link ConsoleCommand.DecideFreePass}; the controller refuses the person who asked.
   */
  public CompletableFuture<CommandResult> decideFreePass(
      Session supervisor, FreePassDecision request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (request.atTheBooth()) {
      if (!RoleKeys.of(supervisor.role()).takesCash()) {
        return forbidden(
            id, "只有收费亭可以请主管在此批准 · Only a booth's cashier asks a supervisor to approve here");
      }
      if (request.approverUsername() == null
          || request.approverUsername().isBlank()
          || request.approverPassword() == null
          || request.approverPassword().isEmpty()) {
        return refused(id, "请主管输入用户名和密码 · The supervisor types their user name and password");
      }
    } else if (!RoleKeys.of(supervisor.role()).reverses()) {
      return forbidden(id, "只有主管可以批准免费放行 · Only supervisors may decide a free pass");
    }
    if (request.passNo() <= 0) {
      return refused(
          id,
          "免费放行号应为正整数 · The free pass number is a positive whole number, not " + request.passNo());
    }
    if (request.approve() == null) {
      return refused(id, "请选择批准或拒绝 · Choose approve or refuse");
    }
    String note = trimmed(request.note());
    if (note.length() > RequestChecks.MAX_REASON) {
      return refused(
          id,
          "备注最多 "
              + RequestChecks.MAX_REASON
              + " 个字 · The note is at most "
              + RequestChecks.MAX_REASON
              + " characters");
    }
    if (!request.approve() && note.isEmpty()) {
      return refused(id, "拒绝须填写备注 · Enter a note to refuse a free pass");
    }
    return sent.sendOnce(
        new ConsoleCommand.DecideFreePass(
            id,
            supervisor.token(),
            request.passNo(),
            request.approve(),
            note.isEmpty() ? null : note,
            request.atTheBooth()
                ? new ConsoleCommand.Approver(
                    request.approverUsername().strip(), request.approverPassword())
                : null,
            request.atTheBooth() ? request.source() : null));
  }

  /**
   * Lifts the barrier of exit {@code lane} by hand (手动抬杆) for the vehicle the page showed waiting
   * there, with a required reason: sent as {@link ConsoleCommand.LiftBarrier}. What the vehicle
   * owed stays owed. Cashiers and supervisors only.
   */
  public CompletableFuture<CommandResult> liftBarrier(Session cashier, LiftRequest request) {
    String id = request.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden(id, "只有收费员或主管可以手动抬杆 · Only cashiers and supervisors may lift the barrier");
    }
    Optional<CompletableFuture<CommandResult>> retry =
        sent.retry(id, cashier.token(), ConsoleCommand.LiftBarrier.class);
    if (retry.isPresent()) {
      return retry.get();
    }
    String reason = trimmed(request.reason());
    Optional<String> wrong =
        reasonProblem(reason, "请填写手动抬杆原因 · Enter the reason for lifting the barrier");
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    Optional<ConsoleEvent.ExitPending> exit = waitingExit(request.lane(), request.stayId());
    if (exit.isEmpty()) {
      return notWaiting(id, request.lane());
    }
    return sent.sendOnce(
        new ConsoleCommand.LiftBarrier(id, cashier.token(), exit.get().lane(), reason));
  }

  /** The exit waiting at {@code lane}, if it is the stay the page showed. */
  private Optional<ConsoleEvent.ExitPending> waitingExit(String lane, long stayId) {
    return hub.pendingAt(trimmed(lane)).filter(e -> e.stayId() == stayId);
  }

  private static CompletableFuture<CommandResult> notWaiting(String id, String lane) {
    return notNow(id, "该车道没有这辆待缴费车辆 · No such vehicle waiting to pay at " + trimmed(lane));
  }

  /** Something the page sent cannot be sent on as it is. */
  private static CompletableFuture<CommandResult> refused(String id, String why) {
    return CompletableFuture.completedFuture(CommandResult.refused(id, Refusal.INVALID, why));
  }

  /**
   * The role may not do this: an early friendly answer for a page that should not have shown the
   * key. The controller refuses such a command by itself as well.
   */
  private static CompletableFuture<CommandResult> forbidden(String id, String why) {
    return CompletableFuture.completedFuture(CommandResult.refused(id, Refusal.FORBIDDEN, why));
  }

  /** The page is out of date: what it showed is no longer what waits at the lane. */
  private static CompletableFuture<CommandResult> notNow(String id, String why) {
    return CompletableFuture.completedFuture(CommandResult.refused(id, Refusal.NOT_NOW, why));
  }

  /**
   * What the page sends when the cashier takes the fee: {@code tender} ("cash", "card", "mobile";
   * blank for cash), {@code tenderedMinor} what the driver handed over (null: exactly the fee) and
   * the card terminal's or payment app's {@code reference}.
   */
  public record CashRequest(
      String requestId,
      String lane,
      long stayId,
      long dueMinor,
      String tender,
      Long tenderedMinor,
      String reference) {
    /** Exact cash, the one key. */
    public CashRequest(String requestId, String lane, long stayId, long dueMinor) {
      this(requestId, lane, stayId, dueMinor, null, null, null);
    }
  }

  /** What the page sends to drop cash for deposit: the amount in minor units. */
  public record CashDropRequest(String requestId, Long amountMinor) {}

  /** A drawer counted on the page: pieces of each note and coin of the site's currency. */
  public record CountRequest(List<CashCount.Pieces> pieces) {}

  /** What the page sends when a supervisor reverses a receipt. */
  public record ReverseRequest(String requestId, String receiptNo, String reason) {}

  /** What the page sends when a supervisor sets a lane's mode ({@code mode}: a LaneMode name). */
  public record LaneModeRequest(String requestId, String lane, String mode, String reason) {}

  /** What the page sends to find a vehicle's open stay: a plate or a card number, not both. */
  public record FindStayRequest(String requestId, String plate, String card) {}

  /** What the page sends to charge a lost card: the stay found, at the exit where it waits. */
  public record LostCardRequest(
      String requestId, String lane, long stayId, org.parkgate.api.LostCardForm form) {}

  /** What the page sends to decide a lost card; {@code approve} null when not chosen. */
  public record LostCardDecision(String requestId, long lostCardNo, Boolean approve, String note) {}

  /** What the page sends for "no sale": open the drawer, with why. */
  public record DrawerRequest(String requestId, String reason) {}

  /** What the page sends to print a receipt again, as a copy. */
  public record ReprintRequest(String requestId, String receiptNo) {}

  /** What the page sends to apply a voucher to the stay it showed waiting at an exit. */
  public record VoucherRequest(String requestId, String lane, long stayId, String code) {}

  /** What the page sends to ask a free pass for the stay it showed waiting at an exit. */
  public record FreePassRequest(String requestId, String lane, long stayId, String reason) {}

  /** What the page sends when a supervisor approves or refuses a free pass. */
  public record FreePassDecision(
      String requestId,
      long passNo,
      Boolean approve,
      String note,
      String approverUsername,
      String approverPassword,
      String source) {
    /** Decided by the signed-in supervisor at their own page. */
    public FreePassDecision(String requestId, long passNo, Boolean approve, String note) {
      this(requestId, passNo, approve, note, null, null, null);
    }

    /** A supervisor typing their own credentials at the cashier's booth. */
    boolean atTheBooth() {
      return approverUsername != null || approverPassword != null;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
      return "FreePassDecision[" + requestId + ", pass " + passNo + ", approve " + approve + "]";
    }
  }

  /** What the page sends to lift an exit's barrier by hand for the stay it showed waiting. */
  public record LiftRequest(String requestId, String lane, long stayId, String reason) {}

  /** What the page sends when a supervisor resets a card's anti-passback state. */
  public record PassbackResetRequest(String requestId, String card, String reason) {}
}
