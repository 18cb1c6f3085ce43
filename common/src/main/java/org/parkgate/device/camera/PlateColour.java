package org.parkgate.device.camera;

import java.util.Locale;
import java.util.Optional;

/**
 * The colour of the number plate (background), written on the wire as its lower-case name. In China
 * it tells private cars (blue), large vehicles (yellow) and new-energy vehicles (green) apart.
 */
public enum PlateColour {
  BLUE,
  YELLOW,
  GREEN,
  WHITE,
  BLACK,
  UNKNOWN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PlateColour> fromWire(String word) {
    for (PlateColour c : values()) {
      if (c.wire().equals(word)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
