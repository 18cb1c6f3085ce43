package org.parkgate.simulator.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
  private final Clock clock = Clock.fixed(Instant.parse("2027-01-09T02:00:00Z"), ZoneOffset.UTC);

  @Test
  void keepsOnlyTheNewestEventsAndNumbersThemAll() {
    EventLog log = new EventLog(3, clock);
    for (int i = 0; i < 5; i++) {
      log.add("entry-1", LaneEvent.Kind.CARD_OFFERED, "card", "C" + i);
    }
    assertEquals(5, log.last());
    List<LaneEvent> kept = log.after(0, 10);
    assertEquals(List.of(3L, 4L, 5L), kept.stream().map(LaneEvent::seq).toList());
    assertEquals("C4", kept.get(2).fields().get("card"));
    assertEquals(Instant.parse("2027-01-09T02:00:00Z"), kept.get(0).time());
    assertEquals(List.of(5L), log.after(4, 10).stream().map(LaneEvent::seq).toList());
    assertEquals(List.of(3L), log.after(0, 1).stream().map(LaneEvent::seq).toList());
  }

  @Test
  void aFieldWithoutAValueIsLeftOut() {
    EventLog log = new EventLog(10, clock);
    log.add("exit-1", LaneEvent.Kind.CARD_PRESENTED, "card", "0A1B2C3D4E", "plate", null);
    assertEquals(java.util.Map.of("card", "0A1B2C3D4E"), log.after(0, 1).get(0).fields());
    assertThrows(
        IllegalArgumentException.class, () -> log.add("exit-1", LaneEvent.Kind.CARD_TAKEN, "x"));
    assertThrows(IllegalArgumentException.class, () -> new EventLog(0, clock));
  }
}
