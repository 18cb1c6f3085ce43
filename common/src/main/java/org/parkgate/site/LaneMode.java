package org.parkgate.site;

/**
 * How a lane treats vehicles, set from a console by a supervisor with a reason.
 *
 * <ul>
 *   <li>{@code NORMAL}: every vehicle is let through by a credential (and at exits, by paying);
 *   <li>{@code HELD_OPEN}: the barrier stays up for event traffic; each vehicle is still counted;
 *   <li>{@code CLOSED}: nothing passes; the display says the lane is closed;
 *   <li>{@code FREE_EXIT}: exits open for every card with nothing charged (the waiver is recorded).
 * </ul>
 */
public enum LaneMode {
  NORMAL,
  HELD_OPEN,
  CLOSED,
  FREE_EXIT
}
