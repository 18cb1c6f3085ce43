package org.parkgate.fee;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/**
 * The fee standard in force between two local date-times; the one in force at entry governs the
 * whole stay.
 */
public final class TariffVersion {

  private final LocalDateTime validFrom;
  private final LocalDateTime validUntil;
  private final Map<String, Scheme> classes;
  private final Map<String, Voucher> vouchers;
  private final boolean namesClasses;

  TariffVersion(
      LocalDateTime validFrom,
      LocalDateTime validUntil,
      Map<String, Scheme> classes,
      Map<String, Voucher> vouchers,
      boolean namesClasses) {
    this.namesClasses = namesClasses;
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

  /**
   * The vehicle classes the tariff prices; a tariff without {@code classes} prices one, {@code car}
   * unless it names another ({@code vehicleClass}). A class called {@code default} prices any
   * class.
   */
  public Set<String> vehicleClasses() {
    return classes.keySet();
  }

  /**
   * True when the tariff has {@code classes}, a standard per vehicle class; false when it has one
   * standard, priced as its one class (see {@link #vehicleClasses()}).
   */
  public boolean namesClasses() {
    return namesClasses;
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
      s = classes.get("default");
    }
    if (s == null) {
      String known = String.join(", ", new java.util.TreeSet<>(classes.keySet()));
      throw new FeeRefusal(
          FeeRefusal.Reason.UNKNOWN_CLASS,
          "收费标准没有车型'" + vehicleClass + "'的收费；已有车型：" + known,
          "no fee standard for vehicle class '" + vehicleClass + "'; the tariff prices: " + known);
    }
    return s;
  }
}
