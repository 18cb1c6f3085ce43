package org.parkgate.console.booth;

import static org.parkgate.console.booth.DeskAnswers.notWaiting;
import static org.parkgate.console.booth.DeskAnswers.refused;
import static org.parkgate.console.booth.RequestChecks.trimmed;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.console.auth.Session;

/**
 * Sends an action on the vehicle the page showed waiting at an exit (a voucher, a free pass asked,
 * a barrier lifted by hand) once the stay it showed is the one still waiting there. A retry with
 * the same request id resends the first command, whatever waits at the lane now.
 */
final class ExitActions {
  private final SentCommands sent;
  private final BrowserHub hub;

  ExitActions(SentCommands sent, BrowserHub hub) {
    this.sent = sent;
    this.hub = hub;
  }

  /**
   * Sends {@code command} for stay {@code stayId} waiting at {@code lane}, unless {@code problem}
   * finds something wrong with what the page sent; the request id and role are checked already.
   */
  CompletableFuture<CommandResult> send(
      Session who,
      String id,
      Class<? extends ConsoleCommand.Acting> kind,
      Supplier<Optional<String>> problem,
      String lane,
      long stayId,
      Function<ConsoleEvent.ExitPending, ConsoleCommand.Acting> command) {
    Optional<CompletableFuture<CommandResult>> retry = sent.retry(id, who.token(), kind);
    if (retry.isPresent()) {
      return retry.get();
    }
    Optional<String> wrong = problem.get();
    if (wrong.isPresent()) {
      return refused(id, wrong.get());
    }
    Optional<ConsoleEvent.ExitPending> exit =
        hub.pendingAt(trimmed(lane)).filter(e -> e.stayId() == stayId);
    if (exit.isEmpty()) {
      return notWaiting(id, lane);
    }
    return sent.sendOnce(command.apply(exit.get()));
  }
}
