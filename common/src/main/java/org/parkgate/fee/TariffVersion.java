package org.parkgate.fee;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/**
 * The fee standard in force between two local date-times; the one in force at entry governs the
 * whole stay.
 *
 * @param validFrom first local date-time it applies to, or null for "since always"
 * @param validUntil first local date-time it no longer applies to, or null for "until replaced"
 */
public record TariffVersion(
    LocalDateTime validFrom,
    LocalDateTime validUntil,
    Map<String, Scheme> classes,
    Map<String, Voucher> vouchers) {

  /** Key of the scheme used for every vehicle class when a tariff names no classes. */
  static final String ANY_CLASS = "*";

  public boolean covers(LocalDateTime local) {
    return (validFrom == null || !local.isBefore(validFrom))
        && (validUntil == null || local.isBefore(validUntil));
  }

  public Set<String> vehicleClasses() {
    return classes.keySet();
  }

  Scheme scheme(String vehicleClass) {
    Scheme s = classes.get(vehicleClass);
    if (s == null) {
      s = classes.get(ANY_CLASS);
    }
    if (s == null) {
      s = classes.get("default");
    }
    if (s == null) {
      throw new IllegalArgumentException(
          "no fee standard for vehicle class '" + vehicleClass + "'; known: " + classes.keySet());
    }
    return s;
  }
}
