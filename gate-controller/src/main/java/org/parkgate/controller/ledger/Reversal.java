package org.parkgate.controller.ledger;

import java.time.Instant;
import org.parkgate.money.Money;

/** A reversing entry: cancels the payment with {@code receiptNo}, which itself stays unchanged. */
public record Reversal(
    long reversalId,
    long paymentId,
    String receiptNo,
    Money amount,
    String supervisor,
    String reason,
    String requestId,
    Instant reversedAt) {}
