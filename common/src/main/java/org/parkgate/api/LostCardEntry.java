package org.parkgate.api;

import java.time.Instant;
import org.parkgate.money.Money;

/**
 * One line of the lost-card register: the form as registered, the fee, the decision (null fields
 * while none) and the receipt of the payment that settled it (null while unpaid).
 */
public record LostCardEntry(
    long lostCardNo,
    String lane,
    long stayId,
    boolean matched,
    String card,
    LostCardForm form,
    String entryPlate,
    String exitPlate,
    Money parkingFee,
    Money replacementFee,
    Money due,
    String registeredBy,
    Instant registeredAt,
    LostCardStatus status,
    String decidedBy,
    Instant decidedAt,
    String note,
    String receiptNo) {}
