package org.parkgate.console.booth;

import org.parkgate.api.Role;

/**
 * Which keys and forms the booth shows a role, and which early friendly refusals the console gives.
 * Presentation only: the controller checks the role of every command itself and has the last word.
 */
public record RoleKeys(
    boolean takesCash, boolean reverses, boolean controlsLanes, boolean findsStays) {

  public static RoleKeys of(Role role) {
    return new RoleKeys(
        // Collecting a fee is booth work; finance and admins only watch.
        role == Role.CASHIER || role == Role.SUPERVISOR,
        // Reversals, lane modes and card resets are a supervisor's decisions.
        role == Role.SUPERVISOR,
        role == Role.SUPERVISOR,
        // Finding a stay reads only: the people who take cash, and finance for disputed fees.
        role == Role.CASHIER || role == Role.SUPERVISOR || role == Role.FINANCE);
  }
}
