package org.parkgate.controller.command;

import java.time.Instant;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.controller.auth.Session;

/**
 * A handler that only reads, and may read for long (a month's report): the pipeline checks the
 * console, the session and the role on the ledger thread as for any command, then calls {@link
 * #read} on its reports thread, where the handler reads a snapshot through a connection of its own,
 * so no lane's command waits behind it. Nothing is appended and nothing is kept.
 */
interface OffLedger<C extends ConsoleCommand.Acting> extends CommandHandler<C> {

  /** Answers {@code command} for {@code actor}, off the ledger thread. */
  CommandResult read(C command, Session actor, Instant now);

  @Override
  default boolean kept() {
    return false;
  }

  /** Not called: the pipeline calls {@link #read} instead, off the ledger thread. */
  @Override
  default Decision handle(C command, Session actor, Instant now) {
    return Decision.of(read(command, actor, now));
  }
}
