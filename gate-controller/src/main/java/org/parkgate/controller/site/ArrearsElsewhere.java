package org.parkgate.controller.site;

import java.time.Instant;
import java.util.List;
import org.parkgate.money.Money;

/**
 * What plates owe at the operator's other car parks, as head office last told this site
 * (docs/central.md). Asked at every exit quote, so it answers from memory and never waits.
 */
public interface ArrearsElsewhere {
  /** What {@code plate} owes at one other site: that site, its name, how much, and since when. */
  record Owed(String site, String siteName, Money amount, Instant since) {}

  /** What {@code plate} owes elsewhere, as last heard; empty when nothing or nothing known. */
  List<Owed> of(String plate);

  /** A site that does not ask head office. */
  ArrearsElsewhere NONE = plate -> List.of();
}
