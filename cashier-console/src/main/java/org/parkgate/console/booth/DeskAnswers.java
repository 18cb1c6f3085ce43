package org.parkgate.console.booth;

import static org.parkgate.console.booth.RequestChecks.trimmed;

import java.util.concurrent.CompletableFuture;
import org.parkgate.api.CommandResult;
import org.parkgate.api.Refusal;

/**
 * The desks' early answers: what the console refuses itself, in the booth's words, before anything
 * reaches the controller. The controller checks every command again.
 */
final class DeskAnswers {
  private DeskAnswers() {}

  /** Something the page sent cannot be sent on as it is. */
  static CompletableFuture<CommandResult> refused(String id, String why) {
    return refused(id, Refusal.INVALID, why);
  }

  /**
   * The role may not do this: an early friendly answer for a page that should not have shown the
   * key. The controller refuses such a command by itself as well.
   */
  static CompletableFuture<CommandResult> forbidden(String id, String why) {
    return refused(id, Refusal.FORBIDDEN, why);
  }

  /** The page is out of date: what it showed is no longer what waits at the lane. */
  static CompletableFuture<CommandResult> notNow(String id, String why) {
    return refused(id, Refusal.NOT_NOW, why);
  }

  /** The stay the page showed is not the one waiting at {@code lane} (any more). */
  static CompletableFuture<CommandResult> notWaiting(String id, String lane) {
    return notNow(id, "该车道没有这辆待缴费车辆 · No such vehicle waiting to pay at " + trimmed(lane));
  }

  static CompletableFuture<CommandResult> refused(String id, Refusal code, String why) {
    return CompletableFuture.completedFuture(CommandResult.refused(id, code, why));
  }
}
