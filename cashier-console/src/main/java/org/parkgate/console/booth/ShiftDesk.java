package org.parkgate.console.booth;

import static org.parkgate.console.booth.DeskAnswers.forbidden;
import static org.parkgate.console.booth.DeskAnswers.refused;
import static org.parkgate.console.booth.RequestChecks.INVALID_REQUEST_ID;
import static org.parkgate.console.booth.RequestChecks.trimmed;
import static org.parkgate.console.booth.RequestChecks.validRequestId;

import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.parkgate.api.Answer;
import org.parkgate.api.CashCount;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.api.ShiftSheet;
import org.parkgate.console.auth.Session;
import org.parkgate.console.printer.ReceiptOutput;
import org.parkgate.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's shift: opened with the float counted into the drawer, cash dropped for deposit,
 * closed with a blind count, and its end: handover (交接班) to an incoming cashier who types their own
 * user name and password at this booth, incidents resolved with a note, and the shift report
 * printed when a shift closes and again on request (副本 COPY). Checks here answer early in the
 * booth's words; the controller decides, and takes the outgoing cashier from the session, the
 * incoming from their password.
 *
 * <p>The incoming password goes to the controller in the one command and is kept nowhere: a
 * handover is sent straight on, not through the console's retry memory, and a retry with the same
 * request id after a refusal carries the password typed again.
 */
public final class ShiftDesk {
  private static final Logger log = LoggerFactory.getLogger(ShiftDesk.class);
  private static final int MAX_NOTE = 200;
  private static final int PRINTED_REMEMBERED = 64;

  private static final String NO_SHIFT = "只有收费员或主管有班次 · Only cashiers and supervisors have shifts";
  private static final String FLOAT = Said.of("备用金", "Float");
  private static final String COUNT = Said.of("清点", "Count");

  private final BrowserHub hub;
  private final Function<ConsoleCommand, CompletableFuture<CommandResult>> controller;
  private final SentCommands sent;
  private final String siteName;
  private final ReceiptOutput output;
  private final PrintedOnce printed = new PrintedOnce(PRINTED_REMEMBERED);

  ShiftDesk(
      BrowserHub hub,
      Function<ConsoleCommand, CompletableFuture<CommandResult>> controller,
      SentCommands sent,
      String siteName,
      ReceiptOutput output) {
    this.hub = hub;
    this.controller = controller;
    this.sent = sent;
    this.siteName = siteName;
    this.output = output;
  }

  /**
   * Asks the controller for the signed-in person's open shift and its figures (a page opening): the
   * answer is {@code shift-open}, or a refusal when none is open and the page asks for a float.
   */
  public CompletableFuture<CommandResult> askShift(Session cashier) {
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return forbidden("shift-ask", NO_SHIFT);
    }
    return controller.apply(
        new ConsoleCommand.OpenShift("shift-ask-" + UUID.randomUUID(), cashier.token(), null));
  }

  /**
   * Opens the signed-in person's shift with the float counted into the drawer by note and coin. A
   * shift still open carries on. The count is checked here (notes and coins of the site's currency,
   * whole counts of 0-10000) and again by the controller.
   */
  public CompletableFuture<CommandResult> openShift(
      Session cashier, String requestId, CountRequest count) {
    Optional<CompletableFuture<CommandResult>> refusal =
        countRefusal(cashier, requestId, count, FLOAT);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return sent.sendOnce(
        new ConsoleCommand.OpenShift(requestId, cashier.token(), count(count.pieces())));
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
    Optional<CompletableFuture<CommandResult>> refusal =
        countRefusal(cashier, requestId, count, COUNT);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return sent.sendOnce(
            new ConsoleCommand.CloseShift(
                requestId, cashier.token(), count(count.pieces()), cards, receipts))
        .thenApply(this::printed);
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
            id, cashier.token(), Money.of(request.amountMinor(), currency())));
  }

  /** Why a shift may not open or close with this count, if anything is wrong. */
  private Optional<CompletableFuture<CommandResult>> countRefusal(
      Session cashier, String requestId, CountRequest count, String what) {
    if (!validRequestId(requestId)) {
      return Optional.of(refused(requestId, INVALID_REQUEST_ID));
    }
    if (!RoleKeys.of(cashier.role()).takesCash()) {
      return Optional.of(forbidden(requestId, NO_SHIFT));
    }
    return countProblem(count == null ? null : count.pieces(), what)
        .map(problem -> refused(requestId, problem));
  }

  /**
   * What the page sends for a handover; counts as the pieces typed (null: none sent); {@code
   * source} is the browser's address, where wrong passwords slow down as wrong logins do.
   */
  public record HandoverRequest(
      String requestId,
      List<CashCount.Pieces> counted,
      Long cards,
      Long receipts,
      String incomingUsername,
      String incomingPassword,
      List<CashCount.Pieces> recounted,
      String source) {
    /** Never shows the password. */
    @Override
    public String toString() {
      return "HandoverRequest[" + requestId + ", incoming " + incomingUsername + "]";
    }
  }

  /** Hands the signed-in cashier's shift over to the incoming cashier who typed their password. */
  public CompletableFuture<CommandResult> handOver(Session outgoing, HandoverRequest r) {
    String id = r.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(outgoing.role()).takesCash()) {
      return forbidden(id, NO_SHIFT);
    }
    String incoming = trimmed(r.incomingUsername());
    if (incoming.isEmpty() || r.incomingPassword() == null || r.incomingPassword().isEmpty()) {
      return refused(id, "接班人请输入用户名和密码 · The incoming cashier types their user name and password");
    }
    if (incoming.equals(outgoing.username())) {
      return refused(
          id,
          Refusal.SAME_PERSON,
          "不能交接给自己 · You cannot hand over to yourself: the incoming cashier signs");
    }
    Optional<String> bad =
        countProblem(r.counted(), Said.of("交班清点", "Outgoing count"))
            .or(() -> countProblem(r.recounted(), Said.of("接班清点", "Incoming count")))
            .or(() -> itemProblem(r.cards(), r.receipts()));
    if (bad.isPresent()) {
      return refused(id, bad.get());
    }
    return controller
        .apply(
            new ConsoleCommand.HandOverShift(
                id,
                outgoing.token(),
                count(r.counted()),
                r.cards(),
                r.receipts(),
                incoming,
                r.incomingPassword(),
                count(r.recounted()),
                r.source()))
        .thenApply(this::printed);
  }

  /** Resolves incident {@code incidentNo} with a note of 1-200 characters. */
  public CompletableFuture<CommandResult> resolveIncident(
      Session person, String requestId, Long incidentNo, String note) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(person.role()).takesCash()) {
      return forbidden(
          requestId, "只有收费员或主管处理异常事件 · Only cashiers and supervisors resolve incidents");
    }
    if (incidentNo == null || incidentNo <= 0) {
      return refused(requestId, "事件号应为正整数 · The incident number is a positive whole number");
    }
    String text = trimmed(note);
    if (text.isEmpty() || text.length() > MAX_NOTE) {
      return refused(requestId, "请填写处理说明（1-200 字）· Write what was done (1-200 characters)");
    }
    return sent.sendOnce(
        new ConsoleCommand.ResolveIncident(requestId, person.token(), incidentNo, text));
  }

  /** Prints closed shift {@code shiftNo}'s report again, marked 副本 COPY once recorded. */
  public CompletableFuture<CommandResult> reprintReport(
      Session person, String requestId, Long shiftNo) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (shiftNo == null || shiftNo <= 0) {
      return refused(requestId, "班次号应为正整数 · The shift number is a positive whole number");
    }
    return sent.sendOnce(new ConsoleCommand.ReprintShiftReport(requestId, person.token(), shiftNo))
        .thenApply(this::printed);
  }

  /**
   * Prints the report a result carries (a close, a handover, a copy), once per request id; never
   * fails the result.
   */
  public CommandResult printed(CommandResult r) {
    if (!r.ok()) {
      return r;
    }
    ShiftSheet sheet = null;
    int copyNo = 0;
    if (r.answer() instanceof Answer.ShiftReport s) {
      sheet = s.sheet();
    } else if (r.answer() instanceof Answer.HandedOver h) {
      sheet = h.closed();
    } else if (r.answer() instanceof Answer.ShiftReportCopy c) {
      sheet = c.sheet();
      copyNo = c.copyNo();
    }
    if (sheet == null || !printed.first(r.requestId())) {
      return r;
    }
    try {
      output.shiftReport(siteName, sheet, copyNo);
    } catch (RuntimeException e) {
      log.error("booth: report of shift {} not queued for printing", sheet.shiftNo(), e);
    }
    return r;
  }

  private Optional<String> countProblem(List<CashCount.Pieces> pieces, String what) {
    if (pieces == null) {
      return Optional.of(
          Said.of(
              Said.zh(what) + "：请按面额清点", Said.en(what) + ": count the drawer by note and coin"));
    }
    return count(pieces)
        .problem(currency())
        .map(p -> Said.after(Said.zh(what) + "：清点有误，", Said.en(what) + ": ", p));
  }

  private static Optional<String> itemProblem(Long cards, Long receipts) {
    if (cards == null || receipts == null || cards < 0 || receipts < 0) {
      return Optional.of(
          "请清点 IC 卡和收据张数（没有则填 0）· Count the IC cards and the receipts (0 when none)");
    }
    return Optional.empty();
  }

  private CashCount count(List<CashCount.Pieces> pieces) {
    return new CashCount(currency().getCurrencyCode(), pieces);
  }

  private Currency currency() {
    return Currency.getInstance(hub.view().site().currency());
  }

  /** What the page sends to drop cash for deposit: the amount in minor units. */
  public record CashDropRequest(String requestId, Long amountMinor) {}

  /** A drawer counted on the page: pieces of each note and coin of the site's currency. */
  public record CountRequest(List<CashCount.Pieces> pieces) {}
}
