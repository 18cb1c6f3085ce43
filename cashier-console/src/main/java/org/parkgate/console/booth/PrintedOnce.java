package org.parkgate.console.booth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The request ids whose printout already went to the printer, the latest few: a retry's answer
 * never prints twice.
 */
final class PrintedOnce {
  private final Set<String> printed;

  PrintedOnce(int remembered) {
    this.printed =
        Collections.newSetFromMap(
            new LinkedHashMap<>() {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
              }
            });
  }

  /** True the first time {@code requestId} asks, false after. */
  boolean first(String requestId) {
    synchronized (printed) {
      return printed.add(requestId);
    }
  }
}
