package org.parkgate.controller.command;

import java.util.Set;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Role;

/**
 * A handler that reads a register and changes nothing, so its result is not kept with the request
 * id: a retry reads the register again.
 */
abstract class RegisterReader<C extends ConsoleCommand.Acting> extends FixedHandler<C> {
  /** Who reads the registers: they carry drivers' details and money, so not cashiers or admins. */
  static final Set<Role> SUPERVISOR_OR_FINANCE = Set.of(Role.SUPERVISOR, Role.FINANCE);

  RegisterReader(Class<C> type, Set<Role> roles) {
    super(type, roles);
  }

  @Override
  public final boolean kept() {
    return false;
  }
}
