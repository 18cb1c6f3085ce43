package org.parkgate.controller.command;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Role;

/**
 * Which events a console is sent, from the roles it is enrolled for. Everyone at a console sees the
 * lanes (state, devices, modes, free spaces). Vehicles (cards, plates), money and shifts are for
 * the people who deal with them: cashiers, supervisors and finance. A console enrolled for admins
 * only (an office PC that manages accounts) sees the lanes and nothing of whose car is inside or
 * what was paid.
 */
final class Visibility {
  private static final Set<Role> VEHICLES_AND_MONEY =
      EnumSet.of(Role.CASHIER, Role.SUPERVISOR, Role.FINANCE);

  private Visibility() {}

  static Predicate<ConsoleEvent> of(Set<Role> roles) {
    boolean all = roles.stream().anyMatch(VEHICLES_AND_MONEY::contains);
    return all ? e -> true : Visibility::lanesOnly;
  }

  private static boolean lanesOnly(ConsoleEvent e) {
    return e instanceof ConsoleEvent.LaneStatus
        || e instanceof ConsoleEvent.DeviceStatus
        || e instanceof ConsoleEvent.Occupancy
        || e instanceof ConsoleEvent.LaneModeChanged;
  }
}
