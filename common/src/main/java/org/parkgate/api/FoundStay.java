package org.parkgate.api;

import java.time.Instant;
import org.parkgate.money.Money;

/**
 * One open stay: its card, where and when it entered, what the entry camera saw (null fields when
 * nothing was read), and the fee due now with a lost card (null when a season card covers it).
 */
public record FoundStay(
    long stayId,
    String card,
    String entryLane,
    Instant enteredAt,
    String plate,
    String vehicleClass,
    String colour,
    Money lostCardFee) {}
