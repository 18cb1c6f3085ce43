package org.parkgate.controller.command;

import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;

/**
 * What a handler decided: the result to send, and what to do once its transaction has committed
 * (lift a barrier, tell a lane its new mode). Nothing reaches a lane before the ledger holds it.
 */
public record Decision(CommandResult result, Runnable afterCommit) {
  private static final Runnable NOTHING = () -> {};

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
