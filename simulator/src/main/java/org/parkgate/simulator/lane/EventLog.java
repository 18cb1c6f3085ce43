package org.parkgate.simulator.lane;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's bounded in-memory log of what happened at its lanes, oldest first: the lane page
 * and testers read it with GET /events?after=N. Only the newest {@code capacity} events are kept.
 */
public final class EventLog {
  /** How many events the simulator keeps by default. */
  public static final int CAPACITY = 500;

  private final int capacity;
  private final Clock clock;
  private final Deque<LaneEvent> events = new ArrayDeque<>();
  private long last;

  public EventLog(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
    this.clock = clock;
  }

  public EventLog() {
    this(CAPACITY, org.parkgate.time.SharedClock.forMain("simulator"));
  }

  /** Records an event; {@code fields} alternate name and value (a null value is left out). */
  public void add(String lane, LaneEvent.Kind kind, Object... fields) {
    if (fields.length % 2 != 0) {
      throw new IllegalArgumentException("fields come in name and value pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      if (fields[i + 1] != null) {
        map.put((String) fields[i], fields[i + 1]);
      }
    }
    synchronized (this) {
      events.addLast(
          new LaneEvent(++last, clock.instant(), lane, kind, Collections.unmodifiableMap(map)));
      if (events.size() > capacity) {
        events.removeFirst();
      }
    }
  }

  /** The events kept with a number above {@code after}, oldest first, at most {@code limit}. */
  public synchronized List<LaneEvent> after(long after, int limit) {
    List<LaneEvent> found = new ArrayList<>();
    for (LaneEvent e : events) {
      if (e.seq() > after) {
        found.add(e);
        if (found.size() == limit) {
          break;
        }
      }
    }
    return found;
  }

  /** The number of the newest event, 0 before the first. */
  public synchronized long last() {
    return last;
  }

  public int capacity() {
    return capacity;
  }
}
