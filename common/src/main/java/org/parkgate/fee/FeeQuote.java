package org.parkgate.fee;

import java.util.List;
import java.util.Objects;
import org.parkgate.money.Money;

/**
 * A fee and its explanation; the line amounts always add up to the total. {@code tariff} names the
 * published tariff version that priced it, or is null when the tariff was not taken from a ledger
 * (the fee command, a test).
 */
public record FeeQuote(Money total, List<FeeLine> lines, TariffRef tariff) {
  public FeeQuote {
    Objects.requireNonNull(total, "total");
    long sum = 0;
    if (lines instanceof FeeLines made) {
      // The engine's own lines, kept with their sum and made when read.
      lines = made.seal();
      sum = made.sumMinor();
    } else {
      lines = List.copyOf(lines);
      for (FeeLine line : lines) {
        sum = Math.addExact(sum, line.minor());
      }
    }
    if (sum != total.minor()) {
      throw new IllegalStateException("lines add up to " + sum + ", not " + total.minor());
    }
  }

  public FeeQuote(Money total, List<FeeLine> lines) {
    this(total, lines, null);
  }

  /** This fee, priced by the published tariff {@code version}. */
  public FeeQuote pricedBy(TariffRef version) {
    return new FeeQuote(total, lines, version);
  }
}
