package org.parkgate.fee;

import java.util.List;
import java.util.Objects;
import org.parkgate.money.Money;

/** A fee and its explanation; the line amounts always add up to the total. */
public record FeeQuote(Money total, List<FeeLine> lines) {
  public FeeQuote {
    Objects.requireNonNull(total, "total");
    lines = List.copyOf(lines);
    long sum = 0;
    for (FeeLine line : lines) {
      sum = Math.addExact(sum, line.amount().minor());
    }
    if (sum != total.minor()) {
      throw new IllegalStateException("lines add up to " + sum + ", not " + total.minor());
    }
  }
}
