package org.parkgate.console.booth;

import static org.parkgate.console.booth.DeskAnswers.forbidden;
import static org.parkgate.console.booth.DeskAnswers.refused;
import static org.parkgate.console.booth.RequestChecks.INVALID_REQUEST_ID;
import static org.parkgate.console.booth.RequestChecks.decisionNoteProblem;
import static org.parkgate.console.booth.RequestChecks.reasonProblem;
import static org.parkgate.console.booth.RequestChecks.trimmed;
import static org.parkgate.console.booth.RequestChecks.validRequestId;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.Approver;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.console.auth.Session;

/**
 * What lowers or waives a fee at the booth: a voucher for the vehicle waiting at an exit, and a
 * free pass (免费放行) asked of a supervisor and decided by one. Checks here answer early, in the
 * booth's words; whether a voucher is good and who may decide is the controller's call.
 */
public final class ExemptionDesk {
  private final SentCommands sent;
  private final ExitActions exits;

  ExemptionDesk(SentCommands sent, ExitActions exits) {
    this.sent = sent;
    this.exits = exits;
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
    String code = trimmed(request.code());
    return exits.send(
        cashier,
        id,
        ConsoleCommand.ApplyVoucher.class,
        () -> RequestChecks.voucherCodeProblem(code),
        request.lane(),
        request.stayId(),
        exit ->
            new ConsoleCommand.ApplyVoucher(id, cashier.token(), exit.lane(), exit.stayId(), code));
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
    String reason = trimmed(request.reason());
    return exits.send(
        cashier,
        id,
        ConsoleCommand.AskFreePass.class,
        () -> reasonProblem(reason, "请填写免费放行原因 · Enter the reason for the free pass"),
        request.lane(),
        request.stayId(),
        exit ->
            new ConsoleCommand.AskFreePass(
                id, cashier.token(), exit.lane(), exit.stayId(), reason));
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
    Optional<String> wrong =
        decisionNoteProblem(
            request.approve(), note, "拒绝须填写备注 · Enter a note to refuse a free pass");
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    return sent.sendOnce(
        new ConsoleCommand.DecideFreePass(
            id,
            supervisor.token(),
            request.passNo(),
            request.approve(),
            note.isEmpty() ? null : note,
            request.atTheBooth()
                ? new Approver(request.approverUsername().strip(), request.approverPassword())
                : null,
            request.atTheBooth() ? request.source() : null));
  }

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
}
