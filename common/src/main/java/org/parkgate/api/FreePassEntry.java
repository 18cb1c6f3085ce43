package org.parkgate.api;

import java.time.Instant;
import org.parkgate.money.Money;

/**
 * A free pass in the exemption register: who asked and why, the vehicle and the fee it would waive,
 * and the decision (null fields while none).
 */
public record FreePassEntry(
    long passNo,
    String lane,
    long stayId,
    String card,
    String plate,
    Instant enteredAt,
    Money fee,
    String reason,
    String askedBy,
    Instant askedAt,
    Boolean approved,
    String decidedBy,
    String note,
    Instant decidedAt) {}
