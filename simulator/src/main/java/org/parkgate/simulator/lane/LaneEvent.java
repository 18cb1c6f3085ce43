package org.parkgate.simulator.lane;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened at a lane, as the event log keeps it (GET /events, docs/simulator.md).
 *
 * @param seq the log's number for it, from 1, rising by one per event
 * @param fields what the kind names: a plate, a card number, a display row and its text, a device
 *     and its faults
 */
public record LaneEvent(
    long seq, Instant time, String lane, Kind kind, Map<String, Object> fields) {

  /** What happened; {@link #wire()} is the name the control interface sends. */
  public enum Kind {
    VEHICLE_ARRIVED("vehicle.arrived"),
    VEHICLE_BACKED_OFF("vehicle.backedOff"),
    VEHICLE_DRIVING("vehicle.driving"),
    VEHICLE_CLEARED("vehicle.cleared"),
    CAMERA_READ("camera.read"),
    CARD_OFFERED("card.offered"),
    CARD_TAKEN("card.taken"),
    CARD_PRESENTED("card.presented"),
    BARRIER_OPENING("barrier.opening"),
    BARRIER_OPEN("barrier.open"),
    BARRIER_CLOSING("barrier.closing"),
    BARRIER_CLOSED("barrier.closed"),
    BARRIER_STUCK("barrier.stuck"),
    BARRIER_FREED("barrier.freed"),
    BARRIER_HELD("barrier.held"),
    BARRIER_LET_GO("barrier.letGo"),
    UNSAFE_CLOSE("barrier.unsafeClose"),
    DISPLAY_ROW("display.row"),
    FAULTS_SET("faults.set"),
    FAULTS_CLEARED("faults.cleared");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }
}
