package org.parkgate.controller.lane;

import org.parkgate.site.BarrierPosition;

/** What a barrier's I/O module reports: its loops, its limits and its fault line. */
public record BarrierInputs(
    boolean armingLoop, boolean safetyLoop, boolean openLimit, boolean closedLimit, boolean fault) {

  public static final BarrierInputs UNKNOWN = new BarrierInputs(false, false, false, false, false);

  public boolean vehiclePresent() {
    return armingLoop || safetyLoop;
  }

  /** Where the limits say the arm is. */
  public BarrierPosition position() {
    if (openLimit && !closedLimit) {
      return BarrierPosition.OPEN;
    }
    if (closedLimit && !openLimit) {
      return BarrierPosition.CLOSED;
    }
    return BarrierPosition.MOVING;
  }
}
