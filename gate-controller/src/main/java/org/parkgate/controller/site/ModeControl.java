package org.parkgate.controller.site;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Said;
import org.parkgate.controller.ledger.LaneModes;
import org.parkgate.site.LaneMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's side of lane modes: checks a supervisor's request, records it, and knows each lane's
 * mode as the ledger has it. Call on the ledger thread, except {@link #refusal}.
 */
public final class ModeControl {
  private static final Logger log = LoggerFactory.getLogger(ModeControl.class);
  static final int MAX_TEXT = 200;

  private final LaneModes modes;
  private Map<String, LaneModes.Change> current;

  public ModeControl(LaneModes modes) {
    this.modes = modes;
  }

  /** Why the request cannot be carried out, or null if it can. */
  public static String refusal(ConsoleCommand.SetLaneMode cmd, Set<String> lanes) {
    if (cmd.lane() == null || !lanes.contains(cmd.lane())) {
      return Said.of(
          "没有车道 '" + cmd.lane() + "'（车道：" + String.join(", ", lanes) + "）",
          "unknown lane '" + cmd.lane() + "' (lanes: " + String.join(", ", lanes) + ")");
    }
    if (cmd.mode() == null) {
      return Said.of(
          "设置车道模式须选择模式：normal、held_open、closed 或 free_exit",
          "a mode change needs a mode: one of normal, held_open, closed, free_exit");
    }
    if (blank(cmd.reason())) {
      return Said.of("设置车道模式须填写原因", "a mode change needs a reason");
    }
    if (cmd.reason().length() > MAX_TEXT) {
      return Said.of(
          "原因最多 " + MAX_TEXT + " 个字", "the reason is at most " + MAX_TEXT + " characters");
    }
    return null;
  }

  /** Records the change (once per request id) and remembers it as the lane's mode. */
  public LaneModes.Outcome set(ConsoleCommand.SetLaneMode cmd, String by, Instant at) {
    LaneModes.Outcome outcome =
        modes.set(cmd.requestId(), cmd.lane(), cmd.mode(), by, cmd.reason().trim(), at);
    if (outcome.made()) {
      current().put(cmd.lane(), outcome.change());
      log.info(
          "{}: mode {} set by {}: {}",
          cmd.lane(),
          cmd.mode(),
          outcome.change().by(),
          outcome.change().reason());
    }
    return outcome;
  }

  /** The lane's last recorded change; empty when it was never changed (so it is NORMAL). */
  public Optional<LaneModes.Change> of(String lane) {
    return Optional.ofNullable(current().get(lane));
  }

  public LaneMode mode(String lane) {
    return of(lane).map(LaneModes.Change::mode).orElse(LaneMode.NORMAL);
  }

  /**
   * Gives every lane its last recorded mode, so a restart does not reopen a closed lane.
   *
   * @param lanes the site's lanes now
   * @param deliver hands a mode to a lane
   */
  public void restore(Set<String> lanes, BiConsumer<String, LaneMode> deliver) {
    for (LaneModes.Change c : current().values()) {
      if (!lanes.contains(c.lane())) {
        log.warn("{}: recorded mode {} for a lane the site no longer has", c.lane(), c.mode());
        continue;
      }
      if (c.mode() != LaneMode.NORMAL) {
        log.info("{}: restoring mode {} set by {} at {}", c.lane(), c.mode(), c.by(), c.at());
      }
      deliver.accept(c.lane(), c.mode());
    }
  }

  private Map<String, LaneModes.Change> current() {
    if (current == null) {
      current = new HashMap<>(modes.current());
    }
    return current;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
