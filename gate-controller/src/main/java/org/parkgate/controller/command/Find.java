package org.parkgate.controller.command;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand.FindStay;
import org.parkgate.api.Role;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.site.StayFinder;
import org.parkgate.site.LaneKind;

/**
 * Finds a vehicle's open stay by plate or card. Reads only, so its result is not kept: cashiers and
 * supervisors need it for lost cards, finance when a lost-card fee is queried; admins manage
 * accounts and are not shown whose car is inside.
 */
final class Find implements CommandHandler<FindStay> {
  private final StayFinder finder;
  private final Map<String, LaneRunner> lanes;

  Find(StayFinder finder, Map<String, LaneRunner> lanes) {
    this.finder = finder;
    this.lanes = lanes;
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
    CommandResult found = finder.find(cmd, now);
    if (found.ok() && found.answer() instanceof Answer.StaysFound stays) {
      // The exit cameras' plates, so the cashier sees the vehicle at the exit beside its entry.
      found = CommandResult.ok(cmd.requestId(), stays.withExitPlates(exitPlates()));
    }
    return Decision.of(found);
  }

  private Map<String, String> exitPlates() {
    Map<String, String> plates = new TreeMap<>();
    lanes.forEach(
        (id, lane) -> {
          Sighting seen = lane.waiting().seen();
          if (lane.config().kind() == LaneKind.EXIT && seen != null && seen.plate() != null) {
            plates.put(id, seen.plate());
          }
        });
    return plates;
  }
}
