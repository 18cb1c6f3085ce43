package org.parkgate.controller.command;

import java.util.function.UnaryOperator;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;

/**
 * What a handler decided: the result (kept with the request id), what to do once its transaction
 * has committed (lift a barrier, tell a lane its new mode), and how the result is completed for
 * sending once the barrier is on its way ({@code sent}: figures read after the commit, such as a
 * drawer's running totals, which a replay of the request does not carry). Nothing reaches a lane
 * before the ledger holds it.
 */
public record Decision(
    CommandResult result, Runnable afterCommit, UnaryOperator<CommandResult> sent) {
  private static final Runnable NOTHING = () -> {};

  public Decision(CommandResult result, Runnable afterCommit) {
    this(result, afterCommit, UnaryOperator.identity());
  }

  /** This decision, its result completed by {@code sent} after the commit before it is sent. */
  public Decision sentWith(UnaryOperator<CommandResult> sent) {
    return new Decision(result, afterCommit, sent);
  }

  public static Decision done(ConsoleCommand command, Answer answer) {
    return new Decision(CommandResult.ok(command.requestId(), answer), NOTHING);
  }

  public static Decision done(ConsoleCommand command, Answer answer, Runnable afterCommit) {
    return new Decision(CommandResult.ok(command.requestId(), answer), afterCommit);
  }

  public static Decision refused(ConsoleCommand command, Refusal refusal, String why) {
    return new Decision(CommandResult.refused(command.requestId(), refusal, why), NOTHING);
  }

  public static Decision of(CommandResult result) {
    return new Decision(result, NOTHING);
  }
}
