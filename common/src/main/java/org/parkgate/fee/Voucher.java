package org.parkgate.fee;

/**
 * A voucher the tariff accepts. Vouchers apply in this order whatever order they were presented in:
 * time off, then percentages, then amounts, then free; so the same vouchers always give the same
 * fee.
 */
record Voucher(String code, Kind kind, long value) {

  enum Kind {
    /** value: seconds taken off the end of the stay. */
    TIME,
    /** value: basis points (1/100 of a percent) off the parking fee. */
    PERCENT,
    /** value: minor units off the parking fee, never below zero. */
    AMOUNT,
    /** The parking fee becomes zero. */
    FREE
  }
}
