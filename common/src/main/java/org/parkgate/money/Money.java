package org.parkgate.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units (fen, cents) of one ISO 4217 currency. Never a
 * floating-point number: fees are summed, capped and compared exactly.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(currency, "currency");
  }

  public static Money of(long minor, Currency currency) {
    return new Money(minor, currency);
  }

  public static Money of(long minor, String currencyCode) {
    return new Money(minor, Currency.getInstance(currencyCode));
  }

  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  /**
   * Parses a decimal amount in major units ("11.00", "5", "0.5") exactly; more fraction digits than
   * the currency has is an error, not a rounding.
   */
  public static Money parse(String major, Currency currency) {
    BigDecimal value;
    try {
      value = new BigDecimal(major.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal amount: '" + major + "'");
    }
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    if (value.scale() > digits) {
      value = value.stripTrailingZeros();
      if (value.scale() > digits) {
        throw new IllegalArgumentException(
            "amount '" + major + "' has more than " + digits + " decimals for " + currency);
      }
    }
    return new Money(value.movePointRight(digits).longValueExact(), currency);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(minor, other.minor), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.subtractExact(minor, other.minor), currency);
  }

  public Money times(long factor) {
    return new Money(Math.multiplyExact(minor, factor), currency);
  }

  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public boolean isZero() {
    return minor == 0;
  }

  public boolean isPositive() {
    return minor > 0;
  }

  public boolean isNegative() {
    return minor < 0;
  }

  /** The amount in major units as a plain decimal string with the currency's decimals: "11.00". */
  public String toDecimalString() {
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    return BigDecimal.valueOf(minor, digits).toPlainString();
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return Long.compare(minor, other.minor);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
    }
  }

  @Override
  public String toString() {
    return toDecimalString() + " " + currency.getCurrencyCode();
  }
}
