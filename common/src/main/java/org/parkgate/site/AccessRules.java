package org.parkgate.site;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who may enter and leave: anti-passback, how a season card's bound plate is enforced, and the
 * spaces the site has (see {@code docs/configuration.md} and {@code docs/credentials.md}).
 *
 * @param seasonPlateCheck HARD refuses a season card whose vehicle's plate is not bound to it; SOFT
 *     admits it and reports the mismatch
 */
public record AccessRules(
    AntiPassback antiPassback, AntiPassback seasonPlateCheck, Capacity capacity) {

  /** Hard anti-passback, plate mismatches reported, unlimited spaces. */
  public static final AccessRules DEFAULT =
      new AccessRules(AntiPassback.HARD, AntiPassback.SOFT, Capacity.UNLIMITED);

  /**
   * Spaces on the site: a total and, optionally, per vehicle class. Absent numbers mean no limit.
   */
  public record Capacity(OptionalInt total, Map<String, Integer> classes) {
    public static final Capacity UNLIMITED = new Capacity(OptionalInt.empty(), Map.of());

    public Capacity {
      classes = Map.copyOf(classes);
    }

    public boolean limited() {
      return total.isPresent() || !classes.isEmpty();
    }

    public Optional<Integer> forClass(String vehicleClass) {
      return Optional.ofNullable(classes.get(vehicleClass));
    }
  }
}
