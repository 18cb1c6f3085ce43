package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Set;
import org.parkgate.api.ConsoleCommand.FindStay;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.site.StayFinder;

/**
 * Finds a vehicle's open stay by plate or card. Reads only, so its result is not kept: cashiers and
 * supervisors need it for lost cards, finance when a lost-card fee is queried; admins manage
 * accounts and are not shown whose car is inside.
 */
final class Find implements CommandHandler<FindStay> {
  private final StayFinder finder;

  Find(StayFinder finder) {
    this.finder = finder;
  }

  @Override
  public Class<FindStay> type() {
    return FindStay.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.CASHIER, Role.SUPERVISOR, Role.FINANCE);
  }

  @Override
  public boolean kept() {
    return false;
  }

  @Override
  public Decision handle(FindStay cmd, Session actor, Instant now) {
    return Decision.of(finder.find(cmd, now));
  }
}
