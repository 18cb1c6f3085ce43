package org.parkgate.console.booth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parkgate.api.ConsoleEvent;

/**
 * The incidents the booth has heard of and nobody has resolved yet, oldest first, for the page to
 * resolve with a note: a shift cannot close while one raised since it opened is open. Only the
 * newest {@link #KEPT} are kept; an older one still open is named by the controller's refusal.
 */
final class OpenIncidents {
  static final int KEPT = 100;

  private final Map<Long, ConsoleEvent.Incident> open = new LinkedHashMap<>();

  /** Notes an incident, or forgets one resolved; other events change nothing. */
  void apply(ConsoleEvent event) {
    if (event instanceof ConsoleEvent.Incident i && i.incidentNo() != null) {
      open.put(i.incidentNo(), i);
      while (open.size() > KEPT) {
        open.remove(open.keySet().iterator().next());
      }
    } else if (event instanceof ConsoleEvent.IncidentResolved r) {
      open.remove(r.incidentNo());
    }
  }

  void clear() {
    open.clear();
  }

  List<OpenIncident> view(BoothFormat format) {
    return open.values().stream()
        .map(
            i ->
                new OpenIncident(
                    i.incidentNo(),
                    i.lane(),
                    i.kind().name(),
                    format.dateTime(i.at()),
                    i.detail() == null ? "" : i.detail()))
        .toList();
  }

  /** The log line of an event about the shift's end, or null for any other event. */
  static String describe(ConsoleEvent event) {
    if (event instanceof ConsoleEvent.IncidentResolved r) {
      return "异常事件已处理 Incident resolved #" + r.incidentNo() + " · " + r.note() + " · " + r.by();
    } else if (event instanceof ConsoleEvent.ShiftHandedOver h) {
      return "交接班 Handover · 班次 Shift #"
          + h.closedShiftNo()
          + " "
          + h.from()
          + " → "
          + h.to()
          + " · 班次 Shift #"
          + h.openedShiftNo()
          + " 备用金 Float "
          + BoothFormat.money(h.cashFloat());
    }
    return null;
  }

  /** An incident waiting for a note, as the page lists it. */
  public record OpenIncident(long incidentNo, String lane, String kind, String at, String detail) {}
}
