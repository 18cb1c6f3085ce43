package org.parkgate.fee;

import java.util.Objects;
import org.parkgate.money.Money;

/**
 * One line of a fee's explanation, as shown to the cashier and the driver.
 *
 * @param period the local time span or day the line is about, e.g. "2027-01-09 11:00-12:01"
 * @param rule which rule of the tariff charged it, in words
 * @param quantity how many increments, bands or items the rule charged
 * @param amount what the line adds to the total; negative for caps, vouchers and payments
 */
public record FeeLine(String period, String rule, long quantity, Money amount) {
  public FeeLine {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(amount, "amount");
  }
}
