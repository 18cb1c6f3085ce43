package org.parkgate.simulator.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parkgate.simulator.lane.EventLog;
import org.parkgate.simulator.lane.LaneEvent;

/** GET /events?after=N&limit=M: the event log from after event N, oldest first. */
final class EventsQuery {
  private static final Set<String> FIELDS = Set.of("after", "limit");

  private EventsQuery() {}

  static Map<String, Object> answer(EventLog log, String rawQuery) throws IOException {
    RequestBody query =
        RequestBody.read(InputStream.nullInputStream(), Set.of())
            .withQuery(rawQuery, FIELDS, FIELDS);
    long after = query.integer("after", 0, Long.MAX_VALUE).orElse(0L);
    int limit = query.integer("limit", 1, log.capacity()).orElse((long) log.capacity()).intValue();
    List<LaneEvent> found = log.after(after, limit);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("last", log.last());
    json.put("capacity", log.capacity());
    json.put("events", found.stream().map(EventsQuery::json).toList());
    return json;
  }

  private static Map<String, Object> json(LaneEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("seq", event.seq());
    json.put("time", event.time().toString());
    json.put("lane", event.lane());
    json.put("kind", event.kind().wire());
    json.putAll(event.fields());
    return json;
  }
}
