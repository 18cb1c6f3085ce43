package org.parkgate.api;

import java.time.Instant;
import org.parkgate.money.Money;

/**
 * A barrier lifted by hand in the exemption register; {@code stayId} 0 and {@code due} null when no
 * card had been read.
 */
public record ManualLiftEntry(
    long liftNo, String lane, long stayId, Money due, String reason, String by, Instant at) {}
