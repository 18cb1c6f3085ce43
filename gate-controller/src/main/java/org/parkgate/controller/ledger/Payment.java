package org.parkgate.controller.ledger;

import java.time.Instant;
import org.parkgate.money.Money;

/** A payment as recorded: durable once this exists. */
public record Payment(
    long paymentId,
    String receiptNo,
    long stayId,
    String lane,
    Money amount,
    String cashier,
    String requestId,
    Instant paidAt) {}
