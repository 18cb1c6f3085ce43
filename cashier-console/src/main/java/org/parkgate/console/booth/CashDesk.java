package org.parkgate.console.booth;

import static org.parkgate.console.booth.DeskAnswers.forbidden;
import static org.parkgate.console.booth.DeskAnswers.notNow;
import static org.parkgate.console.booth.DeskAnswers.refused;
import static org.parkgate.console.booth.RequestChecks.INVALID_REQUEST_ID;
import static org.parkgate.console.booth.RequestChecks.reasonProblem;
import static org.parkgate.console.booth.RequestChecks.trimmed;
import static org.parkgate.console.booth.RequestChecks.validRequestId;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Tender;
import org.parkgate.console.auth.Session;
import org.parkgate.console.printer.ReceiptOutput;
import org.parkgate.console.printer.ReceiptPrint;
import org.parkgate.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money at the exit: turns "cash received" at the booth into a {@link
 * ConsoleCommand.RecordCashPayment} and prints its receipt, opens the drawer for "no sale",
 * reprints a receipt and sends a supervisor's reversal. The page names the request id, the stay and
 * the amount it showed; the console checks them against the exit actually waiting, so a stale page
 * never records a payment for the wrong car or amount. A retry with the same request id resends the
 * same command ({@link SentCommands}) and never prints twice.
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
  private final SentCommands sent;
  private final String siteName;
  private final ReceiptOutput output;
  private final PrintedOnce printed = new PrintedOnce(PRINTED_REMEMBERED);

  CashDesk(BrowserHub hub, SentCommands sent, String siteName, ReceiptOutput output) {
    this.hub = hub;
    this.sent = sent;
    this.siteName = siteName;
    this.output = output;
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
              if (r.ok() && r.answer() instanceof Answer.DrawerOpened d && printed.first(id)) {
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
              if (r.ok() && r.answer() instanceof Answer.ReceiptCopy c && printed.first(id)) {
                print(
                    new ReceiptPrint(
                        siteName,
                        c.lane(),
                        c.plate(),
                        c.card(),
                        c.enteredAt(),
                        c.paidAt(),
                        List.of(),
                        c.tariff(),
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

  /**
   * Prints the receipt of a payment the controller answered, with what the booth showed of the stay
   * ({@code exit}, null on a retry whose first answer was lost). Never fails the payment.
   */
  private CommandResult receipt(CommandResult r, ConsoleEvent.ExitPending exit) {
    if (r.ok() && r.answer() instanceof Answer.Receipt paid && printed.first(r.requestId())) {
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
              paid.tariff() != null || exit == null ? paid.tariff() : exit.tariff(),
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

  private void print(ReceiptPrint receipt) {
    try {
      output.receipt(receipt);
    } catch (RuntimeException e) {
      // A printer fault is the booth's alarm, never the payment's failure.
      log.error("booth: receipt {} not queued for printing", receipt.receiptNo(), e);
    }
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

  /** What the page sends when a supervisor reverses a receipt. */
  public record ReverseRequest(String requestId, String receiptNo, String reason) {}

  /** What the page sends for "no sale": open the drawer, with why. */
  public record DrawerRequest(String requestId, String reason) {}

  /** What the page sends to print a receipt again, as a copy. */
  public record ReprintRequest(String requestId, String receiptNo) {}
}
