package org.parkgate.console.booth;

import static org.parkgate.console.booth.DeskAnswers.forbidden;
import static org.parkgate.console.booth.DeskAnswers.refused;
import static org.parkgate.console.booth.RequestChecks.INVALID_REQUEST_ID;
import static org.parkgate.console.booth.RequestChecks.cardProblem;
import static org.parkgate.console.booth.RequestChecks.laneMode;
import static org.parkgate.console.booth.RequestChecks.laneProblem;
import static org.parkgate.console.booth.RequestChecks.modeProblem;
import static org.parkgate.console.booth.RequestChecks.reasonProblem;
import static org.parkgate.console.booth.RequestChecks.trimmed;
import static org.parkgate.console.booth.RequestChecks.validRequestId;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.console.auth.Session;
import org.parkgate.site.LaneMode;

/**
 * Actions on a lane rather than on money: a supervisor's lane mode and anti-passback reset, and a
 * barrier lifted by hand for the vehicle waiting at an exit. Anything wrong is refused here, naming
 * what, and nothing is sent; the person acting is the signed-in user, and the controller checks the
 * role again.
 */
public final class SupervisorDesk {
  private final BrowserHub hub;
  private final SentCommands sent;
  private final ExitActions exits;

  SupervisorDesk(BrowserHub hub, SentCommands sent, ExitActions exits) {
    this.hub = hub;
    this.sent = sent;
    this.exits = exits;
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
    String reason = trimmed(request.reason());
    return exits.send(
        cashier,
        id,
        ConsoleCommand.LiftBarrier.class,
        () -> reasonProblem(reason, "请填写手动抬杆原因 · Enter the reason for lifting the barrier"),
        request.lane(),
        request.stayId(),
        exit -> new ConsoleCommand.LiftBarrier(id, cashier.token(), exit.lane(), reason));
  }

  /** What the page sends when a supervisor sets a lane's mode ({@code mode}: a LaneMode name). */
  public record LaneModeRequest(String requestId, String lane, String mode, String reason) {}

  /** What the page sends when a supervisor resets a card's anti-passback state. */
  public record PassbackResetRequest(String requestId, String card, String reason) {}

  /** What the page sends to lift an exit's barrier by hand for the stay it showed waiting. */
  public record LiftRequest(String requestId, String lane, long stayId, String reason) {}
}
