package org.parkgate.fee;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/**
 * The fee standard in force between two local date-times; the one in force at entry governs the
 * whole stay.
 */
public final class TariffVersion {

  /** Key of the scheme used for every vehicle class when a tariff names no classes. */
  static final String ANY_CLASS = "*";

  private final LocalDateTime validFrom;
  private final LocalDateTime validUntil;
  private final Map<String, Scheme> classes;
  private final Map<String, Voucher> vouchers;

  TariffVersion(
      LocalDateTime validFrom,
      LocalDateTime validUntil,
      Map<String, Scheme> classes,
      Map<String, Voucher> vouchers) {
    this.validFrom = validFrom;
    this.validUntil = validUntil;
    this.classes = Map.copyOf(classes);
    this.vouchers = Map.copyOf(vouchers);
  }

  /** First local date-time it applies to, or null for "since always". */
  public LocalDateTime validFrom() {
    return validFrom;
  }

  /** First local date-time it no longer applies to, or null for "until replaced". */
  public LocalDateTime validUntil() {
    return validUntil;
  }

  public boolean covers(LocalDateTime local) {
    return (validFrom == null || !local.isBefore(validFrom))
        && (validUntil == null || local.isBefore(validUntil));
  }

  /** The vehicle classes named in the tariff; "*" when one standard applies to every class. */
  public Set<String> vehicleClasses() {
    return classes.keySet();
  }

  public Set<String> voucherCodes() {
    return vouchers.keySet();
  }

  Map<String, Voucher> vouchers() {
    return vouchers;
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
