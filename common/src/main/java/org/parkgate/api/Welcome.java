package org.parkgate.api;

import java.time.ZoneId;
import java.util.List;

/** The controller's answer to {@link ConsoleCommand.Hello}: the site and its newest event. */
public record Welcome(
    String siteId, String siteName, ZoneId zone, String currency, long lastSeq, List<String> lanes)
    implements ApiMessage {
  public Welcome {
    lanes = List.copyOf(lanes);
  }
}
