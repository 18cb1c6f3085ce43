package org.parkgate.fee;

import java.time.Instant;
import java.util.Objects;
import org.parkgate.money.Money;

/** A payment already made for this stay at a pay station, at the given instant. */
public record Prepayment(Instant at, Money amount) {
  public Prepayment {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(amount, "amount");
  }
}
