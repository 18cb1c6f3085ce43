package org.parkgate.controller.ledger;

import java.time.Instant;

/** A vehicle's visit, open from its entry until its exit is recorded. */
public record Stay(long stayId, String card, String entryLane, Instant enteredAt) {}
