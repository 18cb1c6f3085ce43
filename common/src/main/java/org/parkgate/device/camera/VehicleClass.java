package org.parkgate.device.camera;

import java.util.Locale;
import java.util.Optional;

/** The vehicle class a plate camera reports, written on the wire as its lower-case name. */
public enum VehicleClass {
  CAR,
  VAN,
  BUS,
  TRUCK,
  MOTORCYCLE,
  /** The camera read the plate but could not classify the vehicle. */
  UNKNOWN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<VehicleClass> fromWire(String word) {
    for (VehicleClass c : values()) {
      if (c.wire().equals(word)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
