package org.parkgate.simulator.lane;

import java.util.Arrays;
import java.util.List;
import org.parkgate.device.display.DisplayText;

/** What the lane display shows: each row as last written by the controller. */
public final class DisplayRows {
  private final String[] rows = new String[DisplayText.MAX_ROW + 1];
  private final String lane;
  private final EventLog events;

  public DisplayRows() {
    this("", new EventLog());
  }

  /** Rows of {@code lane}'s display; each row that changes goes into {@code events}. */
  public DisplayRows(String lane, EventLog events) {
    this.lane = lane;
    this.events = events;
    Arrays.fill(rows, "");
  }

  public synchronized void show(DisplayText line) {
    if (!rows[line.row()].equals(line.text())) {
      events.add(lane, LaneEvent.Kind.DISPLAY_ROW, "row", line.row(), "text", line.text());
    }
    rows[line.row()] = line.text();
  }

  /** All rows, top first, with trailing empty rows left off. */
  public synchronized List<String> rows() {
    int last = rows.length;
    while (last > 0 && rows[last - 1].isEmpty()) {
      last--;
    }
    return List.of(Arrays.copyOf(rows, last));
  }
}
