package org.parkgate.controller.lane;

/** What a barrier's I/O module reports: its loops, its limits and its fault line. */
public record BarrierInputs(
    boolean armingLoop, boolean safetyLoop, boolean openLimit, boolean closedLimit, boolean fault) {

  public static final BarrierInputs UNKNOWN = new BarrierInputs(false, false, false, false, false);

  public boolean vehiclePresent() {
    return armingLoop || safetyLoop;
  }

  /** Barrier position as shown to people: open, closed or moving. */
  public String position() {
    if (openLimit && !closedLimit) {
      return "open";
    }
    if (closedLimit && !openLimit) {
      return "closed";
    }
    return "moving";
  }
}
