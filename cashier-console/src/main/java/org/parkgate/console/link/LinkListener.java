package org.parkgate.console.link;

import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Welcome;

/** What the controller link reports, always called on the link's own event loop. */
public interface LinkListener {
  /** The controller greeted us; events after our last seq follow. */
  void linkUp(Welcome welcome);

  /** The link is down; it is being retried. */
  void linkDown(String reason);

  /** A new event, in seq order, never one already delivered. */
  void event(ConsoleEvent event);

  /** The controller's history no longer matches ours (its ledger was replaced): forget state. */
  void historyReset();
}
