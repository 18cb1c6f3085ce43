package org.parkgate.console.booth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;

/**
 * The booth's commands already sent, by request id, so a page's retry resends exactly the command
 * that was checked and sent the first time. A request id is the page's to choose, so a retry goes
 * again only for the same kind of action and the same session: nobody replays another person's
 * command by naming its id, and an id reused for another action is refused.
 */
final class SentCommands {
  private static final int REMEMBERED = 256;

  private final Function<ConsoleCommand, CompletableFuture<CommandResult>> controller;

  private final Map<String, ConsoleCommand> sent =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConsoleCommand> eldest) {
          return size() > REMEMBERED;
        }
      };

  SentCommands(Function<ConsoleCommand, CompletableFuture<CommandResult>> controller) {
    this.controller = controller;
  }

  /**
   * The retry of a request id already sent, answered as {@link #sendOnce} would; empty when the id
   * is new.
   */
  Optional<CompletableFuture<CommandResult>> retry(
      String requestId, String token, Class<? extends ConsoleCommand> kind) {
    ConsoleCommand first;
    synchronized (sent) {
      first = sent.get(requestId);
    }
    return first == null ? Optional.empty() : Optional.of(resend(first, token, kind));
  }

  /**
   * Sends a command, remembered by its request id: a retry resends the first command with that id,
   * and an id already used for another kind of action is refused.
   */
  CompletableFuture<CommandResult> sendOnce(ConsoleCommand.Acting command) {
    ConsoleCommand first;
    synchronized (sent) {
      first = sent.putIfAbsent(command.requestId(), command);
    }
    if (first == null) {
      return controller.apply(command);
    }
    return resend(first, command.session(), command.getClass());
  }

  /**
   * Resends the first command with a request id: only for the same kind of action and the same
   * session, so nobody replays another person's command by naming its id.
   */
  private CompletableFuture<CommandResult> resend(
      ConsoleCommand first, String token, Class<? extends ConsoleCommand> kind) {
    if (first.getClass() != kind
        || !(first instanceof ConsoleCommand.Acting acting)
        || !acting.session().equals(token)) {
      return CompletableFuture.completedFuture(
          CommandResult.refused(
              first.requestId(),
              Refusal.REQUEST_ID_REUSED,
              "请求编号已用于其他操作 · Request id already used for another action"));
    }
    return controller.apply(first);
  }
}
