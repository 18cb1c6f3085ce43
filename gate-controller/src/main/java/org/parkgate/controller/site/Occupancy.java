package org.parkgate.controller.site;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.EventLog;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.site.AccessRules;
import org.parkgate.site.LaneKind;

/**
 * Vehicles inside by class against the site's capacity. Counted from the ledger's open stays once
 * at start, then kept on the ledger thread as stays open and close. Free spaces are {@code -1}
 * where the site sets no limit.
 */
public final class Occupancy {
  public static final int NO_LIMIT = -1;

  private final AccessRules.Capacity capacity;
  private final String defaultClass;
  private final Map<String, Integer> inside = new LinkedHashMap<>();

  public Occupancy(AccessRules.Capacity capacity, String defaultClass, Map<String, Integer> open) {
    this.capacity = capacity;
    this.defaultClass = defaultClass;
    inside.putAll(open);
  }

  public void entered(String vehicleClass) {
    inside.merge(vehicleClass, 1, Integer::sum);
  }

  /** One vehicle of {@code vehicleClass} fewer; false if none was counted. */
  public boolean left(String vehicleClass) {
    Integer n = inside.get(vehicleClass);
    if (n == null) {
      return false;
    }
    if (n > 1) {
      inside.put(vehicleClass, n - 1);
    } else {
      inside.remove(vehicleClass);
    }
    return true;
  }

  /**
   * The count as it would be without one vehicle of {@code vehicleClass}: the room a vehicle has
   * whose earlier stay closes as it enters again (soft anti-passback). This count is not changed.
   */
  public Occupancy without(String vehicleClass) {
    Occupancy less = new Occupancy(capacity, defaultClass, inside);
    less.left(vehicleClass);
    return less;
  }

  public int inside() {
    return inside.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Spaces free on the whole site, or {@link #NO_LIMIT}. */
  public int free() {
    return capacity.total().isPresent()
        ? Math.max(0, capacity.total().getAsInt() - inside())
        : NO_LIMIT;
  }

  /** Spaces free for a class: the fewer of the site's and the class's own, or {@link #NO_LIMIT}. */
  public int freeFor(String vehicleClass) {
    int site = free();
    Integer limit = capacity.classes().get(vehicleClass);
    if (limit == null) {
      return site;
    }
    int own = Math.max(0, limit - inside.getOrDefault(vehicleClass, 0));
    return site == NO_LIMIT ? own : Math.min(site, own);
  }

  /** True when a casual vehicle of this class would be turned away. */
  public boolean fullFor(String vehicleClass) {
    return freeFor(vehicleClass) == 0;
  }

  /** Free spaces per class that has its own limit. */
  public Map<String, Integer> freeByClass() {
    Map<String, Integer> out = new LinkedHashMap<>();
    capacity.classes().keySet().forEach(c -> out.put(c, freeFor(c)));
    return out;
  }

  /** What an entry lane is told: spaces free for a class, and whether that class is turned away. */
  public LaneEvent.SpacesFree spacesFree(String vehicleClass) {
    return new LaneEvent.SpacesFree(freeFor(vehicleClass), fullFor(vehicleClass));
  }

  /**
   * Tells every entry lane (SpacesFree, as the site's default class sees it) and, where the site
   * sets a capacity, the consoles (a recorded Occupancy event: one more commit, so a site without
   * limits is spared it). Call on the ledger thread.
   */
  public void publish(Ledger ledger, Collection<LaneRunner> lanes, Instant at) {
    if (capacity.limited()) {
      int free = free();
      Map<String, Integer> byClass = freeByClass();
      new EventLog(ledger)
          .recordEvent(null, seq -> new ConsoleEvent.Occupancy(seq, at, null, free, byClass));
    }
    LaneEvent.SpacesFree spaces = spacesFree(defaultClass);
    for (LaneRunner lane : lanes) {
      if (lane.config().kind() == LaneKind.ENTRY) {
        lane.deliver(spaces);
      }
    }
  }
}
