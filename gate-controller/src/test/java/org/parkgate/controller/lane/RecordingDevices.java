package org.parkgate.controller.lane;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parkgate.controller.device.LaneDevices;

/**
 * A lane's devices as a list of what the lane told them, in order: {@code issue}, {@code open},
 * {@code close} and {@code show <first row>}; safe to read from the test's thread.
 */
public final class RecordingDevices implements LaneDevices {
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private volatile List<String> display = List.of();

  /** Everything the lane commanded, display rows as {@code show <first row>}. */
  public List<String> commands() {
    return commands;
  }

  /** The barrier and card commands alone. */
  public List<String> actions() {
    return commands.stream().filter(c -> !c.startsWith("show ")).toList();
  }

  /** The rows the display shows now. */
  public List<String> display() {
    return display;
  }

  @Override
  public void issueCard() {
    commands.add("issue");
  }

  @Override
  public void openBarrier() {
    commands.add("open");
  }

  @Override
  public void closeBarrier() {
    commands.add("close");
  }

  @Override
  public void show(List<String> rows) {
    display = List.copyOf(rows);
    commands.add("show " + rows.get(0));
  }

  @Override
  public void close() {}
}
