package org.parkgate.api;

import java.time.Instant;

/**
 * A batch of the voucher register: as issued, with how many of its codes were used and voided so
 * far ({@code count - used - voided} are left).
 */
public record VoucherBatch(
    long batchNo,
    String issuer,
    String kind,
    int count,
    long used,
    long voided,
    java.time.LocalDate validFrom,
    java.time.LocalDate validTo,
    String note,
    String issuedBy,
    Instant issuedAt) {}
