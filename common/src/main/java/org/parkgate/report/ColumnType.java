package org.parkgate.report;

/**
 * What a report column holds, and so how a cell's value is read: {@link Cell#value()} for the
 * numeric types, {@link Cell#text()} for the others.
 */
public enum ColumnType {
  /** Free text; {@code text}. */
  TEXT,
  /** A count of things; {@code value}. */
  COUNT,
  /** An amount in the column's currency, in minor units (fen); {@code value}. */
  MONEY,
  /**
   * An instant shown in the site's zone, as ISO-8601 with its offset ({@code
   * 2026-10-25T02:00+01:00}), so the repeated hour of a DST change stays two hours; {@code text}.
   */
  TIME,
  /** A day in the site's zone, ISO-8601 ({@code 2026-11-03}); {@code text}. */
  DATE,
  /** A length of time in whole seconds; {@code value}. */
  DURATION,
  /** A share in hundredths of a percent (basis points: 1250 is 12.50%); {@code value}. */
  PERCENT
}
