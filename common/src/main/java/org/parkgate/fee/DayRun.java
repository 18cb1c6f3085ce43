package org.parkgate.fee;

/**
 * A run of consecutive whole days each charged the same maximum or day rate, shown as one fee line
 * ("3 x daily maximum 40.00") once the run ends.
 */
final class DayRun {

  private String rule;
  private long from;
  private long to;
  private long days;
  private long each;

  /**
   * Whether the day over [{@code from}, {@code to}) charged {@code each} by {@code rule} continues
   * the run, which then takes it in.
   */
  boolean extend(String rule, long from, long to, long each) {
    if (this.rule != null && this.rule.equals(rule) && this.to == from && this.each == each) {
      this.to = to;
      days++;
      return true;
    }
    return false;
  }

  /** Begins a run with the day over [{@code from}, {@code to}); the last one must be ended. */
  void start(String rule, long from, long to, long each) {
    this.rule = rule;
    this.from = from;
    this.to = to;
    this.days = 1;
    this.each = each;
  }

  boolean isOpen() {
    return rule != null;
  }

  /** The run's line, which ends it. */
  FeeLine end(Tariff tariff) {
    FeeLine line = FeeLine.over(tariff, from, to, rule, days, each * days);
    rule = null;
    return line;
  }
}
