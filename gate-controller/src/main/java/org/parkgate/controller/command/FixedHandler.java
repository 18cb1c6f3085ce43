package org.parkgate.controller.command;

import java.util.Set;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Role;

/** A handler that names the command it takes and the roles that may give it once, when built. */
abstract class FixedHandler<C extends ConsoleCommand.Acting> implements CommandHandler<C> {
  private final Class<C> type;
  private final Set<Role> roles;

  FixedHandler(Class<C> type, Set<Role> roles) {
    this.type = type;
    this.roles = Set.copyOf(roles);
  }

  @Override
  public final Class<C> type() {
    return type;
  }

  @Override
  public final Set<Role> roles() {
    return roles;
  }
}
