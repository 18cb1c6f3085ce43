package org.parkgate.fee;

/**
 * What a driver without the card pays: a parking fee decided by {@link Mode}, plus the card
 * replacement fee.
 *
 * @param amount the lost-card parking fee in minor units, already resolved from the tariff for
 *     every mode except {@link Mode#STAY}
 * @param notLessThanStay when the entry is matched, never charge less than the stay itself costs
 */
record LostCardRule(
    Mode mode, long amount, String description, long replacementFee, boolean notLessThanStay) {

  enum Mode {
    /** The fee computed from the matched entry record. */
    STAY,
    FLAT,
    /** The tariff's daily maximum. */
    DAY_MAXIMUM,
    /** The price of a named band of one of the rules. */
    BAND
  }
}
