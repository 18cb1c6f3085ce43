package org.parkgate.api;

import java.time.Instant;
import org.parkgate.money.Money;

/**
 * One code of the register, as printed ({@code ABCD-EFGH-JK}), and what became of it on the site's
 * day it was read: used (at {@code lane} for stay {@code stayId}, by {@code usedBy}, the due before
 * and after it, and {@code receiptNo} of the payment that followed, null when nothing was left to
 * pay), voided (by whom and why), expired or unused.
 */
public record VoucherEntry(
    String code,
    long batchNo,
    String kind,
    String issuer,
    java.time.LocalDate validFrom,
    java.time.LocalDate validTo,
    VoucherStatus status,
    String lane,
    long stayId,
    Money dueBefore,
    Money dueAfter,
    String usedBy,
    Instant usedAt,
    String receiptNo,
    String voidedBy,
    String voidReason,
    Instant voidedAt) {}
