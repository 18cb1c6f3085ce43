package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Set;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.Session;

/**
 * Carries out one kind of command for a logged-in person. Runs on the ledger thread inside the
 * command's transaction, after the pipeline has checked the console, the session and the role: a
 * handler decides and appends, nothing more.
 */
public interface CommandHandler<C extends ConsoleCommand.Acting> {
  /** The command type this handler takes. */
  Class<C> type();

  /** The roles that may give this command; the pipeline refuses every other. */
  Set<Role> roles();

  /**
   * Whether the result is kept with the request id (every command that changes something); reads
   * and logouts are not kept.
   */
  default boolean kept() {
    return true;
  }

  Decision handle(C command, Session actor, Instant now);
}
