package org.parkgate.console.booth;

import static org.parkgate.console.booth.RequestChecks.INVALID_REQUEST_ID;
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
import org.parkgate.api.Refusal;
import org.parkgate.api.Said;
import org.parkgate.api.ShiftSheet;
import org.parkgate.console.auth.Session;
import org.parkgate.console.printer.ReceiptOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's end of a shift: handover (交接班) to an incoming cashier who types their own user name
 * and password at this booth, incidents resolved with a note, and the shift report printed when a
 * shift closes and again on request (副本 COPY). Checks here answer early in the booth's words; the
 * controller decides, and takes the outgoing cashier from the session, the incoming from their
 * password.
 *
 * <p>The incoming password goes to the controller in the one command and is kept nowhere: a
 * handover is sent straight on, not through the console's retry memory, and a retry with the same
 * request id after a refusal carries the password typed again.
 */
public final class ShiftDesk {
  private static final Logger log = LoggerFactory.getLogger(ShiftDesk.class);
  private static final int MAX_NOTE = 200;
  private static final int PRINTED_REMEMBERED = 64;

  private final BrowserHub hub;
  private final Function<ConsoleCommand, CompletableFuture<CommandResult>> controller;
  private final SentCommands sent;
  private final String siteName;
  private final ReceiptOutput output;
  private final Set<String> printed =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > PRINTED_REMEMBERED;
            }
          });

  public ShiftDesk(
      BrowserHub hub,
      Function<ConsoleCommand, CompletableFuture<CommandResult>> controller,
      String siteName,
      ReceiptOutput output) {
    this.hub = hub;
    this.controller = controller;
    this.sent = new SentCommands(controller);
    this.siteName = siteName;
    this.output = output;
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
      return refused(id, Refusal.INVALID, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(outgoing.role()).takesCash()) {
      return refused(
          id, Refusal.FORBIDDEN, "只有收费员或主管有班次 · Only cashiers and supervisors have shifts");
    }
    String incoming = trimmed(r.incomingUsername());
    if (incoming.isEmpty() || r.incomingPassword() == null || r.incomingPassword().isEmpty()) {
      return refused(
          id,
          Refusal.INVALID,
          "接班人请输入用户名和密码 · The incoming cashier types their user name and password");
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
      return refused(id, Refusal.INVALID, bad.get());
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
      return refused(requestId, Refusal.INVALID, INVALID_REQUEST_ID);
    }
    if (!RoleKeys.of(person.role()).takesCash()) {
      return refused(
          requestId,
          Refusal.FORBIDDEN,
          "只有收费员或主管处理异常事件 · Only cashiers and supervisors resolve incidents");
    }
    if (incidentNo == null || incidentNo <= 0) {
      return refused(
          requestId, Refusal.INVALID, "事件号应为正整数 · The incident number is a positive whole number");
    }
    String text = trimmed(note);
    if (text.isEmpty() || text.length() > MAX_NOTE) {
      return refused(
          requestId, Refusal.INVALID, "请填写处理说明（1-200 字）· Write what was done (1-200 characters)");
    }
    return sent.sendOnce(
        new ConsoleCommand.ResolveIncident(requestId, person.token(), incidentNo, text));
  }

  /** Prints closed shift {@code shiftNo}'s report again, marked 副本 COPY once recorded. */
  public CompletableFuture<CommandResult> reprintReport(
      Session person, String requestId, Long shiftNo) {
    if (!validRequestId(requestId)) {
      return refused(requestId, Refusal.INVALID, INVALID_REQUEST_ID);
    }
    if (shiftNo == null || shiftNo <= 0) {
      return refused(
          requestId, Refusal.INVALID, "班次号应为正整数 · The shift number is a positive whole number");
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
    if (sheet == null || !once(r.requestId())) {
      return r;
    }
    try {
      output.shiftReport(siteName, sheet, copyNo);
    } catch (RuntimeException e) {
      log.error("booth: report of shift {} not queued for printing", sheet.shiftNo(), e);
    }
    return r;
  }

  private boolean once(String requestId) {
    synchronized (printed) {
      return printed.add(requestId);
    }
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

  private static CompletableFuture<CommandResult> refused(String id, Refusal code, String why) {
    return CompletableFuture.completedFuture(CommandResult.refused(id, code, why));
  }
}
