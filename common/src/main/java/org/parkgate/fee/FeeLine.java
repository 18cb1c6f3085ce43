package org.parkgate.fee;

import java.util.Currency;
import java.util.Objects;
import org.parkgate.money.Money;

/**
 * One line of a fee's explanation, as shown to the cashier and the driver: the period it is about,
 * e.g. "2027-01-09 11:00-12:01", the rule that charged it, in words, how many increments, bands or
 * items the rule charged, and what the line adds to the total (negative for caps, vouchers and
 * payments).
 *
 * <p>Immutable, and equal to another line with the same four values, as a record would be. It is
 * not one because the engine writes the period's text only when someone reads it, once: a month's
 * quote has a score of lines, and most quotes are asked for their total alone (a pay station's
 * display, a requote at the exit) or for a few of their lines.
 */
public final class FeeLine {

  private final String rule;
  private final long quantity;
  // The amount in its two parts, made into a Money when asked: one object less per line.
  private final long minor;
  private final Currency currency;

  // The period [from, to) as instants, written out in the tariff's zone when first asked; unused
  // (tariff null) when the text was given.
  private final Tariff tariff;
  private final long from;
  private final long to;

  // Written at most once per thread that races to read it, always to the same immutable String,
  // so a reader sees null (and writes it itself) or the whole text: String.hashCode's idiom.
  private String period;

  /**
   * A line whose period is given as text.
   *
   * @param period the local time span or day the line is about, e.g. "2027-01-09 11:00-12:01"
   * @param rule which rule of the tariff charged it, in words
   * @param quantity how many increments, bands or items the rule charged
   * @param amount what the line adds to the total; negative for caps, vouchers and payments
   */
  public FeeLine(String period, String rule, long quantity, Money amount) {
    this(
        Objects.requireNonNull(period, "period"),
        null,
        0,
        0,
        rule,
        quantity,
        Objects.requireNonNull(amount, "amount").minor(),
        amount.currency());
  }

  private FeeLine(
      String period,
      Tariff tariff,
      long from,
      long to,
      String rule,
      long quantity,
      long minor,
      Currency currency) {
    this.period = period;
    this.tariff = tariff;
    this.from = from;
    this.to = to;
    this.rule = Objects.requireNonNull(rule, "rule");
    this.quantity = quantity;
    this.minor = minor;
    this.currency = currency;
  }

  /** A line about the instants [from, to), shown as {@link Tariff#span} writes them. */
  static FeeLine over(Tariff tariff, long from, long to, String rule, long quantity, long amount) {
    return new FeeLine(null, tariff, from, to, rule, quantity, amount, tariff.currency());
  }

  /** The local time span or day the line is about, e.g. "2027-01-09 11:00-12:01". */
  public String period() {
    String text = period;
    if (text == null) {
      text = tariff.span(from, to);
      period = text;
    }
    return text;
  }

  /** Which rule of the tariff charged it, in words. */
  public String rule() {
    return rule;
  }

  /** How many increments, bands or items the rule charged. */
  public long quantity() {
    return quantity;
  }

  /** What the line adds to the total; negative for caps, vouchers and payments. */
  public Money amount() {
    return new Money(minor, currency);
  }

  /** The amount in minor units, for summing a quote's lines. */
  long minor() {
    return minor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeeLine l
        && quantity == l.quantity
        && minor == l.minor
        && currency.equals(l.currency)
        && rule.equals(l.rule)
        && period().equals(l.period());
  }

  @Override
  public int hashCode() {
    int h = period().hashCode();
    h = 31 * h + rule.hashCode();
    h = 31 * h + Long.hashCode(quantity);
    return 31 * h + amount().hashCode();
  }

  @Override
  public String toString() {
    return "FeeLine[period="
        + period()
        + ", rule="
        + rule
        + ", quantity="
        + quantity
        + ", amount="
        + amount()
        + "]";
  }
}
