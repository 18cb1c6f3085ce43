package org.parkgate.simulator.fault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The faults switched on for one simulated device: what it does wrong on the wire. Immutable; a
 * device swaps in a whole new set at once, so a half-applied change is never seen.
 *
 * @param noise fraction of the frames the device sends that are preceded by 1-8 garbage bytes
 * @param split frames go out in random chunks with short pauses between them
 * @param merge frames written close together go out in one write
 * @param badCheck fraction of sent frames whose CRC or check is wrong (a line protocol, which has
 *     no check, gets a damaged character instead)
 * @param drop fraction of frames lost: replies and reports, or for a display the frames it is sent
 * @param delayMs how late every frame the device sends goes out
 * @param silent the device stays connected but ignores everything and sends nothing
 * @param disconnect every client connection is closed and new ones are refused
 */
public record Faults(
    double noise,
    boolean split,
    boolean merge,
    double badCheck,
    double drop,
    long delayMs,
    boolean silent,
    boolean disconnect) {

  public static final Faults NONE = new Faults(0, false, false, 0, 0, 0, false, false);
  public static final long MAX_DELAY_MS = 60_000;

  public Faults {
    requireFraction("noise", noise);
    requireFraction("badCheck", badCheck);
    requireFraction("drop", drop);
    if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw new IllegalArgumentException("delayMs must be 0-" + MAX_DELAY_MS + ", not " + delayMs);
    }
  }

  private static void requireFraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be 0-1, not " + value);
    }
  }

  public boolean any() {
    return !equals(NONE);
  }

  /** Field by field, in the order the control interface documents them. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("noise", noise);
    map.put("split", split);
    map.put("merge", merge);
    map.put("badCheck", badCheck);
    map.put("drop", drop);
    map.put("delayMs", delayMs);
    map.put("silent", silent);
    map.put("disconnect", disconnect);
    return map;
  }
}
