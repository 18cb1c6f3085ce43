package org.parkgate.console.booth;

import static org.parkgate.console.booth.DeskAnswers.forbidden;
import static org.parkgate.console.booth.DeskAnswers.refused;
import static org.parkgate.console.booth.RequestChecks.INVALID_REQUEST_ID;
import static org.parkgate.console.booth.RequestChecks.cardProblem;
import static org.parkgate.console.booth.RequestChecks.decisionNoteProblem;
import static org.parkgate.console.booth.RequestChecks.exitLaneProblem;
import static org.parkgate.console.booth.RequestChecks.normalPlate;
import static org.parkgate.console.booth.RequestChecks.plateProblem;
import static org.parkgate.console.booth.RequestChecks.trimmed;
import static org.parkgate.console.booth.RequestChecks.validRequestId;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.LostCardForm;
import org.parkgate.api.Role;
import org.parkgate.console.auth.Session;

/**
 * A driver's lost card at the booth: the search for the vehicle's open stay, the lost-card report
 * at the exit where it waits, a supervisor's or finance's decision, and the lost-card register.
 * Checks here answer early, in the booth's words; the controller checks again and decides.
 */
public final class LostCardDesk {
  private final BrowserHub hub;
  private final SentCommands sent;

  LostCardDesk(BrowserHub hub, SentCommands sent) {
    this.hub = hub;
    this.sent = sent;
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
    if (!readsTheRegister(approver)) {
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
    Optional<String> wrong =
        decisionNoteProblem(request.approve(), note, "拒绝须填写备注 · Enter a note to refuse");
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
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
      Session reader, String requestId, LocalDate from, LocalDate to) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (!readsTheRegister(reader)) {
      return forbidden(
          requestId,
          "只有主管或财务可以查看遗失卡登记 · Only supervisors and finance may read the lost-card register");
    }
    return sent.sendOnce(new ConsoleCommand.ListLostCards(requestId, reader.token(), from, to));
  }

  private static boolean readsTheRegister(Session person) {
    return person.role() == Role.SUPERVISOR || person.role() == Role.FINANCE;
  }

  /** What the page sends to find a vehicle's open stay: a plate or a card number, not both. */
  public record FindStayRequest(String requestId, String plate, String card) {}

  /** What the page sends to charge a lost card: the stay found, at the exit where it waits. */
  public record LostCardRequest(String requestId, String lane, long stayId, LostCardForm form) {}

  /** What the page sends to decide a lost card; {@code approve} null when not chosen. */
  public record LostCardDecision(String requestId, long lostCardNo, Boolean approve, String note) {}
}
