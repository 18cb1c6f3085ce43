package org.parkgate.fee;

import org.parkgate.api.Said;

/**
 * A request the fee engine will not price, with one line that says why in the booth's two languages
 * ("中文 · English", see {@link Said}). It is an {@link IllegalArgumentException}, so callers that
 * already turn those into a refusal keep doing so; {@link #reason()} tells them apart.
 */
public final class FeeRefusal extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Why a request is refused. */
  public enum Reason {
    /** A vehicle class the tariff does not price. */
    UNKNOWN_CLASS,
    /** A voucher code the tariff does not know. */
    UNKNOWN_VOUCHER,
    /** No version of the tariff is in force at entry. */
    NO_VERSION,
    /** The stay is longer than the tariff's {@code maxStay}. */
    STAY_TOO_LONG,
    /** A local time that happens twice (the clocks went back) given without its offset. */
    AMBIGUOUS_LOCAL_TIME,
    /** A local time that never happens (the clocks went forward). */
    NO_SUCH_LOCAL_TIME,
    /** A payment in another currency than the tariff's. */
    OTHER_CURRENCY
  }

  private final Reason reason;

  FeeRefusal(Reason reason, String zh, String en) {
    super(Said.of(zh, en));
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
