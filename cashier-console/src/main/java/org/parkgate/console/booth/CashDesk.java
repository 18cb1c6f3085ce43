package org.parkgate.console.booth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.console.auth.UserAccount;

/**
 * Turns "cash received" at the booth into a {@link ConsoleCommand.RecordCashPayment}. The page
 * names the request id, the stay and the amount it showed; the console checks them against the exit
 * actually waiting, so a stale page never records a payment for the wrong car or amount.
 */
public final class CashDesk {
  private static final int REMEMBERED = 256;

  private final BrowserHub hub;
  private final Function<ConsoleCommand, CompletableFuture<CommandResult>> controller;

  /** Commands already sent, by request id: a retry resends exactly the same command. */
  private final Map<String, ConsoleCommand> sent =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConsoleCommand> eldest) {
          return size() > REMEMBERED;
        }
      };

  public CashDesk(
      BrowserHub hub, Function<ConsoleCommand, CompletableFuture<CommandResult>> controller) {
    this.hub = hub;
    this.controller = controller;
  }

  public CompletableFuture<CommandResult> cashReceived(UserAccount cashier, CashRequest request) {
    String id = request.requestId();
    if (id == null || !id.matches("[A-Za-z0-9_-]{8,64}")) {
      return refused(id, "请求编号无效 · Invalid request id");
    }
    if (!cashier.role().takesCash()) {
      return refused(id, "只有收费员或主管可以收款 · Only cashiers and supervisors take cash");
    }
    ConsoleCommand command;
    synchronized (sent) {
      command = sent.get(id);
    }
    if (command != null && !(command instanceof ConsoleCommand.RecordCashPayment)) {
      return refused(id, "请求编号已用于其他操作 · Request id already used for another action");
    }
    if (command == null) {
      Optional<ConsoleEvent.ExitPending> waiting =
          hub.pendingAt(request.lane() == null ? "" : request.lane());
      if (waiting.isEmpty() || waiting.get().stayId() != request.stayId()) {
        return refused(id, "该车道没有这辆待缴费车辆 · No such vehicle waiting to pay at " + request.lane());
      }
      ConsoleEvent.ExitPending exit = waiting.get();
      if (exit.due().minor() != request.dueMinor()) {
        return refused(
            id,
            "应收金额已变为 "
                + BoothFormat.money(exit.due())
                + "，请核对后再收 · The amount due changed to "
                + BoothFormat.money(exit.due())
                + ", check and press again");
      }
      command =
          new ConsoleCommand.RecordCashPayment(
              id, exit.lane(), exit.stayId(), exit.due(), cashier.username());
      synchronized (sent) {
        sent.putIfAbsent(id, command);
        command = sent.get(id);
      }
    }
    return controller.apply(command);
  }

  /**
   * Sends a supervisor's reversal of a receipt. Only supervisors may reverse, and the supervisor is
   * the signed-in user, never a name the page chose; the controller refuses a supervisor reversing
   * a payment they took themselves. A retry with the same request id resends the same command.
   */
  public CompletableFuture<CommandResult> reverse(UserAccount supervisor, ReverseRequest request) {
    String id = request.requestId();
    if (id == null || !id.matches("[A-Za-z0-9_-]{8,64}")) {
      return refused(id, "请求编号无效 · Invalid request id");
    }
    if (!supervisor.role().reversesPayments()) {
      return refused(id, "只有主管可以冲正 · Only supervisors may reverse a receipt");
    }
    String receiptNo = request.receiptNo() == null ? "" : request.receiptNo().trim();
    String reason = request.reason() == null ? "" : request.reason().trim();
    if (receiptNo.isEmpty()) {
      return refused(id, "请填写收据号 · Enter the receipt number");
    }
    if (reason.isEmpty()) {
      return refused(id, "请填写冲正原因 · Enter the reason for the reversal");
    }
    ConsoleCommand command =
        new ConsoleCommand.ReversePayment(id, receiptNo, reason, supervisor.username());
    synchronized (sent) {
      sent.putIfAbsent(id, command);
      command = sent.get(id);
    }
    if (!(command instanceof ConsoleCommand.ReversePayment)) {
      return refused(id, "请求编号已用于其他操作 · Request id already used for another action");
    }
    return controller.apply(command);
  }

  /**
   * Opens a shift for a cashier who has just signed in. The controller refuses a second open shift;
   * a cashier whose shift is still open (a page reloaded, a second login) simply carries on in it.
   */
  public CompletableFuture<CommandResult> openShift(UserAccount cashier, String requestId) {
    if (cashier.role() != org.parkgate.console.auth.Role.CASHIER) {
      return refused(requestId, "只有收费员在登录时开班 · Only cashiers open a shift at login");
    }
    return controller.apply(new ConsoleCommand.OpenShift(requestId, cashier.username()));
  }

  /**
   * Closes the signed-in user's open shift at handover (交接班); the report arrives as an event. The
   * cashier is the signed-in user, never a name the page chose.
   */
  public CompletableFuture<CommandResult> closeShift(UserAccount cashier, String requestId) {
    if (requestId == null || !requestId.matches("[A-Za-z0-9_-]{8,64}")) {
      return refused(requestId, "请求编号无效 · Invalid request id");
    }
    if (!cashier.role().takesCash()) {
      return refused(requestId, "只有收费员或主管有班次 · Only cashiers and supervisors have shifts");
    }
    ConsoleCommand command = new ConsoleCommand.CloseShift(requestId, cashier.username());
    synchronized (sent) {
      sent.putIfAbsent(requestId, command);
      command = sent.get(requestId);
    }
    if (!(command instanceof ConsoleCommand.CloseShift)) {
      return refused(requestId, "请求编号已用于其他操作 · Request id already used for another action");
    }
    return controller.apply(command);
  }

  private static CompletableFuture<CommandResult> refused(String id, String why) {
    return CompletableFuture.completedFuture(CommandResult.refused(id, why));
  }

  /** What the page sends when the cashier presses "cash received". */
  public record CashRequest(String requestId, String lane, long stayId, long dueMinor) {}

  /** What the page sends when a supervisor reverses a receipt. */
  public record ReverseRequest(String requestId, String receiptNo, String reason) {}
}
