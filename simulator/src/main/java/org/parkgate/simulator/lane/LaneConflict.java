package org.parkgate.simulator.lane;

/** An action the lane's current state does not allow; the message says why (HTTP 409). */
public final class LaneConflict extends RuntimeException {
  public LaneConflict(String message) {
    super(message);
  }
}
